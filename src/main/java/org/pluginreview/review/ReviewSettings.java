package org.pluginreview.review;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Read by the model's overdue timer as {@code ${reviewSettings.sla}}. */
@Component("reviewSettings")
public class ReviewSettings {

  private final String sla;
  private final Duration duration;

  ReviewSettings(@Value("${plugin-review.review-sla:P2D}") String sla) {
    this.duration = Duration.parse(sla); // refuse to start with an SLA the timer could not read
    this.sla = sla;
  }

  public String getSla() {
    return sla;
  }

  /** The same SLA for Java callers (a review task's due date). */
  Duration duration() {
    return duration;
  }
}
