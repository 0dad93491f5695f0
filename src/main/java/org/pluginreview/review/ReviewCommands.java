package org.pluginreview.review;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.pluginreview.lifecycle.Action;
import org.pluginreview.lifecycle.GrayPercentage;
import org.pluginreview.lifecycle.PluginVersion;
import org.pluginreview.lifecycle.ReleaseDecision;
import org.pluginreview.lifecycle.ReviewDecision;
import org.pluginreview.lifecycle.SelfCheckItem;
import org.pluginreview.lifecycle.VersionRules.Refusal;
import org.pluginreview.lifecycle.VersionStatus;
import org.pluginreview.lifecycle.VersionLifecycle;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.lifecycle.VersionStore;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.plugin.PluginViews;
import org.pluginreview.plugin.PluginViews.VersionDetails;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The review actions of {@code /api}, as commands to the process: start it, complete its open task, or
 * send it the withdraw message, with typed variables. The process's own steps apply the rules; where the
 * process waits for nothing of the kind, the refusal comes from the same rules, read without changing
 * anything. Engine calls run past Camunda's authorization checks, since the steps check who acts.
 */
@Service
@Transactional
public class ReviewCommands {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final CommandExecutor commands;
  private final PluginCatalog catalog;
  private final VersionStore store;
  private final VersionLifecycle lifecycle;
  private final ShowTaskDetails taskDetails;

