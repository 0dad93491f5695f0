package org.pluginreview.lifecycle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pluginreview.system.ErrorCode;

/** MAJOR.MINOR.PATCH; each part at most nine digits without leading zeros, so it fits a database integer. */
public record VersionNumber(int major, int minor, int patch) implements Comparable<VersionNumber> {

  private static final Pattern FORMAT =
      Pattern.compile("(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})");

  public static VersionNumber parse(String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      throw ErrorCode.INVALID_VERSION.exception(
          "The version must be MAJOR.MINOR.PATCH with non-negative integers of at most nine digits, e.g. 1.0.3.")
          .with("version", text == null || text.length() > 64 ? null : text);
    }
    return new VersionNumber(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  @Override
  public int compareTo(VersionNumber o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
