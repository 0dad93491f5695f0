package org.pluginreview.plugin;

import java.util.Map;
import org.pluginreview.system.ErrorCode;

/** The revision a client read, sent back in {@code If-Match} so that a change to what it never saw is refused. */
public final class IfMatch {

  public static final String HEADER = "If-Match";

  private IfMatch() {}

  /** The revision the header names, or null without one. */
  public static Long revision(String header) {
    if (header == null) {
      return null;
    }
    String value = header.trim().replaceFirst("^W/", "").replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ErrorCode.VALIDATION_FAILED.exception("If-Match must be a revision number, as read in 'revision'.")
          .with("fields", Map.of(HEADER, "a revision number"));
    }
  }
}
