package org.pluginreview.review;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The engine calls the version service makes: start a review, complete its tasks, withdraw it. The
 * service has already applied our rules to the caller, so these run past Camunda's authorization checks
 * (a developer may withdraw without rights on process instances); the caller stays authenticated, so
 * the steps still know who acts.
 */
@Component
public class ReviewWorkflow {

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final CommandExecutor commands;

  ReviewWorkflow(RuntimeService runtimeService, TaskService taskService, ProcessEngineConfigurationImpl engine) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.commands = engine.getCommandExecutorTxRequired();
  }

  /** Starts the process; its first step moves the record, so a refused start leaves nothing behind. */
  public String start(String pluginId, String version) {
    return trusted(() -> runtimeService.startProcessInstanceByKey(ReviewProcess.KEY,
        ReviewProcess.businessKey(pluginId, version),
        Variables.createVariables()
            .putValue(ReviewProcess.Var.PLUGIN_ID, pluginId)
            .putValue(ReviewProcess.Var.VERSION, version))
        .getId());
  }

  public Optional<Task> openTask(String processInstanceId, String taskDefinitionKey) {
    if (processInstanceId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(trusted(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(taskDefinitionKey).singleResult()));
  }

  /** Who has claimed the open review task of this instance, if anyone. */
  public String reviewClaimedBy(String processInstanceId) {
    return openTask(processInstanceId, ReviewProcess.USER_TASK_REVIEW).map(Task::getAssignee).orElse(null);
  }

  public void complete(Task task, Map<String, Object> variables) {
    trusted(() -> {
      taskService.complete(task.getId(), variables);
      return null;
    });
  }

  public void withdraw(String processInstanceId) {
    trusted(() -> runtimeService.createMessageCorrelation(ReviewProcess.MESSAGE_WITHDRAW)
        .processInstanceId(processInstanceId)
        .correlateWithResult());
  }

  private <T> T trusted(Callable<T> work) {
    return commands.execute(context -> context.runWithoutAuthorization(work));
  }
}
