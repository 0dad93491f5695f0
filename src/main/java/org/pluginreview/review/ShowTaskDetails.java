package org.pluginreview.review;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.pluginreview.plugin.PluginService;
import org.springframework.stereotype.Component;

/** On every user task's creation: the details its Camunda Form shows, as task-local variables. */
@Component("showTaskDetails")
class ShowTaskDetails implements TaskListener {

  private final PluginService service;

  ShowTaskDetails(PluginService service) {
    this.service = service;
  }

  @Override
  public void notify(DelegateTask task) {
    // each variable is a row written and later deleted: store only what this task's form shows
    task.setVariablesLocal(service.taskDetails(StepVariables.pluginId(task), StepVariables.version(task),
        ReviewProcess.FORM_DETAILS.getOrDefault(task.getTaskDefinitionKey(), Set.of())));
  }
}
