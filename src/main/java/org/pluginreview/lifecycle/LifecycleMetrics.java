package org.pluginreview.lifecycle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Lifecycle counters for Prometheus; counted once the change commits, so a rolled-back click counts nothing. */
@Component
class LifecycleMetrics implements LifecycleCounters {

  private final Counter submissions;
  private final Counter approvals;
  private final Counter rejections;
  private final Counter releases;
  private final Timer reviewWaiting;

  LifecycleMetrics(MeterRegistry registry) {
    submissions = Counter.builder("plugin.review.submissions").description("versions submitted for review")
        .register(registry);
    approvals = Counter.builder("plugin.review.decisions").tag("decision", "approved")
        .description("review decisions").register(registry);
    rejections = Counter.builder("plugin.review.decisions").tag("decision", "rejected")
        .description("review decisions").register(registry);
    releases = Counter.builder("plugin.review.releases").description("versions taken live").register(registry);
    reviewWaiting = Timer.builder("plugin.review.waiting")
        .description("time from entering manual review to the decision").register(registry);
  }

  @Override
  public void submitted() {
    afterCommit(submissions::increment);
  }

  @Override
  public void decided(boolean approved, Duration waited) {
    afterCommit(() -> {
      (approved ? approvals : rejections).increment();
      if (waited != null) {
        reviewWaiting.record(waited);
      }
    });
  }

  @Override
  public void released() {
    afterCommit(releases::increment);
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }
}
