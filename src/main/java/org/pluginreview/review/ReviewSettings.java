package org.pluginreview.review;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Read by the model's overdue timer as {@code ${reviewSettings.sla}}. */
@Component("reviewSettings")
public class ReviewSettings {

  private final String sla;
  private final Duration duration;
  private final Duration expedited;

  ReviewSettings(@Value("${plugin-review.review-sla:P2D}") String sla,
                 @Value("${plugin-review.expedited-review-sla:PT8H}") String expeditedSla) {
    this.duration = Duration.parse(sla); // refuse to start with an SLA the timer could not read
    this.sla = sla;
    this.expedited = Duration.parse(expeditedSla);
  }

  /** How long an expedited review may wait from when it entered the queue. */
  Duration expedited() {
    return expedited;
  }

  public String getSla() {
    return sla;
  }

  /** The same SLA for Java callers (a review task's due date). */
  Duration duration() {
    return duration;
  }
}
