package org.pluginreview.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.pluginreview.support.Users.DEV1;
import static org.pluginreview.support.Users.REVIEWER1;
import static org.pluginreview.support.Users.as;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.lifecycle.PendingEventRepository;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.review.ReviewCommands;
import org.pluginreview.support.CoverageBesideTheVersionReview;
import org.pluginreview.support.Fixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path of processes/event-delivery.bpmn: the outbox starts a delivery per webhook and one mail per
 * event that has a kind, each waits as a job, and the job sends. The coverage listener fails the class
 * below 100% of its flow nodes and sequence flows.
 */
@SpringBootTest(properties = "camunda.bpm.process-engine-name=deliveryTest")
@ActiveProfiles("test")
@Import({CoverageBesideTheVersionReview.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class DeliveryProcessTest {

  @Autowired PluginCatalog catalog;
  @Autowired ReviewCommands commands;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired EventDispatcher dispatcher;
  @Autowired PendingEventRepository pending;
  @Autowired Webhooks webhooks;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    BpmnAwareTests.init(engine);
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void anEventForAWebhookWaitsAsAJobThenIsPostedSigned() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Webhooks.Registered hook = as(identity, DEV1, () -> webhooks.register(DEV1, pluginId, receiver.url(),
        List.of("version.uploaded")));
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    pending.deleteAllInBatch(); // ... but for the upload: other tests' events are not ours
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.1");
    dispatcher.dispatch();

    ProcessInstance delivery = started(DeliveryProcess.Channel.WEBHOOK).get(0);
    assertThat(delivery).isWaitingAt(DeliveryProcess.SEND_WEBHOOK).variables()
        .containsEntry(DeliveryProcess.Var.WEBHOOK_ID.name(), hook.id());
    execute(job(delivery));
    assertThat(delivery).hasPassed(DeliveryProcess.SEND_WEBHOOK).isEnded().hasPassed(DeliveryProcess.END_WEBHOOK_SENT);
    assertThat(receiver.received).hasSize(1).first()
        .satisfies(r -> assertThat(r.body()).contains("\"version\":\"1.0.1\"", "\"type\":\"version.uploaded\""));
  }

  @Test
  void anApprovalIsMailedToTheSubmitterFromAJobOfItsOwn() {
    String pluginId = Fixtures.newPlugin(catalog, identity, DEV1);
    Fixtures.upload(catalog, identity, DEV1, pluginId, "1.0.0");
    as(identity, DEV1, () -> commands.submit(DEV1, pluginId, "1.0.0", null));
    as(identity, DEV1, () -> commands.selfCheck(DEV1, pluginId, "1.0.0", Fixtures.ALL_ITEMS, null));
    pending.deleteAllInBatch();
    as(identity, REVIEWER1, () -> commands.review(REVIEWER1, pluginId, "1.0.0", "APPROVE", null, null, null));
    dispatcher.dispatch();

    ProcessInstance mail = started(DeliveryProcess.Channel.MAIL).get(0);
    assertThat(mail).isWaitingAt(DeliveryProcess.SEND_MAIL);
    execute(job(mail)); // no SMTP server here: the mail goes to the log
    assertThat(mail).hasPassed(DeliveryProcess.SEND_MAIL).isEnded().hasPassed(DeliveryProcess.END_MAIL_SENT);
  }

  private List<ProcessInstance> started(String channel) {
    List<ProcessInstance> found = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(DeliveryProcess.KEY)
        .variableValueEquals(DeliveryProcess.Var.CHANNEL.name(), channel).list();
    assertThat(found).hasSize(1);
    return found;
  }
}
