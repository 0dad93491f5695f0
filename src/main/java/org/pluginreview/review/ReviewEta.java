package org.pluginreview.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a review will likely be decided, as a range and never as a promise. From the engine's history:
 * the median and the 90th percentile of how long recent reviews waited for their decision, and how many
 * reviews were decided a day lately. The range starts where the median, less the time this review has
 * waited already, ends; it ends where the 90th percentile does, or later when the queue ahead of it
 * takes longer to clear at the recent pace.
 */
public final class ReviewEta {

  /** How far back the waits are read, and over how many days the pace is taken. */
  public static final Duration HISTORY = Duration.ofDays(30);
  public static final Duration PACE = Duration.ofDays(7);
  /** Fewer decided reviews than this give no estimate: a range from two samples would mislead. */
  public static final int MIN_HISTORY = 5;

  public record Estimate(int position, int queueLength, Instant likelyFrom, Instant likelyTo, Duration median,
                         Duration p90, double decidedPerDay, int basedOn) {}

  private ReviewEta() {}

  /**
   * @param position       1 for the next review to be picked, in the queue's order
   * @param recentWaits    how long each review decided within {@link #HISTORY} waited
   * @param decidedInPace  how many reviews were decided within {@link #PACE}
   * @return the estimate, or one without a range when the history is too thin
   */
  public static Estimate estimate(int position, int queueLength, Instant enteredReview, List<Duration> recentWaits,
                                  long decidedInPace, Instant now) {
    double perDay = decidedInPace / (double) PACE.toDays();
    if (recentWaits.size() < MIN_HISTORY) {
      return new Estimate(position, queueLength, null, null, null, null, perDay, recentWaits.size());
    }
    List<Duration> sorted = recentWaits.stream().sorted().toList();
    Duration median = percentile(sorted, 50);
    Duration p90 = percentile(sorted, 90);
    Duration waited = Duration.between(enteredReview, now);
    Duration from = positive(median.minus(waited));
    Duration to = positive(p90.minus(waited));
    if (perDay > 0) {
      Duration clearing = Duration.ofSeconds((long) (position / perDay * 86_400));
      to = max(to, clearing);
    }
    to = max(to, from);
    return new Estimate(position, queueLength, now.plus(from), now.plus(to), median, p90, perDay, sorted.size());
  }

  /** Nearest-rank percentile of a sorted list. */
  static Duration percentile(List<Duration> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
