package org.pluginreview.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The detail variables on each task are display copies of our version record for Tasklist's forms;
 * the record and its event trail are the history. They were 22 of the 39 history variable rows a
 * lifecycle wrote (each updated again when the process ends), so they get none. Decisions and every
 * other variable keep their history.
 */
@Component
class SkipTaskDetailHistory extends AbstractProcessEnginePlugin {

  /** Every form detail's name starts so (the listing review's too); ProcessModelTest holds the forms to it. */
  static final String DETAIL_PREFIX = "detail";

  static final Set<String> DETAIL_VARIABLES = ReviewProcess.FORM_DETAILS.values().stream()
      .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(0, new WithoutTaskDetails());
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  static final class WithoutTaskDetails extends DbHistoryEventHandler {
    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable
          && variable.getTaskId() != null && variable.getVariableName().startsWith(DETAIL_PREFIX)) {
        return;
      }
      super.handleEvent(event);
    }
  }
}
