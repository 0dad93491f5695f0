package org.pluginreview.review;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginCatalog.VersionState;
import org.pluginreview.lifecycle.VersionStatus;
import org.springframework.stereotype.Component;

/**
 * Compares every version record with its review process: a version in flight must have a running
 * instance waiting where its status says; any other version must have none; and no running instance may
 * be without its record.
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

  private final PluginCatalog service;
  private final RuntimeService runtimeService;

  ConsistencyCheck(PluginCatalog service, RuntimeService runtimeService) {
    this.service = service;
    this.runtimeService = runtimeService;
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
