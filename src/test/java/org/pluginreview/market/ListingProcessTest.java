package org.pluginreview.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.REVIEWER1;
import static org.pluginreview.support.Users.as;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.review.ReviewCommands;
import org.pluginreview.support.CoverageBesideTheVersionReview;
import org.pluginreview.support.Fixtures;
import org.pluginreview.system.ApiException;
import org.pluginreview.system.ErrorCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of processes/market-listing-review.bpmn, driven as people drive it (the market service behind
 * /api, which starts it, completes its task and sends it the unlist message), with the listing checked at
 * each step. The coverage listener fails the class below 100% of flow nodes and sequence flows.
 */
@SpringBootTest(properties = "camunda.bpm.process-engine-name=listingTest")
@ActiveProfiles("test")
@Import({CoverageBesideTheVersionReview.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class ListingProcessTest {


  private static final MarketRequests.ListingRequest TEXT = new MarketRequests.ListingRequest("Weather",
      "Seven-day forecasts", "tools", null, "help@weather.example", "https://weather.example/help");

  @Autowired PluginCatalog catalog;
  @Autowired ReviewCommands commands;
  @Autowired MarketService market;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired TaskService taskService;

  @BeforeEach
  void useThisEngine() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void anApprovedListingIsPublic() {
    String pluginId = live();
    ProcessInstance pi = request(pluginId);
    assertThat(pi).isWaitingAt(ListingProcess.USER_TASK_REVIEW_LISTING).task().hasCandidateGroup("reviewers")
        .hasName(ListingProcess.taskName(pluginId));
    assertThat(pi).hasBusinessKey(pluginId);
    assertThat(taskService.getVariableLocal(BpmnAwareTests.task(pi).getId(), ListingProcess.Detail.CHANGES))
        .isEqualTo("Nothing is public yet: this would be the first listing.");

    as(identity, REVIEWER1, () -> market.review(REVIEWER1, pluginId, new MarketRequests.ListingDecision("APPROVE", null, null)));

    assertThat(pi).hasPassed(ListingProcess.PUBLISH_LISTING).isEnded().hasPassed(ListingProcess.END_PUBLISHED);
    assertThat(listing(pluginId)).extracting(MarketViews.ListingView::status, MarketViews.ListingView::listed)
        .containsExactly(ListingStatus.LISTED, true);
  }

  @Test
  void aRejectedListingStaysOutOfTheMarketWithItsReason() {
    String pluginId = live();
    ProcessInstance pi = request(pluginId);
    as(identity, REVIEWER1, () -> market.review(REVIEWER1, pluginId,
        new MarketRequests.ListingDecision("REJECT", "INFORMATION", "Which cities?")));

    assertThat(pi).hasPassed(ListingProcess.REJECT_LISTING).isEnded().hasPassed(ListingProcess.END_REJECTED);
    assertThat(listing(pluginId)).extracting(MarketViews.ListingView::status, MarketViews.ListingView::listed)
        .containsExactly(ListingStatus.REJECTED, false);
  }

  @Test
  void unlistingWhileTheReviewWaitsEndsIt() {
    String pluginId = live();
    ProcessInstance pi = request(pluginId);
    as(identity, DEV1, () -> market.unlist(DEV1, pluginId));

    assertThat(pi).hasPassed(ListingProcess.WITHDRAW_LISTING).isEnded().hasPassed(ListingProcess.END_WITHDRAWN);
    assertThat(listing(pluginId).status()).isEqualTo(ListingStatus.UNLISTED);
  }

  @Test
  void theOwnerNeverReviewsTheirOwnListing() {
    String pluginId = live();
    ProcessInstance pi = request(pluginId);
    assertThatThrownBy(() -> as(identity, DEV1, () -> market.review(DEV1, pluginId,
        new MarketRequests.ListingDecision("APPROVE", null, null))))
        .satisfies(e -> assertThat(ApiException.find(e).code()).isEqualTo(ErrorCode.SELF_REVIEW_FORBIDDEN));
    assertThat(pi).isWaitingAt(ListingProcess.USER_TASK_REVIEW_LISTING);
  }

  private String live() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    as(identity, DEV1, () -> commands.submit(DEV1, pluginId, "1.0.0", null));
    as(identity, DEV1, () -> commands.selfCheck(DEV1, pluginId, "1.0.0", Fixtures.ALL_ITEMS, null));
    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, "1.0.0", "APPROVE", null, null, null));
    as(identity, DEV1, () -> commands.release(DEV1, pluginId, "1.0.0", null));
    return pluginId;
  }

  private ProcessInstance request(String pluginId) {
    as(identity, DEV1, () -> market.requestListing(DEV1, pluginId, TEXT));
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(ListingProcess.KEY)
        .processInstanceBusinessKey(pluginId).singleResult();
  }

  private MarketViews.ListingView listing(String pluginId) {
    return as(identity, DEV1, () -> market.listing(DEV1, pluginId));
  }
}
