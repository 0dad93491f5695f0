package org.pluginreview.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal with a stable code. Unchecked so that it passes unchanged through the engine when a
 * delegate or task listener throws it, rolling back the whole engine step.
 */
public class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public ApiException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  public ApiException with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  /** The refusal behind an exception, where the engine wrapped it (task listeners are). */
  public static ApiException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        return api;
      }
    }
    return null;
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }
}
