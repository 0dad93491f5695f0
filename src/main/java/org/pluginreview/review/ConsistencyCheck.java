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
import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.pluginreview.lifecycle.AppealDecision;
import org.pluginreview.lifecycle.AppealState;
import org.pluginreview.lifecycle.ReviewDecision;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginCatalog.VersionState;
import org.pluginreview.lifecycle.VersionStatus;
import org.springframework.beans.factory.annotation.Autowired;
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

  /** The same comparison for another kind of record and its process (the market's listings); returns what it found. */
  public interface RecordCheck {
    int run(Consumer<Mismatch> sink);
  }

  /** What a whole run found, in counts. */
  public record Summary(int versionsChecked, int runningInstances, int mismatches, Instant checkedAt) {}

  public record Report(int versionsChecked, int runningInstances, List<Mismatch> mismatches) {}

  /** Versions and instances are read this many at a time, so a run's memory does not grow with the data. */
  static final int CHUNK = 500;
  /** Ids written into an IN list: the engine's own ids, never anything else. */
  private static final Pattern ENGINE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

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
  private final ManagementService managementService;
  private final Clock clock;
  private final int chunk;
  private volatile Summary last;

  private final List<RecordCheck> more;

  @Autowired
  ConsistencyCheck(PluginCatalog service, ProcessEngine engine, Clock clock, List<RecordCheck> more) {
    this(service, engine, clock, CHUNK, more);
  }

  ConsistencyCheck(PluginCatalog service, ProcessEngine engine, Clock clock, int chunk) {
    this(service, engine, clock, chunk, List.of());
  }

  ConsistencyCheck(PluginCatalog service, ProcessEngine engine, Clock clock, int chunk, List<RecordCheck> more) {
    this.more = List.copyOf(more);
    this.service = service;
    this.runtimeService = engine.getRuntimeService();
    this.historyService = engine.getHistoryService();
    this.managementService = engine.getManagementService();
    this.clock = clock;
    this.chunk = chunk;
  }

  /** The counts of the latest whole run on this node, or null before the first. */
  public Summary last() {
    return last;
  }

  /** What the engine's history says of each review process that reached a decision. */
  private record Evidence(Map<String, String> startedBy, Map<String, List<HistoricTaskInstance>> reviews,
                          Map<String, Object> decisions, Set<String> wentLive,
                          Map<String, List<HistoricTaskInstance>> appeals, Map<String, Object> appealDecisions) {

    /** The history of these process instances only. */
    static Evidence of(HistoryService history, ManagementService management, Set<String> pids) {
      if (pids.isEmpty()) {
        return new Evidence(Map.of(), Map.of(), Map.of(), Set.of(), Map.of(), Map.of());
      }
      Map<String, String> startedBy = new HashMap<>();
      history.createHistoricProcessInstanceQuery().processInstanceIds(pids).list()
          .forEach(pi -> startedBy.put(pi.getId(), pi.getStartUserId()));
      Map<String, List<HistoricTaskInstance>> reviews = new HashMap<>();
      Map<String, List<HistoricTaskInstance>> appeals = new HashMap<>();
      history.createNativeHistoricTaskInstanceQuery()
          .sql("SELECT * FROM " + management.getTableName(HistoricTaskInstance.class)
              + " WHERE TASK_DEF_KEY_ IN (#{review}, #{appeal}) AND END_TIME_ IS NOT NULL AND PROC_INST_ID_ IN ("
              + inList(pids) + ")")
          .parameter("review", ReviewProcess.USER_TASK_REVIEW).parameter("appeal", ReviewProcess.USER_TASK_DECIDE_APPEAL)
          .list()
          .forEach(t -> (ReviewProcess.USER_TASK_REVIEW.equals(t.getTaskDefinitionKey()) ? reviews : appeals)
              .computeIfAbsent(t.getProcessInstanceId(), k -> new ArrayList<>()).add(t));
      // the decision is the last one written: what a review task's creation cleared came before it
      Map<String, Object> decisions = new HashMap<>();
      history.createHistoricVariableInstanceQuery().processInstanceIdIn(pids.toArray(String[]::new))
          .variableName(ReviewProcess.Var.REVIEW_DECISION.name()).list().stream()
          .sorted(Comparator.comparing(HistoricVariableInstance::getCreateTime,
              Comparator.nullsFirst(Comparator.naturalOrder())))
          .forEach(v -> decisions.put(v.getProcessInstanceId(), v.getValue()));
      Map<String, Object> appealDecisions = new HashMap<>();
      history.createHistoricVariableInstanceQuery().processInstanceIdIn(pids.toArray(String[]::new))
          .variableName(ReviewProcess.Var.APPEAL_DECISION.name()).list().stream()
          .sorted(Comparator.comparing(HistoricVariableInstance::getCreateTime,
              Comparator.nullsFirst(Comparator.naturalOrder())))
          .forEach(v -> appealDecisions.put(v.getProcessInstanceId(), v.getValue()));
      Set<String> wentLive = new HashSet<>();
      history.createNativeHistoricActivityInstanceQuery()
          .sql("SELECT * FROM " + management.getTableName(HistoricActivityInstance.class)
              + " WHERE ACT_ID_ = #{activity} AND END_TIME_ IS NOT NULL AND PROC_INST_ID_ IN (" + inList(pids) + ")")
          .parameter("activity", ReviewProcess.RELEASE_VERSION).list()
          .forEach(a -> wentLive.add(a.getProcessInstanceId()));
      return new Evidence(startedBy, reviews, decisions, wentLive, appeals, appealDecisions);
    }

    /** The first of these tasks that was completed, by someone other than who started its process. */
    private static HistoricTaskInstance completedByOtherThan(List<HistoricTaskInstance> tasks, String starter) {
      return tasks.stream().filter(t -> "completed".equals(t.getDeleteReason()) && t.getAssignee() != null
          && !t.getAssignee().equals(starter)).findFirst().orElse(null);
    }

    /**
     * For a version whose appeal was decided: its process is the appeal, started by the submitter; a lead
     * other than the submitter and the rejecting reviewer completed the appeal task, deciding as the record says.
     */
    String unbackedAppeal(VersionState v) {
      String pid = v.processInstanceId();
      String starter = startedBy.get(pid);
      if (starter == null || !starter.equals(v.submitter())) {
        return "appeal " + v.appeal() + " but its process was started by " + starter + ", not the submitter "
            + v.submitter();
      }
      HistoricTaskInstance decided = completedByOtherThan(appeals.getOrDefault(pid, List.of()), starter);
      if (decided == null) {
        return "appeal " + v.appeal() + " but no appeal task of its process was completed by someone other than "
            + "the submitter";
      }
      boolean upheld = v.appeal() == AppealState.UPHELD;
      String expected = upheld ? AppealDecision.UPHOLD.name() : AppealDecision.DENY.name();
      if (!expected.equals(appealDecisions.get(pid))) {
        return "appeal " + v.appeal() + " but its process decided " + appealDecisions.get(pid);
      }
      if (upheld ? !APPROVED_ONCE.contains(v.status()) : v.status() != VersionStatus.AUDIT_REJECTED) {
        return "appeal " + v.appeal() + " but status " + v.status();
      }
      if (upheld && !decided.getAssignee().equals(v.reviewer())) {
        return "approved on appeal by " + v.reviewer() + " on record but by " + decided.getAssignee() + " in its process";
      }
      if (WENT_LIVE.contains(v.status()) && !wentLive.contains(pid)) {
        return "status " + v.status() + " but its process never took it live";
      }
      return null;
    }

    /** Why the record's decision is not backed by its review's history, or null if it is. */
    String unbacked(VersionState v) {
      if (v.appeal() == AppealState.PENDING) {
        return null; // its process is the appeal, still waiting for a lead (checked above)
      }
      boolean approvedOnce = APPROVED_ONCE.contains(v.status());
      if (!approvedOnce && v.status() != VersionStatus.AUDIT_REJECTED) {
        return null;
      }
      String pid = v.processInstanceId();
      if (pid == null || !startedBy.containsKey(pid)) {
        return "status " + v.status() + " but no review process of it ever ran";
      }
      if (appeals.containsKey(pid) || v.appeal() == AppealState.UPHELD && v.status() == VersionStatus.APPROVED) {
        return unbackedAppeal(v); // the record's process is the appeal that decided it
      }
      String starter = startedBy.get(pid);
      if (starter == null || !starter.equals(v.submitter())) {
        return "status " + v.status() + " but its review was started by " + starter + ", not the submitter "
            + v.submitter();
      }
      HistoricTaskInstance review = completedByOtherThan(reviews.getOrDefault(pid, List.of()), starter);
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

  /** The whole check, every mismatch collected: for tests and small databases. */
  public Report run() {
    List<Mismatch> mismatches = new ArrayList<>();
    Summary summary = run(mismatches::add);
    return new Report(summary.versionsChecked(), summary.runningInstances(), mismatches);
  }

  /**
   * The whole check, handing each mismatch on as it is found: versions a chunk at a time with the engine
   * state and history of that chunk's processes only, then the running instances a chunk at a time.
   */
  public Summary run(Consumer<Mismatch> sink) {
    int versionsChecked = 0;
    int mismatches = 0;
    List<VersionState> versions = service.versionStates(0, chunk);
    while (!versions.isEmpty()) {
      versionsChecked += versions.size();
      mismatches += checkVersions(versions, sink);
      versions = service.versionStates(versions.get(versions.size() - 1).row(), chunk);
    }
    int running = 0;
    List<ProcessInstance> instances = runningAfter("");
    while (!instances.isEmpty()) {
      running += instances.size();
      mismatches += checkOrphans(instances, sink);
      instances = runningAfter(instances.get(instances.size() - 1).getId());
    }
    for (RecordCheck check : more) {
      mismatches += check.run(sink);
    }
    Summary summary = new Summary(versionsChecked, running, mismatches, clock.instant());
    last = summary;
    return summary;
  }

  private int checkVersions(List<VersionState> versions, Consumer<Mismatch> sink) {
    Set<String> pids = versions.stream().map(VersionState::processInstanceId)
        .filter(pid -> pid != null && ENGINE_ID.matcher(pid).matches()).collect(Collectors.toSet());
    Set<String> running = pids.isEmpty() ? Set.of() : runtimeService.createProcessInstanceQuery()
        .processInstanceIds(pids).list().stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    Map<String, Set<String>> waitingAt = waitingAt(pids);
    Evidence evidence = Evidence.of(historyService, managementService, pids);
    int found = 0;
    for (VersionState v : versions) {
      String pid = v.processInstanceId();
      Set<String> at = pid == null ? Set.of() : waitingAt.getOrDefault(pid, Set.of());
      boolean isRunning = pid != null && running.contains(pid);
      String expected = v.appeal() == AppealState.PENDING ? ReviewProcess.USER_TASK_DECIDE_APPEAL
          : WAITS_AT.get(v.status());
      String problem;
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
        sink.accept(new Mismatch(v.pluginId(), v.version(), v.status(), pid, at, problem));
        found++;
      }
    }
    return found;
  }

  private int checkOrphans(List<ProcessInstance> instances, Consumer<Mismatch> sink) {
    Set<String> ids = instances.stream().map(ProcessInstance::getId).collect(Collectors.toSet());
    Set<String> referenced = service.referencedProcessInstances(ids);
    List<ProcessInstance> orphans = instances.stream().filter(pi -> !referenced.contains(pi.getId())).toList();
    Map<String, Set<String>> waitingAt = waitingAt(orphans.stream().map(ProcessInstance::getId)
        .collect(Collectors.toSet()));
    for (ProcessInstance orphan : orphans) {
      String key = orphan.getBusinessKey();
      sink.accept(new Mismatch(key == null ? null : key.substring(0, Math.max(0, key.lastIndexOf(':'))),
          key == null ? null : key.substring(key.lastIndexOf(':') + 1), null, orphan.getId(),
          waitingAt.getOrDefault(orphan.getId(), Set.of()), "running review process without its version record"));
    }
    return orphans.size();
  }

  /** The next running review instances by id, after the given one. */
  private List<ProcessInstance> runningAfter(String afterId) {
    return runtimeService.createNativeProcessInstanceQuery()
        .sql("SELECT E.* FROM " + managementService.getTableName(ExecutionEntity.class) + " E JOIN "
            + managementService.getTableName(ProcessDefinitionEntity.class) + " D ON E.PROC_DEF_ID_ = D.ID_"
            + " WHERE E.ID_ = E.PROC_INST_ID_ AND D.KEY_ = #{key} AND E.ID_ > #{after} ORDER BY E.ID_")
        .parameter("key", ReviewProcess.KEY).parameter("after", afterId)
        .listPage(0, chunk);
  }

  /** The activities the executions of these process instances stand at. */
  private Map<String, Set<String>> waitingAt(Set<String> pids) {
    Map<String, Set<String>> waitingAt = new HashMap<>();
    if (pids.isEmpty()) {
      return waitingAt;
    }
    runtimeService.createNativeExecutionQuery()
        .sql("SELECT * FROM " + managementService.getTableName(ExecutionEntity.class)
            + " WHERE ACT_ID_ IS NOT NULL AND PROC_INST_ID_ IN (" + inList(pids) + ")")
        .list().forEach(execution -> waitingAt.computeIfAbsent(execution.getProcessInstanceId(),
            k -> new TreeSet<>()).add(((ExecutionEntity) execution).getActivityId()));
    return waitingAt;
  }

  private static String inList(Set<String> ids) {
    return ids.stream().filter(id -> ENGINE_ID.matcher(id).matches()).map(id -> "'" + id + "'")
        .collect(Collectors.joining(","));
  }
}
