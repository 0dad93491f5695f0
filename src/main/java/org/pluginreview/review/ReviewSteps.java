package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/** Delegates and listeners of the manual review and its escalation. */
final class ReviewSteps {

  private ReviewSteps() {}

  /**
   * Runs when the review task completes, from our API, Tasklist or engine-rest: the lifecycle checks and
   * records the decision of the person the engine says completed it, and the gateway routes on exactly
   * that decision.
   */
  @Component("recordReviewDecision")
  static class RecordReviewDecision implements TaskListener {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    RecordReviewDecision(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Actor actor = StepVariables.actor(identityService);
      ReviewDecision decision = StepVariables.decision(task, ReviewProcess.Var.REVIEW_DECISION, ReviewDecision.class);
      String category = StepVariables.text(task, ReviewProcess.Var.REJECT_CATEGORY);
      String comment = StepVariables.text(task, ReviewProcess.Var.REVIEW_COMMENT);
      lifecycle.decideReview(actor, StepVariables.review(task), task.getAssignee(), decision, category, comment,
          StepVariables.expectedRevision(task));
      if (task.getAssignee() == null) {
        task.setAssignee(actor.userId()); // the engine's history then names who decided
      }
      StepVariables.decided(task, ReviewProcess.Var.REVIEW_DECISION, decision.name());
      StepVariables.decided(task, ReviewProcess.Var.REJECT_CATEGORY,
          decision == ReviewDecision.REJECT ? category : null);
      StepVariables.decided(task, ReviewProcess.Var.REVIEW_COMMENT, comment == null || comment.isBlank() ? null : comment);
    }
  }

  @Component("approveVersion")
  static class ApproveVersion implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    ApproveVersion(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.approve(StepVariables.review(execution));
    }
  }

  @Component("rejectVersion")
  static class RejectVersion implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    RejectVersion(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.reject(StepVariables.review(execution));
    }
  }

  /** Overdue review: first in the queue, review leads may take it, and the history says so. It stays open. */
  @Component("escalateReview")
  static class EscalateReview implements JavaDelegate {
    private final VersionLifecycle lifecycle;
    private final TaskService taskService;
    private final ReviewSettings settings;

    EscalateReview(VersionLifecycle lifecycle, TaskService taskService, ReviewSettings settings) {
      this.lifecycle = lifecycle;
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
      lifecycle.escalate(StepVariables.review(execution),
          "review waited longer than " + settings.getSla() + "; escalated to " + Actor.REVIEW_LEADS);
    }
  }
}
