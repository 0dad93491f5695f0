package org.pluginreview.market;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.pluginreview.review.AccessSetup;
import org.pluginreview.system.Actor;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start: reviewers see the listing review in Tasklist (its definition, and the card's details as
 * variables), in a shared filter of their own. Merchants get nothing here: they have no Tasklist. Each
 * listing task's candidate group gives reviewers its task rows, as Camunda does by default; the owner's
 * revoke on their own listing's task outweighs them.
 */
@Component
@Order(3)
class MarketAccessSetup implements ApplicationRunner {

  private final AccessSetup access;
  private final FilterService filters;
  private final TaskService tasks;

  MarketAccessSetup(AccessSetup access, FilterService filters, TaskService tasks) {
    this.access = access;
    this.filters = filters;
    this.tasks = tasks;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (String group : new String[] {Actor.REVIEWERS, Actor.REVIEW_LEADS}) {
      access.grant(group, Resources.PROCESS_DEFINITION, ListingProcess.KEY, ProcessDefinitionPermissions.READ);
      access.grant(group, Resources.PROCESS_DEFINITION, ListingProcess.KEY, ProcessDefinitionPermissions.READ_INSTANCE);
      access.grant(group, Resources.PROCESS_DEFINITION, ListingProcess.KEY, ProcessDefinitionPermissions.READ_HISTORY);
    }
    Filter existing = filters.createFilterQuery().filterName(ListingProcess.FILTER_LISTINGS).singleResult();
    Filter filter = existing != null ? existing : filters.newTaskFilter(ListingProcess.FILTER_LISTINGS);
    filter.setQuery(tasks.createTaskQuery().processDefinitionKey(ListingProcess.KEY).orderByTaskCreateTime().asc());
    filter.setProperties(Map.of("priority", -5, "description", "Open market listing reviews, the oldest first",
        "refresh", true, "variables", List.of(Map.of("name", ListingProcess.Detail.PLUGIN, "label", "Plugin"),
            Map.of("name", ListingProcess.Detail.REQUESTED_BY, "label", "Requested by"))));
    filter = filters.saveFilter(filter);
    access.grant(Actor.REVIEWERS, Resources.FILTER, filter.getId(), Permissions.READ);
    access.grant(Actor.REVIEW_LEADS, Resources.FILTER, filter.getId(), Permissions.READ);
  }
}
