package org.pluginreview.review;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.pluginreview.system.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Camunda authorization is on; this grants each group what its people need, once, at every start:
 * admins everything; reviewers and leads Tasklist and the review's history (a task comment needs it),
 * reviewers the process's tasks to see and work (claim, complete; never assign or edit);
 * developers Tasklist (the engine itself grants each
 * person the tasks they are assignee or candidate of) and starting reviews, whose first step checks
 * ownership. Cockpit and Admin stay with {@code camunda-admin}.
 */
@Component
@Order(1)
public class AccessSetup implements ApplicationRunner {

  private static final String ANY = Authorization.ANY;
  private static final String TASKLIST = "tasklist";

  private static final Logger LOG = LoggerFactory.getLogger(AccessSetup.class);

  private final AuthorizationService authorizations;
  private final JdbcTemplate jdbc;

  AccessSetup(AuthorizationService authorizations, JdbcTemplate jdbc) {
    this.authorizations = authorizations;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (Resources resource : Resources.values()) {
      grant(Actor.ADMINS, resource, ANY, Permissions.ALL);
    }
    for (String group : new String[] {Actor.REVIEWERS, Actor.REVIEW_LEADS, Actor.DEVELOPERS}) {
      grant(group, Resources.APPLICATION, TASKLIST, Permissions.ACCESS);
      grant(group, Resources.PROCESS_DEFINITION, ReviewProcess.KEY, ProcessDefinitionPermissions.READ);
    }
    // a comment on a task is checked against the task's history; reviewers read every plugin anyway
    for (String group : new String[] {Actor.REVIEWERS, Actor.REVIEW_LEADS}) {
      grant(group, Resources.PROCESS_DEFINITION, ReviewProcess.KEY, ProcessDefinitionPermissions.READ_HISTORY);
    }
    // reviewers see and work every review task through this one grant (see ReviewTaskAccess)
    grant(Actor.REVIEWERS, Resources.PROCESS_DEFINITION, ReviewProcess.KEY, ProcessDefinitionPermissions.READ_TASK);
    grant(Actor.REVIEWERS, Resources.PROCESS_DEFINITION, ReviewProcess.KEY, ProcessDefinitionPermissions.TASK_WORK);
    // what each queue card shows (plugin, version, submitter) is read as variables, which READ_TASK does not
    // cover; reviewers read every plugin through /api anyway
    grant(Actor.REVIEWERS, Resources.PROCESS_DEFINITION, ReviewProcess.KEY, ProcessDefinitionPermissions.READ_INSTANCE);
    // the answers to developers: any reviewer may take one over; developers never see them
    for (Permission permission : new Permission[] {ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.TASK_WORK,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY}) {
      grant(Actor.REVIEWERS, Resources.PROCESS_DEFINITION, ConversationProcess.KEY, permission);
    }
    dropPerTaskReviewerGrants();
    grant(Actor.DEVELOPERS, Resources.PROCESS_DEFINITION, ReviewProcess.KEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grant(Actor.DEVELOPERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
  }

  /**
   * Reviews opened before the definition-wide grant carry a reviewers' row each, and a row for whoever
   * claimed them; the grant covers both, and each row only slows every reviewer's task query. Revokes stay.
   * One statement, so a large backlog clears at once.
   */
  private void dropPerTaskReviewerGrants() {
    int dropped = jdbc.update("delete from ACT_RU_AUTHORIZATION where TYPE_ = ? and RESOURCE_TYPE_ = ?"
        + " and (GROUP_ID_ = ? or USER_ID_ is not null) and RESOURCE_ID_ in (select T.ID_ from ACT_RU_TASK T"
        + " join ACT_RE_PROCDEF D on T.PROC_DEF_ID_ = D.ID_ where D.KEY_ = ? and T.TASK_DEF_KEY_ = ?)",
        Authorization.AUTH_TYPE_GRANT, Resources.TASK.resourceType(), Actor.REVIEWERS, ReviewProcess.KEY,
        ReviewProcess.USER_TASK_REVIEW);
    if (dropped > 0) {
      LOG.info("Dropped {} per-task grants on reviews; the grant on {} covers them", dropped, ReviewProcess.KEY);
    }
  }

  /** Adds the permission to the group's grant on that resource, creating the grant if needed. */
  public void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(groupId)
        .resourceType(resource).resourceId(resourceId).singleResult();
    if (existing != null && existing.isPermissionGranted(permission)) {
      return;
    }
    Authorization authorization = existing != null ? existing
        : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizations.saveAuthorization(authorization);
  }
}
