package org.pluginreview.review;

import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.ReleaseDecision;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.springframework.stereotype.Component;

/** Delegates and listeners after approval: grayscale, go-live, return to development. */
final class ReleaseSteps {

  private ReleaseSteps() {}

  /** Runs when the release task completes, from our API or Tasklist; the gateway routes on what it checked. */
  @Component("checkReleaseDecision")
  static class CheckReleaseDecision implements TaskListener {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    CheckReleaseDecision(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      ReleaseDecision decision =
          StepVariables.decision(task, ReviewProcess.Var.RELEASE_DECISION, ReleaseDecision.class);
      Integer percentage = lifecycle.decideRelease(StepVariables.actor(identityService), StepVariables.review(task),
          decision, ReviewProcess.Var.GRAY_PERCENTAGE.get(task), StepVariables.expectedRevision(task));
      StepVariables.decided(task, ReviewProcess.Var.RELEASE_DECISION, decision.name());
      StepVariables.decided(task, ReviewProcess.Var.GRAY_PERCENTAGE, percentage == null ? null : percentage.longValue());
    }
  }

  /** One release step: carries out the owner's recorded decision. */
  private abstract static class ReleaseStep implements JavaDelegate {
    private final Consumer<Review> step;

    ReleaseStep(Consumer<Review> step) {
      this.step = step;
    }

    @Override
    public void execute(DelegateExecution execution) {
      step.accept(StepVariables.review(execution));
    }
  }

  @Component("startGrayscale")
  static class StartGrayscale extends ReleaseStep {
    StartGrayscale(VersionLifecycle lifecycle) {
      super(lifecycle::startGray);
    }
  }

  @Component("raiseGrayscale")
  static class RaiseGrayscale extends ReleaseStep {
    RaiseGrayscale(VersionLifecycle lifecycle) {
      super(lifecycle::raiseGray);
    }
  }

  @Component("cancelGrayscale")
  static class CancelGrayscale extends ReleaseStep {
    CancelGrayscale(VersionLifecycle lifecycle) {
      super(lifecycle::cancelGray);
    }
  }

  @Component("releaseVersion")
  static class ReleaseVersion extends ReleaseStep {
    ReleaseVersion(VersionLifecycle lifecycle) {
      super(lifecycle::release);
    }
  }

  @Component("returnToDevelopment")
  static class ReturnToDevelopment extends ReleaseStep {
    ReturnToDevelopment(VersionLifecycle lifecycle) {
      super(lifecycle::returnToDevelopment);
    }
  }
}
