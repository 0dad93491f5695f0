package org.pluginreview.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class EngineConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
