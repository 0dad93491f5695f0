package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.pluginreview.plugin.PluginService;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/** Delegates and listeners of the manual review and its escalation. */
final class ReviewSteps {

  private ReviewSteps() {}

  /** Runs when the review task completes, from our API or Tasklist: the one place four eyes is enforced. */
  @Component("recordReviewDecision")
  static class RecordReviewDecision implements TaskListener {
    private final PluginService service;
    private final IdentityService identityService;

    RecordReviewDecision(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Actor actor = Actor.required(identityService);
      service.checkReviewDecision(actor, StepVariables.pluginId(task), StepVariables.version(task),
          StepVariables.string(task, ReviewProcess.Var.REVIEW_DECISION),
          StepVariables.string(task, ReviewProcess.Var.REJECT_CATEGORY),
          StepVariables.string(task, ReviewProcess.Var.REVIEW_COMMENT));
      task.getExecution().setVariable(ReviewProcess.Var.REVIEWER, actor.userId());
    }
  }

  @Component("approveVersion")
  static class ApproveVersion implements JavaDelegate {
    private final PluginService service;

    ApproveVersion(PluginService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.approve(StepVariables.string(execution, ReviewProcess.Var.REVIEWER), StepVariables.pluginId(execution),
          StepVariables.version(execution), StepVariables.string(execution, ReviewProcess.Var.REVIEW_COMMENT));
    }
  }

  @Component("rejectVersion")
  static class RejectVersion implements JavaDelegate {
    private final PluginService service;

    RejectVersion(PluginService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.reject(StepVariables.string(execution, ReviewProcess.Var.REVIEWER), StepVariables.pluginId(execution),
          StepVariables.version(execution), StepVariables.string(execution, ReviewProcess.Var.REJECT_CATEGORY),
          StepVariables.string(execution, ReviewProcess.Var.REVIEW_COMMENT));
    }
  }

  /** Overdue review: first in the queue, review leads may take it, and the history says so. It stays open. */
  @Component("escalateReview")
  static class EscalateReview implements JavaDelegate {
    private final PluginService service;
    private final TaskService taskService;
    private final ReviewSettings settings;

    EscalateReview(PluginService service, TaskService taskService, ReviewSettings settings) {
      this.service = service;
      this.taskService = taskService;
      this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Task review = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).singleResult();
      if (review == null) {
        return; // decided or withdrawn in the meantime
      }
      if (review.getPriority() < ReviewProcess.ESCALATED_PRIORITY) {
        review.setPriority(ReviewProcess.ESCALATED_PRIORITY);
        taskService.saveTask(review);
      }
      boolean leadsAlready = taskService.getIdentityLinksForTask(review.getId()).stream()
          .anyMatch(link -> Actor.REVIEW_LEADS.equals(link.getGroupId()));
      if (!leadsAlready) {
        taskService.addCandidateGroup(review.getId(), Actor.REVIEW_LEADS);
      }
      service.recordEscalation(StepVariables.pluginId(execution), StepVariables.version(execution),
          "review waited longer than " + settings.getSla() + "; escalated to " + Actor.REVIEW_LEADS);
    }
  }
}
