package org.pluginreview.review;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pluginreview.system.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The shared Tasklist filters: the review queue for reviewers, and everyone's own tasks. */
@Component
@Order(2)
class ReviewQueue implements ApplicationRunner {

  private final FilterService filters;
  private final TaskService tasks;
  private final AccessSetup access;
  private final JdbcTemplate jdbc;

  private final String databaseType;
  private final IdentityService identity;

  ReviewQueue(ProcessEngine engine, AccessSetup access, JdbcTemplate jdbc) {
    this.filters = engine.getFilterService();
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
    this.databaseType = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDatabaseType();
    this.access = access;
    this.jdbc = jdbc;
  }

  @Override
  public void run(ApplicationArguments args) {
    // highest priority first (overdue reviews are raised), then the oldest
    TaskQuery openReviews = tasks.createTaskQuery()
        .processDefinitionKey(ReviewProcess.KEY)
        .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW)
        .orderByTaskPriority().desc()
        .orderByTaskCreateTime().asc();
    queueOrderIndex();
    Filter reviews = ensure(ReviewProcess.FILTER_REVIEWS, openReviews, -10, "Open plugin reviews, overdue first, then the oldest");
    access.grant(Actor.REVIEWERS, Resources.FILTER, reviews.getId(), Permissions.READ);
    access.grant(Actor.REVIEW_LEADS, Resources.FILTER, reviews.getId(), Permissions.READ);

    // appeals, for the leads who decide them (the submitter and the rejecting reviewer do not see theirs)
    TaskQuery openAppeals = tasks.createTaskQuery()
        .processDefinitionKey(ReviewProcess.KEY)
        .taskDefinitionKey(ReviewProcess.USER_TASK_DECIDE_APPEAL)
        .orderByTaskCreateTime().asc();
    Filter appeals = ensure(ReviewProcess.FILTER_APPEALS, openAppeals, -5, "Appeals against rejections, oldest first");
    access.grant(Actor.REVIEW_LEADS, Resources.FILTER, appeals.getId(), Permissions.READ);

    TaskQuery mine = tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
        .orderByTaskCreateTime().asc();
    Filter myTasks = ensure(ReviewProcess.FILTER_MY_TASKS, mine, 0, "Tasks assigned to me");
    for (String group : new String[] {Actor.DEVELOPERS, Actor.REVIEWERS, Actor.REVIEW_LEADS}) {
      access.grant(group, Resources.FILTER, myTasks.getId(), Permissions.READ);
    }
  }

  /**
   * The queue's order as an index: H2 and PostgreSQL read the first page in this order and stop after it,
   * instead of sorting every open task (a leading TASK_DEF_KEY_ column would hide the order from H2). H2
   * prefers any index that matches a condition over one that gives the order, and every task query asks
   * for "TENANT_ID_ is null"; with no tenants that index narrows nothing, so on H2 it goes.
   */
  private void queueOrderIndex() {
    jdbc.execute("create index if not exists IX_TASK_PRIORITY_CREATED on ACT_RU_TASK (PRIORITY_ desc, CREATE_TIME_)");
    if ("h2".equals(databaseType) && identity.createTenantQuery().count() == 0) {
      jdbc.execute("drop index if exists ACT_IDX_TASK_TENANT_ID");
    }
    if ("postgres".equals(databaseType)) {
      // Camunda counts the distinct ID_ of the queue's tasks: from this index alone, in ID_ order,
      // PostgreSQL counts without reading the table or sorting every id (140 ms at 100,000, now 52)
      jdbc.execute("create index if not exists IX_TASK_DEF_KEY_ID on ACT_RU_TASK (TASK_DEF_KEY_, ID_)"
          + " include (PROC_DEF_ID_, TENANT_ID_, CASE_EXECUTION_ID_)");
    }
  }

  private Filter ensure(String name, TaskQuery query, int priority, String description) {
    Filter existing = filters.createFilterQuery().filterName(name).singleResult();
    Filter filter = existing != null ? existing : filters.newTaskFilter(name);
    filter.setQuery(query);
    // each card names its plugin, version and submitter; Tasklist shows the waiting time and a passed due date
    List<Map<String, String>> variables = ReviewProcess.CARD_VARIABLES.stream()
        .map(v -> Map.of("name", v.getKey(), "label", v.getValue())).toList();
    filter.setProperties(Map.of("priority", priority, "description", description, "refresh", true,
        "variables", variables));
    return filters.saveFilter(filter);
  }
}
