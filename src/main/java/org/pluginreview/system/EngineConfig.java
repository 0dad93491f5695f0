package org.pluginreview.system;

import java.time.Clock;
import org.pluginreview.lifecycle.Quotas;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, the quotas, and scheduling for work in the background (the consistency check behind health). */
@Configuration
@EnableScheduling
class EngineConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Quotas quotas(@Value("${plugin-review.quotas.withdrawals-per-day:5}") int withdrawals,
                @Value("${plugin-review.quotas.expedites-per-month:3}") int expedites) {
    return new Quotas(withdrawals, expedites);
  }
}
