package org.pluginreview.review;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;

/** Reads the ids and people a step needs from the process. */
final class StepVariables {

  private StepVariables() {}

  /** What a start asks for; the first step checks it and makes it the business key. */
  static String requestedPluginId(DelegateExecution execution) {
    return requiredString(execution, ReviewProcess.Var.PLUGIN_ID);
  }

  static String requestedVersion(DelegateExecution execution) {
    return requiredString(execution, ReviewProcess.Var.VERSION);
  }

  /**
   * Every later step reads the version from the business key: unlike a variable, a task form or an
   * engine-rest task completion cannot change it.
   */
  static String pluginId(VariableScope scope) {
    String key = businessKey(scope);
    return key.substring(0, key.lastIndexOf(':'));
  }

  static String version(VariableScope scope) {
    String key = businessKey(scope);
    return key.substring(key.lastIndexOf(':') + 1);
  }

  static String string(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? null : value.toString();
  }

  /** The person acting in this step: the engine's authenticated user, else the one a listener recorded. */
  static Actor actor(IdentityService identityService, VariableScope scope, String recordedIn) {
    Actor current = Actor.current(identityService);
    if (current != null) {
      return current;
    }
    String recorded = string(scope, recordedIn);
    return recorded == null ? Actor.SYSTEM : new Actor(recorded, Set.of());
  }

  private static String businessKey(VariableScope scope) {
    String key = scope instanceof DelegateTask task
        ? task.getExecution().getProcessBusinessKey()
        : ((DelegateExecution) scope).getProcessBusinessKey();
    if (key == null || key.lastIndexOf(':') <= 0) {
      throw ErrorCode.CONFLICT.exception("This review process has no business key pluginId:version.");
    }
    return key;
  }

  private static String requiredString(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw ErrorCode.VALIDATION_FAILED.exception("The review process needs the string variable '" + name + "'.")
          .with("fields", Map.of(name, "required string"));
    }
    return text;
  }
}
