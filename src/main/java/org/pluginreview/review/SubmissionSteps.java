package org.pluginreview.review;

import java.util.EnumSet;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.SelfCheckItem;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/** Delegates and listeners from submit to the manual review. */
final class SubmissionSteps {

  private SubmissionSteps() {}

  /** First step of every start, from our API or engine-rest: the submit rules, for whoever started it. */
  @Component("markVersionSubmitted")
  static class MarkVersionSubmitted implements JavaDelegate {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    MarkVersionSubmitted(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Review review = StepVariables.requested(execution);
      Actor actor = StepVariables.actor(identityService);
      lifecycle.submit(actor, review, StepVariables.expectedRevision(execution));
      execution.setProcessBusinessKey(ReviewProcess.businessKey(review.pluginId(), review.version()));
      execution.getProcessInstance().setVariableLocal(ReviewProcess.Var.SUBMITTER.name(), actor.userId());
    }
  }

  @Component("confirmSelfCheck")
  static class ConfirmSelfCheck implements TaskListener {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    ConfirmSelfCheck(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Set<SelfCheckItem> ticked = EnumSet.noneOf(SelfCheckItem.class);
      ReviewProcess.SELF_CHECK_VARIABLES.forEach((item, variable) -> {
        if (Boolean.TRUE.equals(variable.get(task))) {
          ticked.add(item);
        }
      });
      lifecycle.confirmSelfCheck(StepVariables.actor(identityService), StepVariables.review(task), ticked,
          StepVariables.expectedRevision(task));
    }
  }

  @Component("runPreReview")
  static class RunPreReview implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    RunPreReview(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean passed = lifecycle.preReview(StepVariables.review(execution));
      execution.getProcessInstance().setVariableLocal(ReviewProcess.Var.PRE_REVIEW_PASSED.name(), passed);
    }
  }

  @Component("sendVersionToReview")
  static class SendVersionToReview implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    SendVersionToReview(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.sendToReview(StepVariables.review(execution));
    }
  }

  @Component("returnWithFindings")
  static class ReturnWithFindings implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    ReturnWithFindings(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.returnWithFindings(StepVariables.review(execution));
    }
  }

  /** The withdraw message may come from engine-rest too; the owner rule is the lifecycle's. */
  @Component("withdrawVersion")
  static class WithdrawVersion implements JavaDelegate {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    WithdrawVersion(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.withdraw(StepVariables.actor(identityService), StepVariables.review(execution),
          StepVariables.expectedRevision(execution));
    }
  }
}
