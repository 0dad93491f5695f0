package org.pluginreview.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock, and scheduling for work in the background (the consistency check behind health, the outbox). */
@Configuration
@EnableScheduling
class EngineConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
