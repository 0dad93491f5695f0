package org.pluginreview.review;

import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.lifecycle.AppealDecision;
import org.pluginreview.lifecycle.Plugin;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/**
 * The appeal: an instance of the review started at its message start event, which a review lead decides.
 * Upheld, it joins the release part of the same model; denied, the rejection stays.
 */
final class AppealSteps {

  private AppealSteps() {}

  /** First step of an appeal from any surface: the appeal rules, for whoever sent the message. */
  @Component("fileAppeal")
  static class FileAppeal implements JavaDelegate {
    private final VersionLifecycle lifecycle;
    private final VersionStore store;
    private final IdentityService identityService;

    FileAppeal(VersionLifecycle lifecycle, VersionStore store, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.store = store;
      this.identityService = identityService;
    }

    @Override
    public void execute(DelegateExecution execution) {
      Review appeal = StepVariables.review(execution);
      lifecycle.appeal(StepVariables.actor(identityService), appeal, ReviewProcess.Var.REASON.getTransient(execution));
      // the release task that follows an upheld appeal goes to the version's submitter, from the record
      store.version(appeal.pluginId(), appeal.version()).map(PluginVersion::getSubmitter).ifPresent(submitter ->
          execution.getProcessInstance().setVariableLocal(ReviewProcess.Var.SUBMITTER.name(), submitter));
    }
  }

  /** Four eyes: the submitter, the owner and the reviewer who rejected do not see the appeal at all. */
  @Component("hideAppealFromReviewAndSubmitter")
  static class HideAppeal implements TaskListener {
    private final VersionStore store;
    private final AuthorizationService authorizations;
    private final IdentityService identities;

    HideAppeal(VersionStore store, AuthorizationService authorizations, IdentityService identities) {
      this.store = store;
      this.authorizations = authorizations;
      this.identities = identities;
    }

    @Override
    public void notify(DelegateTask task) {
      Review appeal = StepVariables.review(task);
      PluginVersion version = store.version(appeal.pluginId(), appeal.version()).orElse(null);
      if (version == null) {
        return;
      }
      Set<String> involved = new LinkedHashSet<>();
      store.plugin(appeal.pluginId()).map(Plugin::getOwner).ifPresent(involved::add);
      involved.add(version.getSubmitter());
      involved.add(version.getReviewer());
      involved.remove(null);
      for (String userId : involved) {
        if (TaskGuards.mayReview(identities, userId)) {
          TaskGuards.hideFrom(userId, task, authorizations);
        }
      }
    }
  }

  /** The lead's completion: the lifecycle checks who decides, and the gateway routes on exactly that. */
  @Component("recordAppealDecision")
  static class RecordAppealDecision implements TaskListener {
    private final VersionLifecycle lifecycle;
    private final IdentityService identityService;

    RecordAppealDecision(VersionLifecycle lifecycle, IdentityService identityService) {
      this.lifecycle = lifecycle;
      this.identityService = identityService;
    }

    @Override
    public void notify(DelegateTask task) {
      Actor actor = StepVariables.actor(identityService);
      AppealDecision decision = StepVariables.decision(task, ReviewProcess.Var.APPEAL_DECISION, AppealDecision.class);
      String comment = StepVariables.text(task, ReviewProcess.Var.APPEAL_COMMENT);
      lifecycle.decideAppeal(actor, StepVariables.review(task), task.getAssignee(), decision, comment);
      if (task.getAssignee() == null) {
        task.setAssignee(actor.userId());
      }
      StepVariables.decided(task, ReviewProcess.Var.APPEAL_DECISION, decision.name());
      StepVariables.decided(task, ReviewProcess.Var.APPEAL_COMMENT, comment);
    }
  }

  @Component("upholdAppeal")
  static class UpholdAppeal implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    UpholdAppeal(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.upholdAppeal(StepVariables.review(execution));
    }
  }

  @Component("denyAppeal")
  static class DenyAppeal implements JavaDelegate {
    private final VersionLifecycle lifecycle;

    DenyAppeal(VersionLifecycle lifecycle) {
      this.lifecycle = lifecycle;
    }

    @Override
    public void execute(DelegateExecution execution) {
      lifecycle.denyAppeal(StepVariables.review(execution));
    }
  }
}
