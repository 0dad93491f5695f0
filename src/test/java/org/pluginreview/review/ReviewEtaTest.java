package org.pluginreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.pluginreview.review.ReviewEta.Estimate;

/** The estimate from a controlled clock and seeded history: a range from the recent waits and pace. */
class ReviewEtaTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  /** Ten recent reviews that waited 1 to 10 hours: median 5 h, 90th percentile 9 h. */
  private static final List<Duration> WAITS = IntStream.rangeClosed(1, 10).mapToObj(Duration::ofHours).toList();

  @Test
  void aFreshReviewIsLikelyDecidedBetweenTheMedianAndThe90thPercentile() {
    Estimate e = ReviewEta.estimate(1, 3, NOW, WAITS, 70, NOW);
    assertThat(e.median()).isEqualTo(Duration.ofHours(5));
    assertThat(e.p90()).isEqualTo(Duration.ofHours(9));
    assertThat(e.decidedPerDay()).isEqualTo(10.0);
    assertThat(e.likelyFrom()).isEqualTo(NOW.plus(Duration.ofHours(5)));
    assertThat(e.likelyTo()).isEqualTo(NOW.plus(Duration.ofHours(9)));
    assertThat(e.basedOn()).isEqualTo(10);
  }

  @Test
  void timeAlreadyWaitedShortensTheRangeButNeverBelowNow() {
    Estimate waited3h = ReviewEta.estimate(1, 3, NOW.minus(Duration.ofHours(3)), WAITS, 70, NOW);
    assertThat(waited3h.likelyFrom()).isEqualTo(NOW.plus(Duration.ofHours(2)));
    assertThat(waited3h.likelyTo()).isEqualTo(NOW.plus(Duration.ofHours(6)));
    Estimate waited12h = ReviewEta.estimate(1, 3, NOW.minus(Duration.ofHours(12)), WAITS, 70, NOW);
    assertThat(waited12h.likelyFrom()).isEqualTo(NOW);
    assertThat(waited12h.likelyTo()).isEqualTo(NOW.plus(Duration.ofMinutes(144))); // one review at 10 a day
  }

  @Test
  void aLongQueueAtASlowPaceEndsTheRangeLater() {
    // 40 ahead at 7 a week (one a day): the queue clears in 40 days, whatever the median says
    Estimate e = ReviewEta.estimate(40, 60, NOW, WAITS, 7, NOW);
    assertThat(e.likelyFrom()).isEqualTo(NOW.plus(Duration.ofHours(5)));
    assertThat(e.likelyTo()).isEqualTo(NOW.plus(Duration.ofDays(40)));
  }

  @Test
  void thinHistoryGivesNoRange() {
    Estimate e = ReviewEta.estimate(2, 2, NOW, WAITS.subList(0, 4), 4, NOW);
    assertThat(e.likelyFrom()).isNull();
    assertThat(e.likelyTo()).isNull();
    assertThat(e.position()).isEqualTo(2);
    assertThat(e.basedOn()).isEqualTo(4);
  }
}
