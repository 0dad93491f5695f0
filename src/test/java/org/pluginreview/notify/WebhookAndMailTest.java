package org.pluginreview.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.lifecycle.PendingEventRepository;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.pluginreview.support.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Webhooks and mails over real HTTP and SMTP: a receiver in this JVM on the loopback address, GreenMail
 * for the mails. The test moves the outbox and runs the delivery jobs itself, as a node's job executor would.
 */
@ServiceTest
class WebhookAndMailTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired EventDispatcher dispatcher;
  @Autowired PendingEventRepository pending;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired WebhookRepository webhooks;
  ApiClient api;
  WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    api = new ApiClient(port);
    receiver = new WebhookReceiver();
    pending.deleteAllInBatch(); // other test classes' events in this shared context are not ours to deliver
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private static String plugin() {
    return "hooks-" + SEQUENCE.incrementAndGet();
  }

  private static String hooks(String pluginId) {
    return "/api/plugins/" + pluginId + "/webhooks";
  }

  private JsonNode register(String owner, String pluginId, String events) {
    Response r = api.post(owner, hooks(pluginId), "{\"url\":\"" + receiver.url() + "\""
        + (events == null ? "" : ",\"events\":" + events) + "}");
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return r.body();
  }

  /** Moves the outbox into deliveries and runs each waiting send of this webhook once; how many ran. */
  private int deliver(String webhookId) {
    dispatcher.dispatch();
    int ran = 0;
    for (Job job : jobs(webhookId)) {
      try {
        managementService.executeJob(job.getId());
      } catch (RuntimeException failedAsTheReceiverSaid) {
        // the job keeps its failure: retries left, or an incident
      }
      ran++;
    }
    return ran;
  }

  private List<Job> jobs(String webhookId) {
    List<Job> jobs = new ArrayList<>();
    for (ProcessInstance instance : instances(webhookId)) {
      jobs.addAll(managementService.createJobQuery().processInstanceId(instance.getId()).withRetriesLeft().list());
    }
    return jobs;
  }

  private List<ProcessInstance> instances(String webhookId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(DeliveryProcess.KEY)
        .variableValueEquals(DeliveryProcess.Var.WEBHOOK_ID.name(), webhookId).list();
  }

  // ---------------------------------------------------------------- registration

  @Test
  void anOwnerRegistersAnEndpointAndSeesTheSecretOnlyOnce() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    JsonNode created = register("dev1", p, null);
    assertThat(created.path("secret").asText()).startsWith("whsec_").hasSize(70);
    assertThat(created.path("events")).hasSize(EventTypes.ALL.size());
    String path = hooks(p) + "/" + created.path("id").asText();
    Response read = api.get("dev1", path);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body().has("secret")).isFalse();
    assertThat(read.body().path("url").asText()).isEqualTo(receiver.url());
    assertThat(api.get("dev1", hooks(p)).body()).hasSize(1);
    assertThat(api.get("dev1", hooks(p)).raw()).doesNotContain(created.path("secret").asText());

    assertThat(api.get("dev2", path).code()).isEqualTo("NOT_FOUND"); // another developer's plugin does not exist
    assertThat(api.get("reviewer1", path).code()).isEqualTo("FORBIDDEN"); // reviewers read plugins, not their receivers
    assertThat(api.delete("dev2", path).code()).isEqualTo("NOT_FOUND");
    assertThat(api.get("demo", path).status()).isEqualTo(200); // an administrator

    assertThat(api.delete("dev1", path).status()).isEqualTo(204);
    assertThat(api.get("dev1", path).code()).isEqualTo("NOT_FOUND");
    assertThat(api.get("dev1", hooks(p) + "/nope/deliveries").code()).isEqualTo("NOT_FOUND");
  }

  @Test
  void endpointsThatAreNotPublicHttpsAreRefusedWithoutAnyConnection() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    for (String url : List.of("http://hooks.example.com/x", "ftp://127.0.0.1/x", "https://10.0.0.7/x",
        "https://192.168.1.1/x", "https://172.16.0.1/x", "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x", "https://[fe80::1]/x", "https://[fd00::1]/x", "https://[::ffff:10.0.0.1]/x",
        "https://0.0.0.0/x", "https://100.64.0.1/x", "https://user:pw@127.0.0.1/x",
        "http://127.0.0.2/x", "not a url", "/relative", "https://nowhere.invalid/x")) {
      Response refused = api.post("dev1", hooks(p), "{\"url\":\"" + url + "\"}");
      assertThat(refused.code()).as(url).isEqualTo("VALIDATION_FAILED");
      assertThat(refused.body().path("fields").has("url")).as(url).isTrue();
    }
    assertThat(api.post("dev1", hooks(p), "{\"url\":\"" + receiver.url() + "\",\"events\":[\"version.nope\"]}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(api.post("dev1", hooks(p), "{\"url\":\"" + receiver.url() + "\",\"events\":[]}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(api.post("dev1", hooks(p), "{\"url\":\"" + receiver.url() + "\",\"extra\":1}").code())
        .isEqualTo("VALIDATION_FAILED");
    assertThat(api.get("dev1", hooks(p)).body()).isEmpty();
    assertThat(receiver.received).isEmpty();
  }

  // ---------------------------------------------------------------- delivery

  @Test
  void everyStatusChangeArrivesSignedWithTheEventItsReasonAndALink() throws Exception {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    JsonNode hook = register("dev1", p, null);
    String id = hook.path("id").asText();
    String secret = hook.path("secret").asText();
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review",
        "{\"decision\":\"REJECT\",\"reasonCategory\":\"PRIVACY_SECURITY\",\"comment\":\"Explain the location use\","
            + "\"findings\":[\"2.1\"]}");
    assertThat(deliver(id)).isEqualTo(4); // the upload came before the webhook: not sent
    List<String> types = receiver.received.stream().map(WebhookReceiver.Received::eventType).toList();
    assertThat(types).containsExactly("version.submitted", "version.self_check_confirmed", "version.pre_review_passed",
        "version.rejected");
    for (WebhookReceiver.Received r : receiver.received) {
      assertThat(SignatureCheck.valid(secret, r.signature(), r.body(), Instant.now().getEpochSecond())).isTrue();
      assertThat(SignatureCheck.valid("whsec_wrong", r.signature(), r.body(), Instant.now().getEpochSecond())).isFalse();
      assertThat(SignatureCheck.valid(secret, r.signature(), r.body() + " ", Instant.now().getEpochSecond())).isFalse();
    }
    JsonNode rejected = JSON.readTree(receiver.received.get(3).body());
    assertThat(rejected.path("type").asText()).isEqualTo("version.rejected");
    assertThat(rejected.path("plugin").asText()).isEqualTo(p);
    assertThat(rejected.path("version").asText()).isEqualTo("1.0.0");
    assertThat(rejected.path("from").asText()).isEqualTo("AUDITING");
    assertThat(rejected.path("to").asText()).isEqualTo("AUDIT_REJECTED");
    assertThat(rejected.path("actor").asText()).isEqualTo("reviewer1");
    assertThat(rejected.path("id").asText()).isNotBlank();
    assertThat(Instant.parse(rejected.path("time").asText())).isBeforeOrEqualTo(Instant.now());
    assertThat(rejected.path("reason").path("category").asText()).isEqualTo("PRIVACY_SECURITY");
    assertThat(rejected.path("reason").path("comment").asText()).isEqualTo("Explain the location use");
    assertThat(rejected.path("link").asText()).endsWith("/api/plugins/" + p + "/versions/1.0.0");
    assertThat(rejected.path("findings").get(0).path("item").asText()).isEqualTo("2.1");
    assertThat(rejected.path("findings").get(0).path("title").asText()).isEqualTo("Privacy policy required");

    JsonNode deliveries = api.get("dev1", hooks(p) + "/" + id + "/deliveries").body();
    assertThat(deliveries).hasSize(4);
    assertThat(deliveries.get(0).path("outcome").asText()).isEqualTo("DELIVERED");
    assertThat(deliveries.get(0).path("httpStatus").asInt()).isEqualTo(200);
    assertThat(deliveries.get(0).path("eventType").asText()).isEqualTo("version.rejected");
    assertThat(instances(id)).isEmpty(); // all ended
  }

  @Test
  void aWebhookGetsOnlyTheEventTypesItAskedFor() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    String id = register("dev1", p, "[\"version.approved\",\"version.released\"]").path("id").asText();
    api.live("dev1", p + "x"); // another plugin: not this webhook's
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/release", null);
    deliver(id);
    assertThat(receiver.received).extracting(WebhookReceiver.Received::eventType)
        .containsExactly("version.approved", "version.released");
  }

  @Test
  void aFailingReceiverIsRetriedThenBecomesAnIncidentThatAnOperatorRetries() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    String id = register("dev1", p, "[\"version.submitted\"]").path("id").asText();
    receiver.status.set(500);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    int attempts = 0;
    while (deliver(id) > 0) {
      attempts++;
    }
    // the test profile's retry cycle has two intervals: the first attempt and two retries
    assertThat(attempts).isEqualTo(3);
    ProcessInstance delivery = instances(id).get(0);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(delivery.getId()).list()).hasSize(1)
        .first().satisfies(i -> assertThat(i.getActivityId()).isEqualTo(DeliveryProcess.SEND_WEBHOOK));
    JsonNode deliveries = api.get("dev1", hooks(p) + "/" + id + "/deliveries").body();
    assertThat(deliveries).hasSize(3).allSatisfy(d -> {
      assertThat(d.path("outcome").asText()).isEqualTo("FAILED");
      assertThat(d.path("httpStatus").asInt()).isEqualTo(500);
      assertThat(d.path("deliveryId").asText()).isEqualTo(delivery.getId());
    });

    // Cockpit's "retry" gives the failed job a retry again
    receiver.status.set(204);
    Job failed = managementService.createJobQuery().processInstanceId(delivery.getId()).singleResult();
    managementService.setJobRetries(failed.getId(), 1);
    managementService.executeJob(failed.getId());
    assertThat(runtimeService.createIncidentQuery().processInstanceId(delivery.getId()).count()).isZero();
    assertThat(instances(id)).isEmpty();
    assertThat(api.get("dev1", hooks(p) + "/" + id + "/deliveries").body().get(0).path("outcome").asText())
        .isEqualTo("DELIVERED");
    assertThat(receiver.received).hasSize(4);
  }

  @Test
  void anEndpointThatNowResolvesToAPrivateAddressIsRefusedAtDeliveryToo() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    // as if it were public at registration and its name now pointed inside: the row is written directly
    Webhook inside = webhooks.save(new Webhook(p, "https://10.0.0.7/hook", List.of("version.submitted"), "whsec_x",
        "dev1", Instant.now()));
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    deliver(inside.getId());
    JsonNode deliveries = api.get("dev1", hooks(p) + "/" + inside.getId() + "/deliveries").body();
    assertThat(deliveries).hasSize(1);
    assertThat(deliveries.get(0).path("outcome").asText()).isEqualTo("REFUSED");
    assertThat(deliveries.get(0).path("error").asText()).contains("10.0.0.7");
    assertThat(deliveries.get(0).path("httpStatus").isNull()).isTrue();
  }

  @Test
  void twoNodesMovingTheOutboxAtOnceStartEachDeliveryOnce() throws Exception {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    String id = register("dev1", p, null).path("id").asText();
    for (int i = 1; i <= 5; i++) {
      api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}");
      api.delete("dev1", "/api/plugins/" + p + "/trial");
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        runs.add(pool.submit((Callable<Integer>) dispatcher::dispatch));
      }
      int taken = 0;
      for (Future<Integer> run : runs) {
        taken += run.get();
      }
      assertThat(taken).isEqualTo(11); // the upload too, which came before the webhook
    } finally {
      pool.shutdown();
    }
    assertThat(instances(id)).hasSize(10);
  }

  @Test
  void aDeliveryStartedByHandOnEngineRestCannotSendOnePluginsEventToAnothersEndpoint() {
    String mine = plugin();
    String theirs = plugin();
    api.pluginWithVersion("dev1", mine);
    String hook = register("dev1", mine, null).path("id").asText();
    api.pluginWithVersion("dev2", theirs);
    dispatcher.dispatch();
    String theirEvent = api.get("dev2", "/api/plugins/" + theirs + "/versions/1.0.0/history").body().get(0).path("id")
        .asText();
    String start = "/engine-rest/process-definition/key/" + DeliveryProcess.KEY + "/start";
    String forged = "{\"variables\":{\"channel\":{\"value\":\"webhook\"},\"webhookId\":{\"value\":\"" + hook
        + "\"},\"eventId\":{\"value\":" + theirEvent + ",\"type\":\"Long\"}}}";
    assertThat(api.post("dev1", start, forged).status()).isIn(403, 404); // developers start reviews only
    Response byAdmin = api.post("demo", start, forged);
    assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(200);
    deliver(hook);
    assertThat(receiver.received).isEmpty();
    assertThat(instances(hook)).isEmpty();
  }

  // ---------------------------------------------------------------- mail

  @Test
  void theSubmitterIsMailedTheRejectionWithItsReasonAndMayTurnApprovalMailsOff() throws Exception {
    String p = plugin();
    api.inReview("dev2", p);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review",
        "{\"decision\":\"REJECT\",\"reasonCategory\":\"PRIVACY_SECURITY\",\"comment\":\"Explain the location use\","
            + "\"findings\":[\"2.1\"]}");
    runMails();
    MimeMessage rejection = mailAbout(p, "Rejected");
    assertThat(rejection.getSubject()).contains(p, "1.0.0");
    String text = rejection.getContent().toString();
    assertThat(text).contains("Explain the location use", "Privacy", "Fails 2.1 Privacy policy required");

    JsonNode off = api.put("dev2", "/api/mail-settings", "{\"APPROVED\":false}").body();
    assertThat(off.path("APPROVED").asBoolean()).isFalse();
    assertThat(off.path("REJECTED").asBoolean()).isTrue();
    api.post("dev2", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    api.post("dev2", "/api/plugins/" + p + "/versions/1.0.0/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev2", "/api/plugins/" + p + "/versions/1.0.0/release", null);
    runMails();
    assertThat(mailsAbout(p, "Approved")).isEmpty();
    assertThat(mailsAbout(p, "Live")).hasSize(1);
    api.put("dev2", "/api/mail-settings", "{\"APPROVED\":true}");
    assertThat(api.get("dev2", "/api/mail-settings").body().path("APPROVED").asBoolean()).isTrue();
    assertThat(api.put("dev2", "/api/mail-settings", "{\"SPAM\":false}").code()).isEqualTo("VALIDATION_FAILED");
    assertThat(api.put("dev2", "/api/mail-settings", "{\"APPROVED\":\"no\"}").code()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void aGrayscaleStartIsMailedToTheSubmitter() throws Exception {
    String p = plugin();
    api.live("dev2", p);
    api.liveVersion("dev2", p, "1.1.0"); // released at once: no gray
    api.upload("dev2", p, "1.2.0");
    String v = "/api/plugins/" + p + "/versions/1.2.0";
    api.post("dev2", v + "/submit", null);
    api.post("dev2", v + "/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", v + "/review", "{\"decision\":\"APPROVE\"}");
    assertThat(api.post("dev2", v + "/gray", "{\"percentage\":10}").status()).isLessThan(300);
    runMails();
    assertThat(mailsAbout(p, "Grayscale")).hasSize(1);
    assertThat(mailsAbout(p, "Grayscale").get(0).getContent().toString()).contains("1.2.0");
  }

  @Test
  void anOverdueReviewIsMailedToTheSubmitterWhenItIsEscalated() throws Exception {
    String p = plugin();
    api.inReview("dev2", p);
    String review = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(p + ":1.0.0")
        .singleResult().getId();
    managementService.executeJob(managementService.createJobQuery().processInstanceId(review).timers().singleResult()
        .getId()); // the SLA passes
    managementService.executeJob(managementService.createJobQuery().processInstanceId(review).singleResult().getId());
    runMails();
    assertThat(mailAbout(p, "Review overdue").getContent().toString()).contains("escalated to review-leads");
  }

  private void runMails() {
    dispatcher.dispatch();
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processDefinitionKey(DeliveryProcess.KEY)
        .variableValueEquals(DeliveryProcess.Var.CHANNEL.name(), DeliveryProcess.Channel.MAIL).list()) {
      for (Job job : managementService.createJobQuery().processInstanceId(instance.getId()).list()) {
        managementService.executeJob(job.getId());
      }
    }
  }

  private MimeMessage mailAbout(String pluginId, String kind) throws Exception {
    List<MimeMessage> mails = mailsAbout(pluginId, kind);
    assertThat(mails).hasSize(1);
    return mails.get(0);
  }

  private List<MimeMessage> mailsAbout(String pluginId, String kind) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : TestSmtp.to("dev2@example.com")) {
      if (m.getSubject().contains(pluginId + " ") && m.getSubject().contains(kind)) {
        found.add(m);
      }
    }
    return found;
  }
}
