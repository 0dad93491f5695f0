package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.plugin.PluginService;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/** Delegates and listeners after approval: grayscale, go-live, return to development. */
final class ReleaseSteps {

  private ReleaseSteps() {}

  private static Actor actor(IdentityService identityService, DelegateExecution execution) {
    return StepVariables.actor(identityService, execution, ReviewProcess.Var.RELEASE_ACTOR);
  }

  private static int percentage(DelegateExecution execution) {
    return ((Number) execution.getVariable(ReviewProcess.Var.GRAY_PERCENTAGE)).intValue();
  }

  @Component("checkReleaseDecision")
  static class CheckReleaseDecision implements TaskListener {
    private final PluginService service;
    private final IdentityService identityService;

    CheckReleaseDecision(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Actor actor = Actor.required(identityService);
      service.checkReleaseDecision(actor, StepVariables.pluginId(task), StepVariables.version(task),
          StepVariables.string(task, ReviewProcess.Var.RELEASE_DECISION),
          task.getVariable(ReviewProcess.Var.GRAY_PERCENTAGE));
      task.getExecution().setVariable(ReviewProcess.Var.RELEASE_ACTOR, actor.userId());
    }
  }

  @Component("startGrayscale")
  static class StartGrayscale implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    StartGrayscale(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.grayStarted(actor(identityService, execution), StepVariables.pluginId(execution),
          StepVariables.version(execution), percentage(execution));
    }
  }

  @Component("raiseGrayscale")
  static class RaiseGrayscale implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    RaiseGrayscale(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.grayRaised(actor(identityService, execution), StepVariables.pluginId(execution),
          StepVariables.version(execution), percentage(execution));
    }
  }

  @Component("cancelGrayscale")
  static class CancelGrayscale implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    CancelGrayscale(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.grayCancelled(actor(identityService, execution), StepVariables.pluginId(execution),
          StepVariables.version(execution));
    }
  }

  @Component("releaseVersion")
  static class ReleaseVersion implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    ReleaseVersion(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.released(actor(identityService, execution), StepVariables.pluginId(execution),
          StepVariables.version(execution));
    }
  }

  @Component("returnToDevelopment")
  static class ReturnToDevelopment implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    ReturnToDevelopment(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.returnedToDevelopment(actor(identityService, execution), StepVariables.pluginId(execution),
          StepVariables.version(execution));
    }
  }
}
