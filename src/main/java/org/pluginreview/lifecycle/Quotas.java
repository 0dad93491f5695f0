package org.pluginreview.lifecycle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * How many of an action a person may take in a window, counted from their own history events. The windows
 * are calendar days and months in UTC, so everyone can see when a quota resets.
 */
public record Quotas(int withdrawalsPerDay, int expeditesPerMonth) {

  public static final Quotas DEFAULT = new Quotas(5, 3);

  /** One quota as people read it: its name, its limit, what is used and when it resets. */
  public record Usage(String name, int limit, long used, Instant resetsAt) {}

  public static Instant startOfDay(Instant now) {
    return now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
  }

  public static Instant nextDay(Instant now) {
    return startOfDay(now).plus(1, ChronoUnit.DAYS);
  }

  public static Instant startOfMonth(Instant now) {
    return now.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public static Instant nextMonth(Instant now) {
    return now.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }
}
