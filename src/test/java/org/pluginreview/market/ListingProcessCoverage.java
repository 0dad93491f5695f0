package org.pluginreview.market;

import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.pluginreview.review.ReviewProcess;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * As FullProcessCoverage, for the listing model alone: the version review that makes a plugin live first
 * runs too, and has its own test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ListingProcessCoverage {

  @Bean
  ProcessEngineCoverageProperties listingCoverage() {
    return ProcessEngineCoverageProperties.builder().assertClassCoverageAtLeast(1.0)
        .excludeProcessDefinitionKeys(ReviewProcess.KEY).build();
  }
}
