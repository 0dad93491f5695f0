package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.plugin.PluginService;
import org.pluginreview.plugin.SelfCheckItem;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/** Delegates and listeners from submit to the manual review. */
final class SubmissionSteps {

  private SubmissionSteps() {}

  /** First step of every start, from our API or engine-rest: applies the submit rules to the record. */
  @Component("markVersionSubmitted")
  static class MarkVersionSubmitted implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    MarkVersionSubmitted(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      String pluginId = StepVariables.requestedPluginId(execution);
      String version = StepVariables.requestedVersion(execution);
      Actor actor = Actor.current(identityService);
      if (actor == null) {
        throw ErrorCode.UNAUTHENTICATED.exception("A review can only be started by an authenticated owner.");
      }
      service.markSubmitted(actor, pluginId, version, execution.getProcessInstanceId());
      execution.setProcessBusinessKey(ReviewProcess.businessKey(pluginId, version));
      execution.setVariable(ReviewProcess.Var.SUBMITTER, actor.userId());
    }
  }

  @Component("confirmSelfCheck")
  static class ConfirmSelfCheck implements TaskListener {
    private final PluginService service;
    private final IdentityService identityService;

    ConfirmSelfCheck(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Set<SelfCheckItem> ticked = EnumSet.noneOf(SelfCheckItem.class);
      ReviewProcess.SELF_CHECK_VARIABLES.forEach((item, variable) -> {
        if (Boolean.TRUE.equals(task.getVariable(variable))) {
          ticked.add(item);
        }
      });
      service.confirmSelfCheck(Actor.required(identityService), StepVariables.pluginId(task),
          StepVariables.version(task), ticked);
    }
  }

  @Component("runPreReview")
  static class RunPreReview implements JavaDelegate {
    private final PluginService service;

    RunPreReview(PluginService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      boolean passed = service.preReview(StepVariables.pluginId(execution), StepVariables.version(execution));
      execution.setVariable(ReviewProcess.Var.PRE_REVIEW_PASSED, passed);
    }
  }

  @Component("sendVersionToReview")
  static class SendVersionToReview implements JavaDelegate {
    private final PluginService service;

    SendVersionToReview(PluginService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.sendToReview(Actor.SYSTEM, StepVariables.pluginId(execution), StepVariables.version(execution));
    }
  }

  @Component("returnWithFindings")
  static class ReturnWithFindings implements JavaDelegate {
    private final PluginService service;

    ReturnWithFindings(PluginService service) {
      this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.returnWithFindings(Actor.SYSTEM, StepVariables.pluginId(execution), StepVariables.version(execution));
    }
  }

  @Component("withdrawVersion")
  static class WithdrawVersion implements JavaDelegate {
    private final PluginService service;
    private final IdentityService identityService;

    WithdrawVersion(PluginService service, IdentityService identityService) {
      this.service = service;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      service.withdrawn(StepVariables.actor(identityService, execution, ReviewProcess.Var.SUBMITTER),
          StepVariables.pluginId(execution), StepVariables.version(execution));
    }
  }
}
