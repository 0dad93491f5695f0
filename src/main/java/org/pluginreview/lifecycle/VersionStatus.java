package org.pluginreview.lifecycle;

import java.util.EnumSet;
import java.util.Set;

public enum VersionStatus {
  DEVELOPMENT, SELF_CHECK, AUDITING, AUDIT_REJECTED, APPROVED, GRAY, RELEASED, OFFLINE;

  /** A version in one of these blocks submitting any other version of the same plugin. */
  public static final Set<VersionStatus> IN_FLIGHT = EnumSet.of(SELF_CHECK, AUDITING, APPROVED, GRAY);
  /** Versions that are or were live; the trial flag never sits on them. */
  public static final Set<VersionStatus> LIVE_OR_PAST = EnumSet.of(RELEASED, OFFLINE);
}
