package org.pluginreview.lifecycle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The quotas from configuration (GET /api/quotas shows them to each person). */
@Configuration
class QuotasConfig {

  @Bean
  Quotas quotas(@Value("${plugin-review.quotas.withdrawals-per-day:5}") int withdrawals,
                @Value("${plugin-review.quotas.expedites-per-month:3}") int expedites) {
    return new Quotas(withdrawals, expedites);
  }
}
