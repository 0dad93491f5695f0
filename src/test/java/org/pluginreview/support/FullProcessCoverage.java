package org.pluginreview.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Imported before the coverage extension's own configuration, so its condition wins: a process-path
 * test class must cover every flow node and sequence flow of the models it runs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FullProcessCoverage {

  @Bean
  ProcessEngineCoverageProperties fullCoverage() {
    return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0).build();
  }
}
