package org.pluginreview.review;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
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
      List<String> findings = findings(StepVariables.text(task, ReviewProcess.Var.REVIEW_FINDINGS));
      lifecycle.decideReview(actor, StepVariables.review(task), task.getAssignee(), decision, category, comment,
          findings, StepVariables.expectedRevision(task));
      if (task.getAssignee() == null) {
        task.setAssignee(actor.userId()); // the engine's history then names who decided
      }
      StepVariables.decided(task, ReviewProcess.Var.REVIEW_DECISION, decision.name());
      StepVariables.decided(task, ReviewProcess.Var.REJECT_CATEGORY,
          decision == ReviewDecision.REJECT ? category : null);
      StepVariables.decided(task, ReviewProcess.Var.REVIEW_COMMENT, comment == null || comment.isBlank() ? null : comment);
    }

    /** "2.1, 4.2" as the form's text field sends it, or as the API joins the list. */
    static List<String> findings(String text) {
      return text == null || text.isBlank() ? List.of()
          : Arrays.stream(text.split("[,\\s]+")).filter(f -> !f.isBlank()).toList();
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

  /**
   * The owner's expedite message: the lifecycle checks it (the owner, once a review, the monthly quota), then
   * the task goes up the queue, its card says why, and both its due date and its overdue timer come forward.
   */
  @Component("expediteReview")
  static class ExpediteReview implements JavaDelegate {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;
    private final ReviewSettings settings;

    ExpediteReview(VersionLifecycle lifecycle, IdentityService identityService, ReviewSettings settings) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
      this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String reason = ReviewProcess.Var.REASON.getTransient(execution);
      lifecycle.expedite(StepVariables.actor(identityService), StepVariables.review(execution), reason);
      // the owner's own call: the task and its timer change as entities of this command, which the engine
      // guard would refuse the owner as task commands
      CommandContext context = Context.getCommandContext();
      TaskEntity review = context.getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())
          .stream().filter(t -> ReviewProcess.USER_TASK_REVIEW.equals(t.getTaskDefinitionKey())).findFirst()
          .orElseThrow();
      Date due = Date.from(review.getCreateTime().toInstant().plus(settings.expedited()));
      if (review.getPriority() < ReviewProcess.EXPEDITED_PRIORITY) {
        review.setPriority(ReviewProcess.EXPEDITED_PRIORITY);
      }
      if (review.getDueDate() == null || review.getDueDate().after(due)) {
        review.setDueDate(due);
      }
      review.setVariableLocal(ReviewProcess.Detail.EXPEDITED, "Expedited (加急): " + reason.strip());
      context.getJobManager().findJobsByProcessInstanceId(execution.getProcessInstanceId()).stream()
          .filter(job -> job instanceof TimerEntity && ReviewProcess.BOUNDARY_REVIEW_OVERDUE.equals(job.getActivityId()))
          .filter(job -> job.getDuedate().after(due))
          .forEach(job -> job.setDuedate(due));
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
