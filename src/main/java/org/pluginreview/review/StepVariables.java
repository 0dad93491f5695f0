package org.pluginreview.review;

import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.pluginreview.lifecycle.VersionLifecycle.Review;
import org.pluginreview.system.Actor;
import org.pluginreview.system.ErrorCode;

/** What a step may take from the engine: the review it belongs to and the person the engine vouches for. */
public final class StepVariables {

  private StepVariables() {}

  /** What a start asks for; the first step checks it and makes it the business key. */
  static Review requested(DelegateExecution execution) {
    return new Review(required(execution, ReviewProcess.Var.PLUGIN_ID), required(execution, ReviewProcess.Var.VERSION),
        execution.getProcessInstanceId());
  }

  /**
   * Every later step reads the version from the business key: unlike a variable, a task form or an
   * engine-rest task completion cannot change it. The id is the engine's own.
   */
  static Review review(DelegateExecution execution) {
    return review(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
  }

  static Review review(DelegateTask task) {
    return review(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId());
  }

  /** The authenticated user of this call: whoever completed the task, started the process or sent the message. */
  static Actor actor(IdentityService identityService) {
    return Actor.required(identityService);
  }

  /** The revision the caller read, if this very call passed it (transient, so nobody could have set it before). */
  static Long expectedRevision(VariableScope scope) {
    return ReviewProcess.Var.EXPECTED_REVISION.getTransient(scope);
  }

  /** A decision the task's completion sent, as the enum it must name. */
  static <E extends Enum<E>> E decision(DelegateTask task, ReviewProcess.Variable<String> variable, Class<E> type) {
    Object value = task.getVariable(variable.name());
    for (E candidate : type.getEnumConstants()) {
      if (candidate.name().equals(value)) {
        return candidate;
      }
    }
    String allowed = "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    throw ErrorCode.VALIDATION_FAILED.exception("Field '" + variable.name() + "' must be " + allowed + ".")
        .with("fields", Map.of(variable.name(), allowed));
  }

  /** Text the completion sent; anything but text is refused rather than turned into text. */
  public static String text(DelegateTask task, ReviewProcess.Variable<String> variable) {
    Object value = task.getVariable(variable.name());
    if (value != null && !(value instanceof String)) {
      throw ErrorCode.VALIDATION_FAILED.exception("Field '" + variable.name() + "' must be text.")
          .with("fields", Map.of(variable.name(), "text"));
    }
    return (String) value;
  }

  /**
   * Puts what the listener checked where the gateway reads it: one value, on the process instance. The
   * task's creation cleared it, so a decision without this value (an approval's reason) stays absent.
   */
  static <T> void decided(DelegateTask task, ReviewProcess.Variable<T> variable, T value) {
    if (value != null) {
      task.getExecution().getProcessInstance().setVariableLocal(variable.name(), variable.typed(value, false));
    }
  }

  private static Review review(String key, String processInstanceId) {
    if (key == null || key.lastIndexOf(':') <= 0) {
      throw ErrorCode.CONFLICT.exception("This review process has no business key pluginId:version.");
    }
    return new Review(key.substring(0, key.lastIndexOf(':')), key.substring(key.lastIndexOf(':') + 1),
        processInstanceId);
  }

  private static String required(DelegateExecution execution, ReviewProcess.Variable<String> variable) {
    String text = variable.get(execution);
    if (text == null || text.isBlank()) {
      throw ErrorCode.VALIDATION_FAILED.exception("The review process needs the string variable '"
          + variable.name() + "'.").with("fields", Map.of(variable.name(), "required string"));
    }
    return text;
  }
}
