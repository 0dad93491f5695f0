package org.pluginreview.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginViews.Queue;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.plugin.QueuePlaces;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Service;

/**
 * A version's place in the review queue and the likely time of its decision, read from the engine: the open
 * review tasks in the queue's order, and the review tasks decided recently ({@link ReviewEta} does the sums).
 */
@Service
public class ReviewEtaService implements QueuePlaces {

  /** At most this many recent decisions are read for the percentiles. */
  static final int SAMPLE = 1_000;

  private final PluginCatalog catalog;
  private final VersionStore store;
  private final TaskService taskService;
  private final HistoryService historyService;
  private final CommandExecutor commands;
  private final Clock clock;

  ReviewEtaService(PluginCatalog catalog, VersionStore store, TaskService taskService, HistoryService historyService,
                   ProcessEngineConfigurationImpl engine, Clock clock) {
    this.catalog = catalog;
    this.store = store;
    this.taskService = taskService;
    this.historyService = historyService;
    this.commands = engine.getCommandExecutorTxRequired();
    this.clock = clock;
  }

  /** For whoever may read the version; only a version under review has a place in the queue. */
  public ReviewEta.Estimate estimate(Actor actor, String pluginId, String version) {
    VersionDetails v = catalog.version(actor, pluginId, version);
    if (v.status() != VersionStatus.AUDITING) {
      throw ErrorCode.ILLEGAL_STATE.exception("Version " + version + " is " + v.status()
          + "; only a version under review has a place in the queue.").with("versionStatus", v.status());
    }
    return estimate(v.pluginId(), version).orElseThrow(() -> ErrorCode.CONFLICT.exception(
        "The review of version " + version + " is not waiting in the queue."));
  }

  /** The version's place and likely wait as the API's {@code queue}: durations from now. */
  @Override
  public Optional<Queue> place(String pluginId, String version) {
    Instant now = clock.instant();
    return estimate(pluginId, version).map(e -> new Queue(e.position(),
        e.likelyFrom() == null ? null : Duration.between(now, e.likelyFrom()),
        e.likelyTo() == null ? null : Duration.between(now, e.likelyTo())));
  }

  private Optional<ReviewEta.Estimate> estimate(String pluginId, String version) {
    Instant now = clock.instant();
    return trusted(() -> {
      Task task = queue().processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, version)).singleResult();
      if (task == null) {
        return Optional.empty();
      }
      long ahead = queue().taskMinPriority(task.getPriority() + 1).count()
          + queue().taskPriority(task.getPriority()).taskCreatedBefore(task.getCreateTime()).count();
      long length = queue().count();
      List<Duration> waits = historyService.createHistoricTaskInstanceQuery()
          .processDefinitionKey(ReviewProcess.KEY).taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).finished()
          .finishedAfter(Date.from(now.minus(ReviewEta.HISTORY))).orderByHistoricTaskInstanceEndTime().desc()
          .listPage(0, SAMPLE).stream().map(ReviewEtaService::waited).toList();
      long decided = historyService.createHistoricTaskInstanceQuery()
          .processDefinitionKey(ReviewProcess.KEY).taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).finished()
          .finishedAfter(Date.from(now.minus(ReviewEta.PACE))).count();
      Instant entered = store.enteredReview(pluginId, version).orElse(task.getCreateTime().toInstant());
      return Optional.of(ReviewEta.estimate((int) ahead + 1, (int) length, entered, waits, decided, now));
    });
  }

  private TaskQuery queue() {
    return taskService.createTaskQuery().processDefinitionKey(ReviewProcess.KEY)
        .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW);
  }

  private static Duration waited(HistoricTaskInstance task) {
    return Duration.between(task.getStartTime().toInstant(), task.getEndTime().toInstant());
  }

  private <T> T trusted(Callable<T> work) {
    return commands.execute(context -> context.runWithoutAuthorization(work));
  }
}
