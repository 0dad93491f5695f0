package org.pluginreview.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import org.pluginreview.system.ErrorCode;

/** A grayscale percentage: an integer from 1 to 99, higher than the current one when raising. */
public final class GrayPercentage {

  private GrayPercentage() {}

  static int check(Object raw, Integer current) {
    Long value = wholeNumber(raw);
    if (value == null || value < 1 || value > 99) {
      throw ErrorCode.GRAY_PERCENTAGE_INVALID.exception("The percentage must be an integer from 1 to 99.");
    }
    if (current != null && value <= current) {
      throw ErrorCode.GRAY_PERCENTAGE_INVALID.exception(
          "The percentage must be higher than the current " + current + "%.").with("currentPercentage", current);
    }
    return value.intValue();
  }

  /** The value as a whole number, or null if it is none. */
  public static Long wholeNumber(Object raw) {
    if (raw instanceof JsonNode node) {
      return node.isIntegralNumber() && node.canConvertToLong() ? node.asLong() : null;
    }
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short) {
      return ((Number) raw).longValue();
    }
    // a Camunda Form's number field may arrive as a double
    if (raw instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e9) {
      return d.longValue();
    }
    return null;
  }
}
