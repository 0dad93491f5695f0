package org.pluginreview.review;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.pluginreview.system.Actor;
import org.springframework.stereotype.Component;

/**
 * Reviewers see and work the review tasks through one grant on the process definition (made by
 * {@link AccessSetup}), not through a row per task. Camunda's default provider writes an authorization row
 * for the candidate group on every review task; with 100,000 open reviews a reviewer's every task query
 * joined 100,000 rows, and on PostgreSQL the queue's first page took minutes. Everything else keeps the
 * engine's default: the developers' own tasks and {@code review-leads} on the few escalated reviews. A
 * submitter's revoke on their own review still wins: Camunda checks the task before the definition, and a
 * user's revoke on the task ends that check.
 */
@Component
class ReviewTaskAccess extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new Provider());
  }

  static final class Provider extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
      if (grantedByDefinition(task, groupId)) {
        return null;
      }
      return super.newTaskGroupIdentityLink(task, groupId, type);
    }

    /**
     * Whoever claims a review is a reviewer and sees it through the definition already; only reviewers may
     * decide it, so a row for anyone else would show them a task they can do nothing with. Each such row
     * also lengthened every query of its holder.
     */
    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
      if (isReviewTask(task)) {
        return null;
      }
      return super.newTaskAssignee(task, oldAssignee, newAssignee);
    }

    @Override
    public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
      if (grantedByDefinition(task, groupId)) {
        return null;
      }
      return super.deleteTaskGroupIdentityLink(task, groupId, type);
    }

    static boolean grantedByDefinition(Task task, String groupId) {
      return Actor.REVIEWERS.equals(groupId) && ofReviewProcess(task);
    }

    static boolean isReviewTask(Task task) {
      return ReviewProcess.USER_TASK_REVIEW.equals(task.getTaskDefinitionKey()) && ofReviewProcess(task);
    }

    /** Definition ids are {@code key:version:id}; the grant covers every version of the process. */
    private static boolean ofReviewProcess(Task task) {
      String definition = task.getProcessDefinitionId();
      return definition != null && definition.startsWith(ReviewProcess.KEY + ":");
    }
  }
}