  ReviewCommands(RuntimeService runtimeService, TaskService taskService, ProcessEngineConfigurationImpl engine,
                 PluginCatalog catalog, VersionStore store, VersionLifecycle lifecycle, ShowTaskDetails taskDetails) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.commands = engine.getCommandExecutorTxRequired();
    this.catalog = catalog;
    this.store = store;
    this.lifecycle = lifecycle;
    this.taskDetails = taskDetails;
  }

  /** Starts the review; its first step moves the record, so a refused start leaves nothing behind. */
  public VersionDetails submit(Actor actor, String pluginId, String version, Long expectedRevision) {
    VariableMap variables = Variables.createVariables();
    ReviewProcess.Var.PLUGIN_ID.put(variables, pluginId);
    ReviewProcess.Var.VERSION.put(variables, version);
    withRevision(variables, expectedRevision);
    trusted(() -> runtimeService.createProcessInstanceByKey(ReviewProcess.KEY)
        .businessKey(ReviewProcess.businessKey(pluginId, version)).setVariables(variables).execute());
    return catalog.version(actor, pluginId, version);
  }

  public VersionDetails selfCheck(Actor actor, String pluginId, String version, List<String> items,
                                  Long expectedRevision) {
    List<SelfCheckItem> ticked = items.stream().map(i -> parse(SelfCheckItem.class, i, "items")).toList();
    VariableMap variables = Variables.createVariables();
    ReviewProcess.SELF_CHECK_VARIABLES.forEach((item, variable) -> variable.put(variables, ticked.contains(item)));
    return complete(actor, pluginId, version, Action.SELF_CHECK, ReviewProcess.USER_TASK_SELF_CHECK, variables,
        expectedRevision);
  }

  public VersionDetails withdraw(Actor actor, String pluginId, String version, Long expectedRevision) {
    queueBehind(pluginId);
    Execution waiting = waitingFor(ReviewProcess.MESSAGE_WITHDRAW, pluginId, version);
    if (waiting == null) {
      throw refusal(actor, pluginId, version, Action.WITHDRAW, expectedRevision);
    }
    VariableMap variables = Variables.createVariables();
    withRevision(variables, expectedRevision);
    trusted(() -> runtimeService.createMessageCorrelation(ReviewProcess.MESSAGE_WITHDRAW)
        .processInstanceId(waiting.getProcessInstanceId()).setVariables(variables).correlateWithResult());
    return catalog.version(actor, pluginId, version);
  }

  /**
   * Sends the review the owner's expedite message with the reason, transient: the step checks it and moves
   * the task up the queue. A review not waiting for it answers the rules' refusal.
   */
  public VersionDetails expedite(Actor actor, String pluginId, String version, String reason) {
    queueBehind(pluginId);
    Execution waiting = waitingFor(ReviewProcess.MESSAGE_EXPEDITE, pluginId, version);
    if (waiting == null) {
      throw refusal(actor, pluginId, version, Action.EXPEDITE, null);
    }
    VariableMap variables = Variables.createVariables();
    variables.putValueTyped(ReviewProcess.Var.REASON.name(), ReviewProcess.Var.REASON.typed(reason, true));
    trusted(() -> runtimeService.createMessageCorrelation(ReviewProcess.MESSAGE_EXPEDITE)
        .processInstanceId(waiting.getProcessInstanceId()).setVariables(variables).correlateWithResult());
    return catalog.version(actor, pluginId, version);
  }

  /**
   * A message in the version's conversation. One from the developer also puts an answer task in the
   * Tasklist of the reviewer who rejected it, or brings the open one up to date.
   */
  public List<PluginViews.Message> postMessage(Actor actor, String pluginId, String version, String text) {
    String answerBy = lifecycle.postMessage(actor, pluginId, version, text);
    if (answerBy != null) {
      String key = ReviewProcess.businessKey(pluginId, version);
      Task open = trusted(() -> taskService.createTaskQuery().processDefinitionKey(ConversationProcess.KEY)
          .processInstanceBusinessKey(key).singleResult());
      if (open != null) {
        Map<String, Object> details = taskDetails.details(new Review(pluginId, version, open.getProcessInstanceId()),
            Set.of(ReviewProcess.Detail.CONVERSATION));
        // written on the task entity: as a task command, the engine guard would refuse it to the developer
        commands.execute(context -> {
          context.getTaskManager().findTaskById(open.getId()).setVariablesLocal(details);
          return null;
        });
      } else {
        VariableMap variables = Variables.createVariables();
        ConversationProcess.Var.ANSWER_BY.put(variables, answerBy);
        trusted(() -> runtimeService.startProcessInstanceByKey(ConversationProcess.KEY, key, variables));
      }
    }
    return catalog.conversation(actor, pluginId, version);
  }

  /** Starts the appeal at its message start event; its first step applies the appeal rules to the caller. */
  public VersionDetails appeal(Actor actor, String pluginId, String version, String reason) {
    queueBehind(pluginId);
    catalog.refusal(actor, pluginId, version, Action.APPEAL, null).ifPresent(r -> {
      throw r.exception();
    });
    VariableMap variables = Variables.createVariables();
    variables.putValueTyped(ReviewProcess.Var.REASON.name(), ReviewProcess.Var.REASON.typed(reason, true));
    trusted(() -> runtimeService.createMessageCorrelation(ReviewProcess.MESSAGE_APPEAL)
        .processInstanceBusinessKey(ReviewProcess.businessKey(pluginId, version)).setVariables(variables)
        .correlateStartMessage());
    return catalog.version(actor, pluginId, version);
  }

  public VersionDetails review(Actor actor, String pluginId, String version, String decision, String reasonCategory,
                               String comment, Long expectedRevision) {
    return review(actor, pluginId, version, decision, reasonCategory, comment, List.of(), expectedRevision);
  }

  /** As above; a rejection may cite items of the review standard by id ({@code findings}). */
  public VersionDetails review(Actor actor, String pluginId, String version, String decision, String reasonCategory,
                               String comment, List<String> findings, Long expectedRevision) {
    ReviewDecision parsed = parse(ReviewDecision.class, decision, "decision");
    VariableMap variables = Variables.createVariables();
    ReviewProcess.Var.REVIEW_DECISION.put(variables, parsed.name());
    ReviewProcess.Var.REJECT_CATEGORY.put(variables, reasonCategory);
    ReviewProcess.Var.REVIEW_COMMENT.put(variables, comment);
    if (findings != null && !findings.isEmpty()) {
      ReviewProcess.Var.REVIEW_FINDINGS.put(variables, String.join(",", findings));
    }
    return complete(actor, pluginId, version, parsed == ReviewDecision.APPROVE ? Action.APPROVE : Action.REJECT,
        ReviewProcess.USER_TASK_REVIEW, variables, expectedRevision);
  }

  /** Starts grayscale from APPROVED, raises it from GRAY. */
  public VersionDetails gray(Actor actor, String pluginId, String version, Object percentage, Long expectedRevision) {
    boolean raising = store.version(pluginId, version).map(PluginVersion::getStatus)
        .filter(s -> s == VersionStatus.GRAY).isPresent();
    Long whole = GrayPercentage.wholeNumber(percentage);
    // anything but a whole number still goes to the step, which refuses it after the rules that come first
    Object value = whole != null ? whole : String.valueOf(percentage);
    return decideRelease(actor, pluginId, version, raising ? ReleaseDecision.RAISE_GRAY : ReleaseDecision.START_GRAY,
        value, expectedRevision);
  }

  public VersionDetails cancelGray(Actor actor, String pluginId, String version, Long expectedRevision) {
    return decideRelease(actor, pluginId, version, ReleaseDecision.CANCEL_GRAY, null, expectedRevision);
  }

  public VersionDetails release(Actor actor, String pluginId, String version, Long expectedRevision) {
    return decideRelease(actor, pluginId, version, ReleaseDecision.GO_LIVE, null, expectedRevision);
  }

  public VersionDetails returnToDevelopment(Actor actor, String pluginId, String version, Long expectedRevision) {
    return decideRelease(actor, pluginId, version, ReleaseDecision.RETURN_TO_DEVELOPMENT, null, expectedRevision);
  }

  private VersionDetails decideRelease(Actor actor, String pluginId, String version, ReleaseDecision decision,
                                       Object percentage, Long expectedRevision) {
    VariableMap variables = Variables.createVariables();
    ReviewProcess.Var.RELEASE_DECISION.put(variables, decision.name());
    if (percentage != null) {
      ReviewProcess.Var.GRAY_PERCENTAGE.put(variables, percentage);
    }
    return complete(actor, pluginId, version, decision.action(), ReviewProcess.USER_TASK_RELEASE_DECISION, variables,
        expectedRevision);
  }

  /** Completes the open task of the version's review, or answers why the actor may not do this now. */
  private VersionDetails complete(Actor actor, String pluginId, String version, Action action, String taskKey,
                                  VariableMap variables, Long expectedRevision) {
    queueBehind(pluginId);
    String key = ReviewProcess.businessKey(pluginId, version);
    Task task = trusted(() -> taskService.createTaskQuery().processDefinitionKey(ReviewProcess.KEY)
        .processInstanceBusinessKey(key).taskDefinitionKey(taskKey).listPage(0, 1).stream().findFirst().orElse(null));
    if (task == null) {
      throw refusal(actor, pluginId, version, action, expectedRevision);
    }
    withRevision(variables, expectedRevision);
    trusted(() -> {
      taskService.complete(task.getId(), variables);
      return null;
    });
    return catalog.version(actor, pluginId, version);
  }

  /**
   * Waits for whoever is changing the plugin right now, so that what this command then finds waiting in
   * the process is what it will complete (the step locks the plugin again to check its rules).
   */
  /** The version's review where it waits for this message, or null. */
  private Execution waitingFor(String message, String pluginId, String version) {
    String key = ReviewProcess.businessKey(pluginId, version);
    return trusted(() -> runtimeService.createExecutionQuery().processDefinitionKey(ReviewProcess.KEY)
        .processInstanceBusinessKey(key).messageEventSubscriptionName(message)
        .listPage(0, 1).stream().findFirst().orElse(null));
  }

  private void queueBehind(String pluginId) {
    store.lockPlugin(pluginId);
  }

  private ApiException refusal(Actor actor, String pluginId, String version, Action action, Long expectedRevision) {
    return catalog.refusal(actor, pluginId, version, action, expectedRevision).map(Refusal::exception)
        .orElseGet(() -> ErrorCode.CONFLICT.exception(
            "The review process of version " + version + " is not waiting for this step."));
  }

  private static void withRevision(VariableMap variables, Long expectedRevision) {
    if (expectedRevision != null) {
      variables.putValueTyped(ReviewProcess.Var.EXPECTED_REVISION.name(),
          ReviewProcess.Var.EXPECTED_REVISION.typed(expectedRevision, true));
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
    if (value != null) {
      for (E candidate : type.getEnumConstants()) {
        if (candidate.name().equals(value)) {
          return candidate;
        }
      }
    }
    List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    throw ErrorCode.VALIDATION_FAILED.exception("Field '" + field + "' must be one of " + names + ".")
        .with("fields", Map.of(field, "one of " + names));
  }

  private <T> T trusted(Callable<T> work) {
    return commands.execute(context -> context.runWithoutAuthorization(work));
  }
}
