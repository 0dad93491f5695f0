package org.pluginreview.review;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.pluginreview.lifecycle.ReviewDecision;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginCatalog.VersionState;
import org.pluginreview.lifecycle.VersionStatus;
import org.springframework.stereotype.Component;

/**
 * Compares every version record with its review process: a version in flight must have a running
 * instance waiting where its status says; any other version must have none; no running instance may be
 * without its record; and every decision the record shows must be backed by the engine's history of its
 * review: approved, in grayscale, live or offline only after a review task of that process was completed
 * with APPROVE by someone other than the person who started it (rejected: with REJECT), live or offline
 * only after that process's go-live step.
 */
@Component
public class ConsistencyCheck {

  public record Mismatch(String pluginId, String version, VersionStatus status, String processInstanceId,
                         Set<String> waitingAt, String problem) {}

  public record Report(int versionsChecked, int runningInstances, List<Mismatch> mismatches) {}

  private static final Map<VersionStatus, String> WAITS_AT = new EnumMap<>(Map.of(
      VersionStatus.SELF_CHECK, ReviewProcess.USER_TASK_SELF_CHECK,
      VersionStatus.AUDITING, ReviewProcess.USER_TASK_REVIEW,
      VersionStatus.APPROVED, ReviewProcess.USER_TASK_RELEASE_DECISION,
      VersionStatus.GRAY, ReviewProcess.USER_TASK_RELEASE_DECISION));

  private static final Set<VersionStatus> APPROVED_ONCE = EnumSet.of(VersionStatus.APPROVED, VersionStatus.GRAY,
      VersionStatus.RELEASED, VersionStatus.OFFLINE);
  private static final Set<VersionStatus> WENT_LIVE = EnumSet.of(VersionStatus.RELEASED, VersionStatus.OFFLINE);

  private final PluginCatalog service;
  private final RuntimeService runtimeService;
  private final HistoryService historyService;

  ConsistencyCheck(PluginCatalog service, RuntimeService runtimeService, HistoryService historyService) {
    this.service = service;
    this.runtimeService = runtimeService;
    this.historyService = historyService;
  }

