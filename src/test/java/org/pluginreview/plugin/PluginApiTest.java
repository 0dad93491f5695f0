package org.pluginreview.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.review.ReviewEta;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST contract of PRODUCT.md over real HTTP: every endpoint, every error code, nothing half-written. */
@ServiceTest
class PluginApiTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String ALL_ITEMS = ApiClient.ALL_ITEMS;

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void everyoneSeesTheirQuotasBeforeTheyRunOut() {
    Response quotas = api.get("dev1", "/api/quotas");
    assertThat(quotas.status()).isEqualTo(200);
    JsonNode withdrawals = quotas.body().get(0);
    assertThat(withdrawals.path("name").asText()).isEqualTo("withdrawals");
    assertThat(withdrawals.path("limit").asInt()).isPositive();
    assertThat(withdrawals.path("resetsAt").asText()).endsWith("T00:00:00Z");
    long used = withdrawals.path("used").asLong();
    String p = "quota-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", p);
    api.post("dev1", v(p, "1.0.0") + "/withdraw", null);
    assertThat(api.get("dev1", "/api/quotas").body().get(0).path("used").asLong()).isEqualTo(used + 1);
    assertThat(api.get(null, "/api/quotas").status()).isEqualTo(401);
  }

  // ------------------------------------------------------------------ expedite, findings, conversation, appeal

  @Test
  void anOwnerExpeditesAReviewWithAReasonAndTheQuotaShowsIt() {
    String p = "expedite-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", p);
    long used = quota("dev1", "expedites").path("used").asLong();
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/expedite", "{}"), 400, "VALIDATION_FAILED");
    assertProblem(api.post("dev2", v(p, "1.0.0") + "/expedite", "{\"reason\":\"mine\"}"), 404, "NOT_FOUND");
    assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/expedite", "{\"reason\":\"x\"}"), 403, "FORBIDDEN");
    Response expedited = api.post("dev1", v(p, "1.0.0") + "/expedite", "{\"reason\":\"Launch on Friday\"}");
    assertThat(expedited.status()).as(expedited.raw()).isEqualTo(200);
    assertThat(expedited.body().path("expeditedAt").asText()).isNotBlank();
    assertThat(actions(expedited)).doesNotContain("EXPEDITE");
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/expedite", "{\"reason\":\"again\"}"), 409, "ILLEGAL_STATE");
    JsonNode expedites = quota("dev1", "expedites");
    assertThat(expedites.path("used").asLong()).isEqualTo(used + 1);
    assertThat(expedites.path("resetsAt").asText()).endsWith("-01T00:00:00Z");
    assertThat(history("dev1", p)).contains("EXPEDITED");
    // nothing to expedite outside a review
    api.post("dev1", v(p, "1.0.0") + "/withdraw", null);
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/expedite", "{\"reason\":\"x\"}"), 409, "ILLEGAL_STATE");
  }

  @Test
  void aRejectionCitesTheStandardAndOpensAConversationThatEndsInAnAppeal() {
    String p = "appeal-" + SEQUENCE.incrementAndGet();
    api.inReview("dev1", p);
    assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"REJECT\",\"reasonCategory\":"
        + "\"PRIVACY_SECURITY\",\"comment\":\"No policy\",\"findings\":[\"9.9\"]}"), 400, "VALIDATION_FAILED");
    assertThat(api.get("dev1", v(p, "1.0.0") + "/messages").body()).isEmpty();
    // no conversation before a rejection
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/messages", "{\"text\":\"hello\"}"), 409, "ILLEGAL_STATE");
    Response rejected = api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"REJECT\",\"reasonCategory\":"
        + "\"PRIVACY_SECURITY\",\"comment\":\"No policy\",\"findings\":[\"2.1\",\"4.2\"]}");
    JsonNode findings = rejected.body().path("lastRejection").path("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).path("item").asText()).isEqualTo("2.1");
    assertThat(findings.get(0).path("title").asText()).isEqualTo("Privacy policy required");
    assertThat(findings.get(0).path("titleZh").asText()).isEqualTo("需提供隐私政策");
    assertThat(actions(api.get("dev1", v(p, "1.0.0")))).contains("APPEAL");

    Response posted = api.post("dev1", v(p, "1.0.0") + "/messages", "{\"text\":\"The policy is at /privacy\"}");
    assertThat(posted.status()).as(posted.raw()).isEqualTo(201);
    assertThat(api.post("reviewer2", v(p, "1.0.0") + "/messages", "{\"text\":\"Link it from the info\"}").status())
        .isEqualTo(201);
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/messages", "{\"text\":\"\"}"), 400, "VALIDATION_FAILED");
    assertProblem(api.post("dev2", v(p, "1.0.0") + "/messages", "{\"text\":\"hi\"}"), 404, "NOT_FOUND");
    assertProblem(api.post("merchant1", v(p, "1.0.0") + "/messages", "{\"text\":\"hi\"}"), 403, "FORBIDDEN");
    JsonNode thread = api.get("dev1", v(p, "1.0.0") + "/messages").body();
    assertThat(thread).hasSize(3);
    assertThat(thread.get(0).path("kind").asText()).isEqualTo("REJECTED");
    assertThat(thread.get(0).path("reasonCategory").asText()).isEqualTo("PRIVACY_SECURITY");
    assertThat(thread.get(0).path("text").asText()).isEqualTo("No policy");
    assertThat(thread.get(0).path("findings").get(1).path("item").asText()).isEqualTo("4.2");
    assertThat(thread.get(2).path("author").asText()).isEqualTo("reviewer2");
    assertThat(api.get("reviewer1", v(p, "1.0.0") + "/messages").body()).hasSize(3);

    assertProblem(api.post("dev1", v(p, "1.0.0") + "/appeal", "{}"), 400, "VALIDATION_FAILED");
    assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/appeal", "{\"reason\":\"x\"}"), 403, "FORBIDDEN");
    Response appealed = api.post("dev1", v(p, "1.0.0") + "/appeal", "{\"reason\":\"The policy was there\"}");
    assertThat(appealed.status()).as(appealed.raw()).isEqualTo(202);
    assertThat(appealed.body().path("appeal").asText()).isEqualTo("PENDING");
    assertThat(appealed.body().path("status").asText()).isEqualTo("AUDIT_REJECTED");
    assertThat(actions(appealed)).doesNotContain("EDIT", "SUBMIT", "DELETE", "APPEAL");
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/appeal", "{\"reason\":\"again\"}"), 409, "ILLEGAL_STATE");
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/submit", null), 409, "ILLEGAL_STATE");
    assertThat(history("dev1", p)).containsSubsequence("REJECTED", "MESSAGE_POSTED", "MESSAGE_POSTED", "APPEALED");
  }

  @Test
  void onEngineRestAnAppealKeepsItsRulesForWhoFilesAndWhoDecides() {
    String p = "appeal-rest-" + SEQUENCE.incrementAndGet();
    api.rejected("dev1", p);
    String appeal = "{\"messageName\":\"" + ReviewProcess.MESSAGE_APPEAL + "\",\"businessKey\":\"" + p + ":1.0.0\","
        + "\"processVariables\":{\"reason\":{\"value\":\"Look again\",\"type\":\"String\","
        + "\"valueInfo\":{\"transient\":true}}}}";
    // another developer's version: not theirs to appeal, and nothing is left behind
    Response byOther = api.post("dev2", "/engine-rest/message", appeal);
    assertThat(byOther.status()).as(byOther.raw()).isIn(403, 404);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(p + ":1.0.0").count()).isZero();
    // the owner, with a reason written beforehand rather than sent with the message: refused
    Response stored = api.post("dev1", "/engine-rest/message", appeal.replace(",\"valueInfo\":{\"transient\":true}", ""));
    assertThat(stored.status()).as(stored.raw()).isEqualTo(400);
    Response byOwner = api.post("dev1", "/engine-rest/message", appeal);
    assertThat(byOwner.status()).as(byOwner.raw()).isIn(200, 204);
    assertThat(api.get("dev1", v(p, "1.0.0")).body().path("appeal").asText()).isEqualTo("PENDING");

    // a reviewer who is no lead cannot decide it, and the rejecting reviewer cannot even see it
    String task = "/engine-rest/task?processInstanceBusinessKey=" + p + ":1.0.0&taskDefinitionKey="
        + ReviewProcess.USER_TASK_DECIDE_APPEAL;
    assertThat(api.get("reviewer1", task).body()).isEmpty();
    String taskId = api.get("reviewer2", task).body().path(0).path("id").asText();
    Response byReviewer = api.post("reviewer2", "/engine-rest/task/" + taskId + "/complete",
        "{\"variables\":{\"appealDecision\":{\"value\":\"UPHOLD\"},\"appealComment\":{\"value\":\"ok\"}}}");
    assertThat(byReviewer.status()).as(byReviewer.raw()).isEqualTo(403);
    assertThat(api.decideAppeal("lead1", p, "MAYBE").status()).isEqualTo(400);
    assertThat(api.decideAppeal("lead1", p, "UPHOLD").status()).isEqualTo(204);
    assertThat(api.get("dev1", v(p, "1.0.0")).body().path("status").asText()).isEqualTo("APPROVED");
  }

  private JsonNode quota(String user, String name) {
    for (JsonNode q : api.get(user, "/api/quotas").body()) {
      if (q.path("name").asText().equals(name)) {
        return q;
      }
    }
    throw new AssertionError("no quota " + name);
  }

  private List<String> history(String user, String p) {
    List<String> actions = new ArrayList<>();
    api.get(user, v(p, "1.0.0") + "/history").body().forEach(e -> actions.add(e.path("action").asText()));
    return actions;
  }

  // ------------------------------------------------------------------ review ETA

  @Test
  void aVersionUnderReviewShowsItsPlaceInTheQueueAndALikelyRange() {
    for (int i = 0; i < ReviewEta.MIN_HISTORY; i++) {
      api.live("dev2", "eta-decided-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000);
    }
    String p = "eta-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
    api.inReview("dev1", p);
    Response eta = api.get("dev1", v(p, "1.0.0") + "/eta");
    assertThat(eta.status()).as(eta.raw()).isEqualTo(200);
    int position = eta.body().path("position").asInt();
    assertThat(position).isBetween(1, eta.body().path("queueLength").asInt());
    assertThat(eta.body().path("basedOn").asInt()).isGreaterThanOrEqualTo(ReviewEta.MIN_HISTORY);
    assertThat(eta.body().path("decidedPerDay").asDouble()).isPositive();
    assertThat(eta.body().path("likelyTo").asText()).isGreaterThanOrEqualTo(eta.body().path("likelyFrom").asText());
    // the version itself carries it as "queue", its waits as ISO-8601 durations from now
    JsonNode queue = api.get("dev1", v(p, "1.0.0")).body().path("queue");
    assertThat(queue.path("position").asInt()).isEqualTo(position);
    assertThat(queue.path("etaP50").asText()).startsWith("PT");
    assertThat(queue.path("etaP90").asText()).startsWith("PT");
    assertThat(eta.body().path("median").asText()).startsWith("PT");
    assertThat(api.get("dev1", "/api/plugins/" + p).body().path("versions").get(0).path("queue").isNull())
        .as("lists leave it out: it costs queries").isTrue();
    assertThat(api.get("reviewer1", v(p, "1.0.0") + "/eta").status()).isEqualTo(200);
    assertProblem(api.get("dev2", v(p, "1.0.0") + "/eta"), 404, "NOT_FOUND");
    api.post("dev1", v(p, "1.0.0") + "/withdraw", null);
    assertProblem(api.get("dev1", v(p, "1.0.0") + "/eta"), 409, "ILLEGAL_STATE");
  }

  // ------------------------------------------------------------------ the whole lifecycle

  @Test
  void versionGoesFromUploadToLiveOverHttp() {
    String p = plugin("dev1");
    Response uploaded = upload("dev1", p, "1.0.0");
    assertThat(uploaded.status()).isEqualTo(201);
    assertThat(uploaded.body().path("status").asText()).isEqualTo("DEVELOPMENT");
    assertThat(actions(uploaded)).containsExactly("EDIT", "DELETE", "SET_TRIAL", "SUBMIT");

    Response submitted = api.post("dev1", v(p, "1.0.0") + "/submit", null);
    assertThat(submitted.status()).isEqualTo(200);
    assertThat(submitted.body().path("status").asText()).isEqualTo("SELF_CHECK");
    assertThat(submitted.body().path("processInstanceId").asText()).isNotBlank();
    assertThat(actions(submitted)).containsExactly("SET_TRIAL", "SELF_CHECK", "WITHDRAW");

    Response checked = api.post("dev1", v(p, "1.0.0") + "/self-check", ALL_ITEMS);
    assertThat(checked.body().path("status").asText()).isEqualTo("AUDITING");
    assertThat(actions(api.get("reviewer1", v(p, "1.0.0")))).containsExactly("APPROVE", "REJECT");
    assertThat(actions(api.get("dev1", v(p, "1.0.0")))).containsExactly("SET_TRIAL", "WITHDRAW", "EXPEDITE");

    Response approved = api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\",\"comment\":\"fine\"}");
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");
    assertThat(approved.body().path("reviewer").asText()).isEqualTo("reviewer1");
    assertThat(actions(api.get("dev1", v(p, "1.0.0"))))
        .containsExactly("SET_TRIAL", "RELEASE", "RETURN_TO_DEVELOPMENT"); // no grayscale without a live version

    Response live = api.post("dev1", v(p, "1.0.0") + "/release", null);
    assertThat(live.body().path("status").asText()).isEqualTo("RELEASED");
    assertThat(actions(live)).isEmpty();

    Response plugin = api.get("dev1", "/api/plugins/" + p);
    assertThat(plugin.body().path("liveVersion").asText()).isEqualTo("1.0.0");
    assertThat(plugin.body().path("versions")).hasSize(1);
    Response history = api.get("dev1", v(p, "1.0.0") + "/history");
    assertThat(history.body().findValuesAsText("action")).containsExactly(
        "UPLOADED", "SUBMITTED", "SELF_CHECK_CONFIRMED", "PRE_REVIEW_PASSED", "APPROVED", "RELEASED");
    JsonNode approval = history.body().get(4);
    assertThat(approval.path("from").asText()).isEqualTo("AUDITING");
    assertThat(approval.path("to").asText()).isEqualTo("APPROVED");
    assertThat(approval.path("actor").asText()).isEqualTo("reviewer1");
    assertThat(approval.path("comment").asText()).isEqualTo("fine");
    assertThat(approval.path("time").asText()).isNotBlank();
  }

  @Test
  void grayscaleRunsAndGoingLiveTakesThePreviousVersionOffline() {
    String p = plugin("dev1");
    live(p, "1.0.0");
    approved(p, "1.1.0");

    Response gray = api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":10}");
    assertThat(gray.body().path("status").asText()).isEqualTo("GRAY");
    assertThat(gray.body().path("grayPercentage").asInt()).isEqualTo(10);
    assertThat(actions(gray)).containsExactly("SET_TRIAL", "RAISE_GRAY", "CANCEL_GRAY", "RELEASE",
        "RETURN_TO_DEVELOPMENT");
    assertThat(api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":40}").body().path("grayPercentage").asInt())
        .isEqualTo(40);
    Response cancelled = api.delete("dev1", v(p, "1.1.0") + "/gray");
    assertThat(cancelled.body().path("status").asText()).isEqualTo("APPROVED");
    assertThat(cancelled.body().path("grayPercentage").isNull()).isTrue();
    api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":20}");

    Response live = api.post("dev1", v(p, "1.1.0") + "/release", null);
    assertThat(live.body().path("status").asText()).isEqualTo("RELEASED");
    assertThat(api.get("dev1", v(p, "1.0.0")).body().path("status").asText()).isEqualTo("OFFLINE");
    Response versions = api.get("dev1", "/api/plugins/" + p + "/versions");
    assertThat(versions.body().findValuesAsText("version")).containsExactly("1.1.0", "1.0.0");
  }

  @Test
  void rejectedVersionIsFixedAndResubmitted() {
    String p = plugin("dev1");
    auditing(p, "1.0.0");
    Response rejected = api.post("reviewer1", v(p, "1.0.0") + "/review",
        "{\"decision\":\"REJECT\",\"reasonCategory\":\"PRIVACY_SECURITY\",\"comment\":\"Explain the location use\"}");
    assertThat(rejected.body().path("status").asText()).isEqualTo("AUDIT_REJECTED");
    assertThat(rejected.body().path("lastRejection").path("reasonCategory").asText()).isEqualTo("PRIVACY_SECURITY");
    assertThat(rejected.body().path("lastRejection").path("comment").asText()).isEqualTo("Explain the location use");

    Response edited = api.patch("dev1", v(p, "1.0.0"), "{\"description\":\"now explains location use\"}");
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.body().path("description").asText()).isEqualTo("now explains location use");
    assertThat(api.post("dev1", v(p, "1.0.0") + "/submit", null).body().path("status").asText())
        .isEqualTo("SELF_CHECK");
  }

  @Test
  void withdrawTrialEditAndDeleteWork() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    upload("dev1", p, "1.1.0");
    assertThat(api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}").body().path("trial")
        .asBoolean()).isTrue();
    assertThat(api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.1.0\"}").status()).isEqualTo(200);
    assertThat(api.get("dev1", v(p, "1.0.0")).body().path("trial").asBoolean()).isFalse();
    assertThat(api.get("dev1", "/api/plugins/" + p).body().path("trialVersion").asText()).isEqualTo("1.1.0");
    assertThat(api.delete("dev1", "/api/plugins/" + p + "/trial").status()).isEqualTo(204);
    assertThat(api.get("dev1", "/api/plugins/" + p).body().path("trialVersion").isNull()).isTrue();

    api.post("dev1", v(p, "1.1.0") + "/submit", null);
    Response withdrawn = api.post("dev1", v(p, "1.1.0") + "/withdraw", null);
    assertThat(withdrawn.body().path("status").asText()).isEqualTo("DEVELOPMENT");

    assertThat(api.delete("dev1", v(p, "1.0.0")).status()).isEqualTo(204);
    assertThat(api.get("dev1", v(p, "1.0.0")).status()).isEqualTo(404);
    Response history = api.get("dev1", v(p, "1.0.0") + "/history");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.body().findValuesAsText("action")).containsExactly(
        "UPLOADED", "TRIAL_SET", "TRIAL_CANCELLED", "DELETED");
    // the plugin lists what was deleted, so that its history can be found again; only for those who see the plugin
    Response deleted = api.get("dev1", "/api/plugins/" + p + "/deleted-versions");
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.body()).hasSize(1);
    assertThat(deleted.body().get(0).path("version").asText()).isEqualTo("1.0.0");
    assertThat(deleted.body().get(0).path("status").asText()).isEqualTo("DEVELOPMENT");
    assertThat(deleted.body().get(0).path("deletedBy").asText()).isEqualTo("dev1");
    assertThat(deleted.body().get(0).path("deletedAt").asText()).isNotBlank();
    assertProblem(api.get("dev2", "/api/plugins/" + p + "/deleted-versions"), 404, "NOT_FOUND");
    assertThat(api.get("dev1", "/api/plugins").body().findValuesAsText("pluginId")).contains(p);
  }

  // ------------------------------------------------------------------ every error code

  @Test
  void badVersionNumbersAreRefused() {
    String p = plugin("dev1");
    for (String bad : List.of("1.0", "01.0.0", "1.0.0-beta", "1.0.0.0", "-1.0.0", "1234567890.0.0", "", "a.b.c")) {
      Response r = upload("dev1", p, bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.code()).as(bad).isEqualTo("INVALID_VERSION");
    }
    upload("dev1", p, "1.0.0");
    assertProblem(upload("dev1", p, "1.0.0"), 409, "VERSION_EXISTS");
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions").body()).hasSize(1);
  }

  @Test
  void versionMustBeGreaterThanEveryVersionThatWasLive() {
    String p = plugin("dev1");
    live(p, "2.0.0");
    assertProblem(upload("dev1", p, "1.9.9"), 409, "VERSION_NOT_GREATER");
    assertProblem(upload("dev1", p, "2.0.0"), 409, "VERSION_EXISTS");
    assertThat(upload("dev1", p, "2.0.1").status()).isEqualTo(201);

    // once 10.0.0 has been live (numerically above 9.x, not by text), nothing at or below it may follow,
    // even after it went offline again
    live(p, "10.0.0");
    live(p, "10.1.0");
    assertProblem(upload("dev1", p, "9.9.9"), 409, "VERSION_NOT_GREATER");
    assertProblem(upload("dev1", p, "10.0.1"), 409, "VERSION_NOT_GREATER");
    assertProblem(api.post("dev1", v(p, "2.0.1") + "/submit", null), 409, "VERSION_NOT_GREATER");
    assertThat(upload("dev1", p, "10.1.1").status()).isEqualTo(201);
  }

  @Test
  void onlyOneVersionOfAPluginIsInFlight() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    upload("dev1", p, "1.1.0");
    api.post("dev1", v(p, "1.0.0") + "/submit", null);
    assertUnchanged(p, "1.1.0", () -> assertProblem(api.post("dev1", v(p, "1.1.0") + "/submit", null),
        409, "VERSION_IN_FLIGHT"));
    assertThat(actions(api.get("dev1", v(p, "1.1.0")))).doesNotContain("SUBMIT");
  }

  @Test
  void actionsOutsideTheirStatusesAreIllegal() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    assertUnchanged(p, "1.0.0", () -> {
      Response r = api.post("dev1", v(p, "1.0.0") + "/release", null);
      assertProblem(r, 409, "ILLEGAL_STATE");
      // problem+json's status is the HTTP code; the version's own is named apart
      assertThat(r.body().path("status").asInt()).isEqualTo(409);
      assertThat(r.body().path("versionStatus").asText()).isEqualTo("DEVELOPMENT");
      assertThat(r.body().path("allowedActions").toString()).contains("SUBMIT");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/withdraw", null), 409, "ILLEGAL_STATE");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/self-check", ALL_ITEMS), 403, "FORBIDDEN");
      assertProblem(api.delete("dev1", v(p, "1.0.0") + "/gray"), 409, "ILLEGAL_STATE");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/return-to-development", null), 409, "ILLEGAL_STATE");
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}"),
          409, "ILLEGAL_STATE");
    });
    live(p, "1.0.0");
    assertUnchanged(p, "1.0.0", () -> {
      assertProblem(api.patch("dev1", v(p, "1.0.0"), "{\"description\":\"x\"}"), 409, "ILLEGAL_STATE");
      assertProblem(api.delete("dev1", v(p, "1.0.0")), 409, "ILLEGAL_STATE");
      assertProblem(api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}"), 409, "ILLEGAL_STATE");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/submit", null), 409, "ILLEGAL_STATE");
    });
  }

  @Test
  void submitNeedsFeaturePackages() {
    String p = plugin("dev1");
    api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\",\"featurePackages\":[]}");
    assertUnchanged(p, "1.0.0", () ->
        assertProblem(api.post("dev1", v(p, "1.0.0") + "/submit", null), 409, "FEATURE_PACKAGES_REQUIRED"));
    assertThat(runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(ReviewProcess.businessKey(p, "1.0.0")).count()).isZero();
  }

  @Test
  void selfCheckNeedsEveryItem() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    api.post("dev1", v(p, "1.0.0") + "/submit", null);
    assertUnchanged(p, "1.0.0", () -> {
      Response r = api.post("dev1", v(p, "1.0.0") + "/self-check", "{\"items\":[\"FEATURE_PACKAGES\",\"TESTED\"]}");
      assertProblem(r, 400, "SELF_CHECK_INCOMPLETE");
      assertThat(r.body().path("missingItems").toString()).contains("VERSION_INFO", "BASIC_INFO", "REVIEW_STANDARD");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/self-check", "{\"items\":[\"NOPE\"]}"), 400,
          "VALIDATION_FAILED");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/self-check", "{}"), 400, "VALIDATION_FAILED");
    });
  }

  @Test
  void reviewRulesHold() {
    String p = plugin("dev1");
    auditing(p, "1.0.0");
    assertUnchanged(p, "1.0.0", () -> {
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"REJECT\",\"comment\":\"why\"}"),
          400, "REJECT_REASON_REQUIRED");
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review",
          "{\"decision\":\"REJECT\",\"reasonCategory\":\"CONTENT\",\"comment\":\"  \"}"), 400, "REJECT_REASON_REQUIRED");
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review",
          "{\"decision\":\"REJECT\",\"reasonCategory\":\"UGLY\",\"comment\":\"why\"}"), 400, "VALIDATION_FAILED");
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"MAYBE\"}"), 400,
          "VALIDATION_FAILED");
      assertProblem(api.post("dev1", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}"), 403,
          "SELF_REVIEW_FORBIDDEN");
      assertProblem(api.post("demo", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}"), 403, "FORBIDDEN");
      assertProblem(api.post("dev2", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}"), 404, "NOT_FOUND");
    });
    // a review claimed in Tasklist belongs to its claimer
    String pid = api.get("dev1", v(p, "1.0.0")).body().path("processInstanceId").asText();
    taskService.claim(taskService.createTaskQuery().processInstanceId(pid).singleResult().getId(), "reviewer1");
    assertUnchanged(p, "1.0.0", () -> assertProblem(
        api.post("reviewer2", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}"), 409, "CONFLICT"));
    assertThat(actions(api.get("reviewer2", v(p, "1.0.0")))).isEmpty();
    assertThat(api.post("reviewer1", v(p, "1.0.0") + "/review", "{\"decision\":\"APPROVE\"}").status()).isEqualTo(200);
  }

  @Test
  void grayscaleRulesHold() {
    String p = plugin("dev1");
    approved(p, "1.0.0");
    assertUnchanged(p, "1.0.0", () ->
        assertProblem(api.post("dev1", v(p, "1.0.0") + "/gray", "{\"percentage\":10}"), 409, "GRAY_NEEDS_LIVE_VERSION"));
    api.post("dev1", v(p, "1.0.0") + "/release", null);
    approved(p, "1.1.0");
    assertUnchanged(p, "1.1.0", () -> {
      for (String bad : List.of("0", "100", "-5", "12.5", "\"ten\"", "null", "99999999999999999999")) {
        assertProblem(api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":" + bad + "}"), 400,
            "GRAY_PERCENTAGE_INVALID");
      }
      assertProblem(api.post("dev1", v(p, "1.1.0") + "/gray", "{}"), 400, "GRAY_PERCENTAGE_INVALID");
    });
    api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":30}");
    assertUnchanged(p, "1.1.0", () -> {
      assertProblem(api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":30}"), 400, "GRAY_PERCENTAGE_INVALID");
      assertProblem(api.post("dev1", v(p, "1.1.0") + "/gray", "{\"percentage\":20}"), 400, "GRAY_PERCENTAGE_INVALID");
    });
  }

  @Test
  void malformedInputIsRefusedWithFieldNames() {
    String p = plugin("dev1");
    Response missingName = api.post("dev1", "/api/plugins", "{\"pluginId\":\"" + p + "x\"}");
    assertProblem(missingName, 400, "VALIDATION_FAILED");
    assertThat(missingName.body().path("fields").has("name")).isTrue();
    assertProblem(api.post("dev1", "/api/plugins", "{\"pluginId\":\"../etc\",\"name\":\"n\"}"), 400,
        "VALIDATION_FAILED");
    assertProblem(api.post("dev1", "/api/plugins", "{\"pluginId\":"), 400, "VALIDATION_FAILED");
    assertProblem(api.post("dev1", "/api/plugins", "{\"pluginId\":\"ok-id\",\"name\":\"n\",\"extra\":1}"), 400,
        "VALIDATION_FAILED");
    assertProblem(api.send("dev1", "POST", "/api/plugins", "pluginId=x", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
    Response badEmail = api.post("dev1", "/api/plugins/" + p + "/versions",
        "{\"version\":\"1.0.0\",\"basicInfo\":{\"contactEmail\":\"not-an-email\"}}");
    assertProblem(badEmail, 400, "VALIDATION_FAILED");
    assertThat(badEmail.body().path("fields").has("basicInfo.contactEmail")).isTrue();
    assertProblem(api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\",\"featurePackages\":\"x\"}"),
        400, "VALIDATION_FAILED");
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions").body()).isEmpty();

    upload("dev1", p, "1.0.0");
    assertUnchanged(p, "1.0.0", () -> {
      Response renumber = api.patch("dev1", v(p, "1.0.0"), "{\"version\":\"1.0.1\"}");
      assertProblem(renumber, 400, "VALIDATION_FAILED");
      assertThat(renumber.body().path("fields").has("version")).isTrue();
      assertProblem(api.put("dev1", "/api/plugins/" + p + "/trial", "{}"), 400, "VALIDATION_FAILED");
    });
    assertProblem(api.post("dev1", "/api/plugins", "{\"pluginId\":\"" + p + "\",\"name\":\"again\"}"), 409,
        "PLUGIN_EXISTS");
    // another developer cannot take the same id in other case
    assertProblem(api.post("dev2", "/api/plugins", "{\"pluginId\":\"" + p.toUpperCase() + "\",\"name\":\"again\"}"),
        409, "PLUGIN_EXISTS");
    assertProblem(api.get("dev2", "/api/plugins/" + p.toUpperCase()), 404, "NOT_FOUND");
  }

  @Test
  void textThatShowsInAnotherOrderThanItsOwnIsRefused() {
    String p = plugin("dev1");
    // right-to-left override, isolates, marks, and surrogates without their pair
    for (String text : List.of("abc\\u202Egnp.exe", "a\\u2066b\\u2069", "x\\u200Fy", "lone \\ud800 high",
        "lone \\udc00 low", "\\udc00\\ud800")) {
      Response name = api.post("dev1", "/api/plugins", "{\"pluginId\":\"bidi-" + Math.abs(text.hashCode() % 1000)
          + "\",\"name\":\"" + text + "\"}");
      assertProblem(name, 400, "VALIDATION_FAILED");
      assertThat(name.body().path("fields").has("name")).as(text).isTrue();
      assertProblem(api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\","
          + "\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"" + text + "\"}}"), 400, "VALIDATION_FAILED");
    }
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions").body()).isEmpty();
    assertThat(api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\","
        + "\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"plain\"}}").status()).isEqualTo(201);
    // a character outside the basic plane is a proper pair and welcome; so is right-to-left script itself
    Response emoji = api.post("dev1", "/api/plugins", "{\"pluginId\":\"" + p + "-e\",\"name\":\"Weather \\ud83c\\udf24 \u0637\u0642\u0633\"}");
    assertThat(emoji.status()).isEqualTo(201);
    assertThat(emoji.body().path("name").asText()).isEqualTo("Weather \ud83c\udf24 \u0637\u0642\u0633");
  }

  @Test
  void peopleSeeAndChangeOnlyWhatIsTheirs() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    assertProblem(api.get(null, "/api/plugins"), 401, "UNAUTHENTICATED");
    assertProblem(api.get("nobody:wrong-password", "/api/plugins/" + p), 401, "UNAUTHENTICATED");
    assertProblem(api.get("dev2", "/api/plugins/" + p), 404, "NOT_FOUND");
    assertProblem(api.get("dev2", v(p, "1.0.0")), 404, "NOT_FOUND");
    assertThat(api.get("dev2", "/api/plugins").body().findValuesAsText("pluginId")).doesNotContain(p);
    assertProblem(api.get("dev1", "/api/plugins/no-such-plugin"), 404, "NOT_FOUND");
    assertProblem(api.get("dev1", v(p, "9.9.9")), 404, "NOT_FOUND");
    assertProblem(api.get("dev1", v(p, "9.9.9") + "/history"), 404, "NOT_FOUND");

    assertThat(api.get("reviewer1", "/api/plugins/" + p).status()).isEqualTo(200);
    assertThat(actions(api.get("reviewer1", v(p, "1.0.0")))).isEmpty();
    assertUnchanged(p, "1.0.0", () -> {
      assertProblem(api.post("reviewer1", v(p, "1.0.0") + "/submit", null), 403, "FORBIDDEN");
      assertProblem(api.patch("reviewer1", v(p, "1.0.0"), "{\"description\":\"x\"}"), 403, "FORBIDDEN");
      assertProblem(api.delete("dev2", v(p, "1.0.0")), 404, "NOT_FOUND");
    });
    assertProblem(upload("reviewer1", p, "2.0.0"), 403, "FORBIDDEN");
    assertProblem(api.post("reviewer1", "/api/plugins", "{\"pluginId\":\"rev-plugin\",\"name\":\"n\"}"), 403,
        "FORBIDDEN");
  }

  // ------------------------------------------------------------------ engine-rest

  @Test
  void engineRestStartBehavesLikeSubmit() {
    String p = plugin("dev1");
    upload("dev1", p, "1.0.0");
    upload("dev1", p, "1.1.0");
    long before = runtimeService.createProcessInstanceQuery().count();

    assertThat(api.get(null, "/engine-rest/engine").status()).isEqualTo(200);
    assertProblem(api.get(null, "/engine-rest/process-definition"), 401, "UNAUTHENTICATED");
    assertProblem(start(null, p, "1.0.0"), 401, "UNAUTHENTICATED");
    assertUnchanged(p, "1.0.0", () -> {
      assertProblem(start("dev2", p, "1.0.0"), 404, "NOT_FOUND");
      assertProblem(start("reviewer1", p, "1.0.0"), 403, "FORBIDDEN");
      assertProblem(start("dev1", p, "7.7.7"), 404, "NOT_FOUND");
      Response noVariables = api.post("dev1", "/engine-rest/process-definition/key/pluginVersionReview/start", "{}");
      assertProblem(noVariables, 400, "VALIDATION_FAILED");
    });
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);

    Response started = start("dev1", p, "1.0.0");
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.body().path("businessKey").asText()).isEqualTo(p + ":1.0.0");
    Response record = api.get("dev1", v(p, "1.0.0"));
    assertThat(record.body().path("status").asText()).isEqualTo("SELF_CHECK");
    assertThat(record.body().path("submitter").asText()).isEqualTo("dev1");
    assertThat(record.body().path("processInstanceId").asText()).isEqualTo(started.body().path("id").asText());

    assertUnchanged(p, "1.1.0", () -> assertProblem(start("dev1", p, "1.1.0"), 409, "VERSION_IN_FLIGHT"));
    assertUnchanged(p, "1.0.0", () -> assertProblem(start("dev1", p, "1.0.0"), 409, "ILLEGAL_STATE"));
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before + 1);
  }

  @Test
  void withdrawGoesThroughTheApiOnly() {
    String p = plugin("dev1");
    auditing(p, "1.0.0");
    String pid = api.get("dev1", v(p, "1.0.0")).body().path("processInstanceId").asText();
    String withdraw = "{\"messageName\":\"" + ReviewProcess.MESSAGE_WITHDRAW + "\",\"processInstanceId\":\"" + pid + "\"}";
    // Camunda's authorization keeps everyone but admins from correlating; our own rule keeps admins out too
    assertUnchanged(p, "1.0.0", () -> {
      assertProblem(api.post("reviewer1", "/engine-rest/message", withdraw), 403, "FORBIDDEN");
      assertProblem(api.post("dev2", "/engine-rest/message", withdraw), 403, "FORBIDDEN");
      assertProblem(api.post("dev1", "/engine-rest/message", withdraw), 403, "FORBIDDEN");
      assertProblem(api.post("demo", "/engine-rest/message", withdraw), 403, "FORBIDDEN");
    });
    assertThat(api.post("dev1", v(p, "1.0.0") + "/withdraw", null).body().path("status").asText())
        .isEqualTo("DEVELOPMENT");
  }

  /** The review form leads with what changed since the live version, which a reviewer compares first. */
  @Test
  void theReviewFormSaysWhatChangedAgainstTheLiveVersion() {
    String p = "api-" + SEQUENCE.incrementAndGet();
    api.live("dev1", p);
    api.post("dev1", "/api/plugins/" + p + "/versions", "{\"version\":\"1.1.0\",\"featurePackages\":[\"maps\"],"
        + "\"basicInfo\":{\"name\":\"n2\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\","
        + "\"contactEmail\":\"a@b.example\"}}");
    api.post("dev1", v(p, "1.1.0") + "/submit", null);
    assertThat(api.post("dev1", v(p, "1.1.0") + "/self-check", ALL_ITEMS).body().path("status").asText())
        .isEqualTo("AUDITING");
    String taskId = api.get("reviewer2", "/engine-rest/task?processInstanceBusinessKey=" + p + ":1.1.0").body()
        .get(0).path("id").asText();
    assertThat(api.get("reviewer2", "/engine-rest/task/" + taskId + "/form-variables").body()
        .path("detailChanges").path("value").asText()).isEqualTo("""
        Against the live version 1.0.0:
        Feature packages added: maps
        Feature packages removed: core
        Basic info changed: name""");
  }

  @Test
  void reviewersCompleteTheReviewTaskAsTasklistDoes() {
    String p = plugin("dev1");
    auditing(p, "1.0.0");
    Response tasks = api.get("reviewer2", "/engine-rest/task?candidateGroup=reviewers&processInstanceBusinessKey="
        + p + ":1.0.0");
    assertThat(tasks.body()).hasSize(1);
    String taskId = tasks.body().get(0).path("id").asText();
    assertThat(tasks.body().get(0).path("taskDefinitionKey").asText()).isEqualTo(ReviewProcess.USER_TASK_REVIEW);

    // what the Camunda Form shows: the version's details, as plain-text variables of the task
    Response form = api.get("reviewer2", "/engine-rest/task/" + taskId + "/form-variables");
    assertThat(form.body().path("detailName").path("value").asText()).isEqualTo("Weather");
    assertThat(form.body().path("detailFeaturePackages").path("value").asText()).isEqualTo("core");
    assertThat(form.body().path("detailSelfCheck").path("value").asText()).startsWith("Confirmed by dev1, ")
        .contains("✓ The feature packages are added").doesNotContain("FEATURE_PACKAGES");
    assertThat(form.body().path("detailChanges").path("value").asText())
        .isEqualTo("No version is live yet: this would be the first release.");
    assertThat(api.get("reviewer2", "/engine-rest/task/" + taskId + "/form").body()
        .path("camundaFormRef").path("key").asText()).isEqualTo("form_review");

    assertUnchanged(p, "1.0.0", () -> {
      Response notCandidate = api.post("dev1", "/engine-rest/task/" + taskId + "/submit-form",
          "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}");
      assertProblem(notCandidate, 403, "FORBIDDEN");
    });
    assertUnchanged(p, "1.0.0", () -> assertProblem(api.post("reviewer2", "/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"},\"reviewComment\":{\"value\":\""
            + "x".repeat(2001) + "\"}}}"), 400, "VALIDATION_FAILED"));
    assertThat(api.post("reviewer2", "/engine-rest/task/" + taskId + "/claim", "{\"userId\":\"reviewer2\"}").status())
        .isEqualTo(204);
    Response done = api.post("reviewer2", "/engine-rest/task/" + taskId + "/submit-form",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"REJECT\"},\"rejectCategory\":{\"value\":\"INFORMATION\"},"
            + "\"reviewComment\":{\"value\":\"Add a contact\"}}}");
    assertThat(done.status()).isEqualTo(204);
    Response record = api.get("dev1", v(p, "1.0.0"));
    assertThat(record.body().path("status").asText()).isEqualTo("AUDIT_REJECTED");
    assertThat(record.body().path("reviewer").asText()).isEqualTo("reviewer2");
    assertThat(record.body().path("lastRejection").path("comment").asText()).isEqualTo("Add a contact");
  }

  // ------------------------------------------------------------------ helpers

  private String plugin(String owner) {
    String id = "api-" + SEQUENCE.incrementAndGet();
    Response r = api.post(owner, "/api/plugins", "{\"pluginId\":\"" + id + "\",\"name\":\"Plugin " + id + "\"}");
    assertThat(r.status()).as(r.raw()).isEqualTo(201);
    return id;
  }

  private Response upload(String user, String pluginId, String version) {
    return api.post(user, "/api/plugins/" + pluginId + "/versions", "{\"version\":\"" + version + "\","
        + "\"description\":\"notes\",\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"Weather\","
        + "\"summary\":\"Forecasts\",\"description\":\"Seven days\",\"category\":\"tools\","
        + "\"contactEmail\":\"a@weather.example\",\"usesPersonalData\":false}}");
  }

  private void auditing(String p, String version) {
    upload("dev1", p, version);
    api.post("dev1", v(p, version) + "/submit", null);
    Response r = api.post("dev1", v(p, version) + "/self-check", ALL_ITEMS);
    assertThat(r.body().path("status").asText()).as(r.raw()).isEqualTo("AUDITING");
  }

  private void approved(String p, String version) {
    auditing(p, version);
    Response r = api.post("reviewer1", v(p, version) + "/review", "{\"decision\":\"APPROVE\"}");
    assertThat(r.body().path("status").asText()).as(r.raw()).isEqualTo("APPROVED");
  }

  private void live(String p, String version) {
    approved(p, version);
    assertThat(api.post("dev1", v(p, version) + "/release", null).body().path("status").asText()).isEqualTo("RELEASED");
  }

  private Response start(String user, String pluginId, String version) {
    return api.post(user, "/engine-rest/process-definition/key/pluginVersionReview/start",
        "{\"variables\":{\"pluginId\":{\"value\":\"" + pluginId + "\"},\"version\":{\"value\":\"" + version + "\"}}}");
  }

  private static String v(String pluginId, String version) {
    return "/api/plugins/" + pluginId + "/versions/" + version;
  }

  private static List<String> actions(Response r) {
    List<String> actions = new ArrayList<>();
    r.body().path("actions").forEach(a -> actions.add(a.asText()));
    return actions;
  }

  private static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.contentType()).as(r.raw()).startsWith("application/problem+json");
    assertThat(r.code()).as(r.raw()).isEqualTo(code);
    assertThat(r.body().path("detail").asText()).as(r.raw()).isNotBlank();
  }

  /** A refused call leaves the record and its history exactly as they were. */
  private void assertUnchanged(String pluginId, String version, Runnable refusedCalls) {
    String record = record(pluginId, version);
    String history = api.get("dev1", v(pluginId, version) + "/history").raw();
    refusedCalls.run();
    assertThat(record(pluginId, version)).isEqualTo(record);
    assertThat(api.get("dev1", v(pluginId, version) + "/history").raw()).isEqualTo(history);
  }

  /** The version's record as the API shows it, without its place in the queue, which moves with the clock. */
  private String record(String pluginId, String version) {
    JsonNode body = api.get("dev1", v(pluginId, version)).body();
    ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("queue");
    return body.toString();
  }
}
