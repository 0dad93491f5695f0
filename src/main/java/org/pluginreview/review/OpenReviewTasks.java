package org.pluginreview.review;

import java.util.Optional;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.TaskService;
import org.pluginreview.plugin.ReviewClaims;
import org.springframework.stereotype.Component;

/** Who holds a version's open review task; read past authorization, as a version's actions depend on it. */
@Component
class OpenReviewTasks implements ReviewClaims {

  private final TaskService taskService;
  private final CommandExecutor commands;

  OpenReviewTasks(TaskService taskService, ProcessEngineConfigurationImpl engine) {
    this.taskService = taskService;
    this.commands = engine.getCommandExecutorTxRequired();
  }

  @Override
  public String reviewClaimedBy(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    Task task = commands.execute(context -> context.runWithoutAuthorization(() -> taskService.createTaskQuery()
        .processInstanceId(processInstanceId).taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).singleResult()));
    return Optional.ofNullable(task).map(Task::getAssignee).orElse(null);
  }
}
