package org.pluginreview.review;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/** Create listeners that keep a task's outcome in the hands of the person completing it. */
public final class TaskGuards {

  private TaskGuards() {}

  /**
   * A revoke for the user on this very task, which outweighs what their groups are granted: they neither see
   * nor work it. The user may not create authorizations; this one is the process's own doing.
   */
  public static void hideFrom(String userId, DelegateTask task, AuthorizationService authorizations) {
    Authorization revoke = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
    revoke.setUserId(userId);
    revoke.setResource(Resources.TASK);
    revoke.setResourceId(task.getId());
    revoke.removePermission(Permissions.ALL);
    Context.getCommandContext().runWithoutAuthorization(() -> authorizations.saveAuthorization(revoke));
  }

  /**
   * Clears what this task decides, in every scope it could be read from: the gateway after the task can
   * then only see what the task's own completion sent, and the form comes up empty rather than pre-filled
   * by whoever wrote those variables earlier.
   */
  @Component("clearTaskDecisions")
  static class ClearTaskDecisions implements TaskListener {
    @Override
    public void notify(DelegateTask task) {
      List<ReviewProcess.Variable<?>> decisions =
          ReviewProcess.TASK_DECISIONS.getOrDefault(task.getTaskDefinitionKey(), List.of());
      DelegateExecution execution = task.getExecution();
      for (ReviewProcess.Variable<?> variable : decisions) {
        execution.getProcessInstance().removeVariableLocal(variable.name());
        execution.removeVariableLocal(variable.name());
      }
      execution.getProcessInstance().removeVariableLocal(ReviewProcess.Var.EXPECTED_REVISION.name());
    }
  }

  /**
   * The submitter never sees their own review: a revoke for them on this very task, which outweighs
   * what their groups are granted. Other reviewers and leads still see it. Only a submitter who is a
   * reviewer or lead when the review opens gets one: nobody else could see the task, and each revoke makes
   * every task query of its user take Camunda's slower revoke-aware form.
   */
  @Component("hideReviewFromSubmitter")
  static class HideReviewFromSubmitter implements TaskListener {
    private final VersionStore store;
    private final AuthorizationService authorizations;
    private final IdentityService identities;

    HideReviewFromSubmitter(VersionStore store, AuthorizationService authorizations, IdentityService identities) {
      this.store = store;
      this.authorizations = authorizations;
      this.identities = identities;
    }

    @Override
    public void notify(DelegateTask task) {
      Review review = StepVariables.review(task);
      PluginVersion version = store.version(review.pluginId(), review.version()).orElse(null);
      if (version == null || version.getSubmitter() == null || !mayReview(identities, version.getSubmitter())) {
        return;
      }
      hideFrom(version.getSubmitter(), task, authorizations);
    }
  }

  /** In a group that review tasks are offered to (reviewers, and leads once a review is escalated). */
  static boolean mayReview(IdentityService identities, String userId) {
    return Context.getCommandContext().runWithoutAuthorization(() -> identities.createGroupQuery()
        .groupMember(userId).groupIdIn(Actor.REVIEWERS, Actor.REVIEW_LEADS).count() > 0);
  }
}