  /** What the engine's history says of each review process that reached a decision. */
  private record Evidence(Map<String, String> startedBy, Map<String, List<HistoricTaskInstance>> reviews,
                          Map<String, Object> decisions, Set<String> wentLive) {

    static Evidence of(HistoryService history) {
      Map<String, String> startedBy = new HashMap<>();
      history.createHistoricProcessInstanceQuery().processDefinitionKey(ReviewProcess.KEY).list()
          .forEach(pi -> startedBy.put(pi.getId(), pi.getStartUserId()));
      Map<String, List<HistoricTaskInstance>> reviews = new HashMap<>();
      history.createHistoricTaskInstanceQuery().processDefinitionKey(ReviewProcess.KEY)
          .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).finished().list()
          .forEach(t -> reviews.computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t));
      // the decision is the last one written: what a review task's creation cleared came before it
      Map<String, Object> decisions = new HashMap<>();
      history.createHistoricVariableInstanceQuery().processDefinitionKey(ReviewProcess.KEY)
          .variableName(ReviewProcess.Var.REVIEW_DECISION.name()).list().stream()
          .sorted(Comparator.comparing(HistoricVariableInstance::getCreateTime,
              Comparator.nullsFirst(Comparator.naturalOrder())))
          .forEach(v -> decisions.put(v.getProcessInstanceId(), v.getValue()));
      Set<String> wentLive = new HashSet<>();
      history.createHistoricActivityInstanceQuery().activityId(ReviewProcess.RELEASE_VERSION).finished().list()
          .forEach(a -> wentLive.add(a.getProcessInstanceId()));
      return new Evidence(startedBy, reviews, decisions, wentLive);
    }

    /** Why the record's decision is not backed by its review's history, or null if it is. */
    String unbacked(VersionState v) {
      boolean approvedOnce = APPROVED_ONCE.contains(v.status());
      if (!approvedOnce && v.status() != VersionStatus.AUDIT_REJECTED) {
        return null;
      }
      String pid = v.processInstanceId();
      if (pid == null || !startedBy.containsKey(pid)) {
        return "status " + v.status() + " but no review process of it ever ran";
      }
      String starter = startedBy.get(pid);
      if (starter == null || !starter.equals(v.submitter())) {
        return "status " + v.status() + " but its review was started by " + starter + ", not the submitter "
            + v.submitter();
      }
      HistoricTaskInstance review = reviews.getOrDefault(pid, List.of()).stream()
          .filter(t -> "completed".equals(t.getDeleteReason()) && t.getAssignee() != null
              && !t.getAssignee().equals(starter))
          .findFirst().orElse(null);
      if (review == null) {
        return "status " + v.status() + " but no review task of its process was completed by someone other than "
            + "the submitter";
      }
      String expected = approvedOnce ? ReviewDecision.APPROVE.name() : ReviewDecision.REJECT.name();
      if (!expected.equals(decisions.get(pid))) {
        return "status " + v.status() + " but its review decided " + decisions.get(pid);
      }
      if (!review.getAssignee().equals(v.reviewer())) {
        return "reviewed by " + v.reviewer() + " on record but by " + review.getAssignee() + " in its process";
      }
      if (WENT_LIVE.contains(v.status()) && !wentLive.contains(pid)) {
        return "status " + v.status() + " but its process never took it live";
      }
      return null;
    }
  }

  public Report run() {
    Map<String, ProcessInstance> running = new HashMap<>();
    runtimeService.createProcessInstanceQuery().processDefinitionKey(ReviewProcess.KEY).list()
        .forEach(pi -> running.put(pi.getId(), pi));
    Map<String, Set<String>> waitingAt = new HashMap<>();
    for (Execution execution : runtimeService.createExecutionQuery().processDefinitionKey(ReviewProcess.KEY).list()) {
      String activity = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) execution).getActivityId();
      if (activity != null) {
        waitingAt.computeIfAbsent(execution.getProcessInstanceId(), k -> new TreeSet<>()).add(activity);
      }
    }
    List<VersionState> versions = service.versionStates();
    Evidence evidence = Evidence.of(historyService);
    List<Mismatch> mismatches = new ArrayList<>();
    Set<String> referenced = new HashSet<>();
    for (VersionState v : versions) {
      String pid = v.processInstanceId();
      Set<String> at = pid == null ? Set.of() : waitingAt.getOrDefault(pid, Set.of());
      boolean isRunning = pid != null && running.containsKey(pid);
      if (isRunning) {
        referenced.add(pid);
      }
      String expected = WAITS_AT.get(v.status());
      String problem = null;
      if (expected != null && !isRunning) {
        problem = "status " + v.status() + " but its review process is not running";
      } else if (expected != null && !at.contains(expected)) {
        problem = "status " + v.status() + " but the process waits at " + at + ", not " + expected;
      } else if (expected == null && isRunning) {
        problem = "status " + v.status() + " but its review process still runs at " + at;
      } else {
        problem = evidence.unbacked(v);
      }
      if (problem != null) {
        mismatches.add(new Mismatch(v.pluginId(), v.version(), v.status(), pid, at, problem));
      }
    }
    for (ProcessInstance orphan : running.values()) {
      if (!referenced.contains(orphan.getId())) {
        String key = orphan.getBusinessKey();
        mismatches.add(new Mismatch(key == null ? null : key.substring(0, Math.max(0, key.lastIndexOf(':'))),
            key == null ? null : key.substring(key.lastIndexOf(':') + 1), null, orphan.getId(),
            waitingAt.getOrDefault(orphan.getId(), Set.of()), "running review process without its version record"));
      }
    }
    return new Report(versions.size(), running.size(), mismatches);
  }
}
