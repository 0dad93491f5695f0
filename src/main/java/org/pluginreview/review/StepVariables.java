package org.pluginreview.review;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;

/** Reads the ids and people a step needs from the process variables. */
final class StepVariables {

  private StepVariables() {}

  static String pluginId(VariableScope scope) {
    return requiredString(scope, ReviewProcess.Var.PLUGIN_ID);
  }

  static String version(VariableScope scope) {
    return requiredString(scope, ReviewProcess.Var.VERSION);
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
    return recorded == null ? Actor.SYSTEM : new Actor(recorded, java.util.Set.of());
  }

  private static String requiredString(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw ErrorCode.VALIDATION_FAILED.exception("The review process needs the string variable '" + name + "'.")
          .with("fields", java.util.Map.of(name, "required string"));
    }
    return text;
  }
}
