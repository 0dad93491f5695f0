package org.pluginreview.support;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.pluginreview.review.ReviewProcess;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * As FullProcessCoverage, for a model that needs the version review to run first (a live plugin to list,
 * an event to deliver): that review has its own test, so it is left out of the count.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CoverageBesideTheVersionReview {

  @Bean
  ProcessEngineCoverageProperties coverageBesideTheVersionReview() {
    return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(ReviewProcess.KEY).build();
  }
}
