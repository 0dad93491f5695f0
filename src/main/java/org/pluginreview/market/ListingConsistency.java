package org.pluginreview.market;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pluginreview.review.ConsistencyCheck.Mismatch;
import org.pluginreview.review.ConsistencyCheck.RecordCheck;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The listings beside their review processes, in the consistency check: a listing under review has its
 * process waiting at the review task; every running listing review has its listing under review in it;
 * a public listing was approved by a completed review task of someone other than its owner.
 */
@Component
class ListingConsistency implements RecordCheck {

  private static final int CHUNK = 500;

  private final ListingRepository listings;
  private final ListingEventRepository events;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;
  private final org.pluginreview.lifecycle.VersionStore store;

  ListingConsistency(ListingRepository listings, ListingEventRepository events, RuntimeService runtimeService,
                     HistoryService historyService, org.pluginreview.lifecycle.VersionStore store) {
    this.listings = listings;
    this.events = events;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
    this.store = store;
  }

  @Override
  @Transactional(readOnly = true)
  public int run(Consumer<Mismatch> sink) {
    int found = 0;
    for (int page = 0; ; page++) {
      List<Listing> chunk = listings.findAll(PageRequest.of(page, CHUNK, Sort.by("pluginId"))).getContent();
      if (chunk.isEmpty()) {
        break;
      }
      for (Listing l : chunk) {
        String problem = problem(l);
        if (problem != null) {
          sink.accept(new Mismatch(l.getPluginId(), null, null, l.getProcessInstanceId(), waitingAt(l.getProcessInstanceId()),
              problem));
          found++;
        }
      }
    }
    List<ProcessInstance> running = runningReviews();
    Map<String, Listing> byPlugin = listings.findAllById(running.stream().map(ProcessInstance::getBusinessKey)
        .filter(k -> k != null).toList()).stream().collect(Collectors.toMap(Listing::getPluginId, l -> l));
    for (ProcessInstance pi : running) {
      Listing l = pi.getBusinessKey() == null ? null : byPlugin.get(pi.getBusinessKey());
      if (l == null || l.getStatus() != ListingStatus.IN_REVIEW || !pi.getId().equals(l.getProcessInstanceId())) {
        sink.accept(new Mismatch(pi.getBusinessKey(), null, null, pi.getId(), waitingAt(pi.getId()),
            "running listing review without its listing under review"));
        found++;
      }
    }
    return found;
  }

  private String problem(Listing l) {
    if (l.getStatus() == ListingStatus.IN_REVIEW) {
      Set<String> at = waitingAt(l.getProcessInstanceId());
      return at.contains(ListingProcess.USER_TASK_REVIEW_LISTING) ? null
          : "listing under review but its review process waits at " + at;
    }
    if (l.isListed()) {
      String owner = store.plugin(l.getPluginId()).map(p -> p.getOwner()).orElse(null);
      List<String> approvals = events.findByPluginIdOrderByIdAsc(l.getPluginId()).stream()
          .filter(e -> e.getAction() == ListingEvent.Type.LISTING_APPROVED).map(e -> e.getProcessInstanceId()).toList();
      if (approvals.isEmpty()) {
        return "listed, but no review approved it";
      }
      List<HistoricTaskInstance> decided = approvals.stream().flatMap(pid -> historyService
          .createHistoricTaskInstanceQuery().processInstanceId(pid)
          .taskDefinitionKey(ListingProcess.USER_TASK_REVIEW_LISTING).finished().list().stream()).toList();
      boolean byAnother = decided.stream().anyMatch(t -> "completed".equals(t.getDeleteReason())
          && t.getAssignee() != null && !t.getAssignee().equals(owner));
      return byAnother ? null : "listed, but no review task of its approval was completed by someone other than the owner";
    }
    return null;
  }

  private List<ProcessInstance> runningReviews() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ListingProcess.KEY).list();
  }

  private Set<String> waitingAt(String processInstanceId) {
    if (processInstanceId == null) {
      return Set.of();
    }
    return runtimeService.createExecutionQuery().processInstanceId(processInstanceId).list().stream()
        .map(e -> runtimeService.getActiveActivityIds(e.getId())).flatMap(List::stream).collect(Collectors.toSet());
  }
}
