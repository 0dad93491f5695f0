package org.pluginreview.notify;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where webhooks may point, and how often a failed delivery is retried. */
@Configuration
class NotifyConfig {

  @Bean
  Endpoints endpoints(@Value("${plugin-review.webhooks.allow-local:false}") boolean allowLocal) {
    return new Endpoints(Endpoints.SYSTEM, allowLocal);
  }

  /** The model's retry cycle reads {@code ${deliverySettings.retryCycle}}. */
  @Bean
  DeliverySettings deliverySettings(@Value("${plugin-review.notifications.retry-cycle:PT1M,PT5M,PT30M,PT2H,PT6H}")
                                    String retryCycle) {
    return new DeliverySettings(retryCycle);
  }

  /** Back-off between attempts, as a comma-separated list of ISO-8601 durations. */
  public record DeliverySettings(String retryCycle) {
    public String getRetryCycle() {
      return retryCycle;
    }
  }
}
