package org.pluginreview.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The market over real HTTP: listing and its review, subscriptions, resolution, rollback and offline. */
@ServiceTest
class MarketApiTest {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  @LocalServerPort int port;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void aListingIsReviewedThenPublicAndAnEditIsReviewedWhileTheOldTextStays() {
    String p = plugin();
    api.pluginWithVersion("dev1", p);
    assertProblem(api.put("dev1", listing(p), ApiClient.LISTING), 409, "MARKET_NEEDS_LIVE_VERSION");
    assertThat(api.get("dev1", listing(p)).status()).as("nothing half-written").isEqualTo(404);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/release", null);

    assertProblem(api.put("dev2", listing(p), ApiClient.LISTING), 404, "NOT_FOUND");
    assertProblem(api.put("dev1", listing(p), ApiClient.LISTING.replace("https://", "http://")), 400, "VALIDATION_FAILED");
    Response requested = api.put("dev1", listing(p), ApiClient.LISTING);
    assertThat(requested.status()).isEqualTo(202);
    assertThat(requested.body().path("status").asText()).isEqualTo("IN_REVIEW");
    assertThat(requested.body().path("listed").asBoolean()).isFalse();
    assertProblem(api.put("dev1", listing(p), ApiClient.LISTING), 409, "ILLEGAL_STATE");
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).status()).isEqualTo(404);
    assertThat(actions(api.get("reviewer1", listing(p)))).contains("APPROVE", "REJECT");

    // four eyes: the owner cannot decide; a rejection needs a reason
    assertProblem(api.post("dev1", listing(p) + "/review", "{\"decision\":\"APPROVE\"}"), 403, "SELF_REVIEW_FORBIDDEN");
    assertProblem(api.post("reviewer1", listing(p) + "/review", "{\"decision\":\"REJECT\"}"), 400, "REJECT_REASON_REQUIRED");
    Response approved = api.post("reviewer1", listing(p) + "/review", "{\"decision\":\"APPROVE\"}");
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.body().path("status").asText()).isEqualTo("LISTED");

    Response market = api.get("merchant1", "/api/market/plugins/" + p);
    assertThat(market.body().path("title").asText()).isEqualTo("Weather");
    assertThat(market.body().path("liveVersion").asText()).isEqualTo("1.0.0");
    assertThat(market.body().path("owner").asText()).isEqualTo("dev1");
    assertThat(api.get("reviewer2", "/api/market/plugins?q=seven-day&category=tools").body().findValuesAsText("pluginId"))
        .contains(p);
    assertThat(api.get("merchant1", "/api/market/plugins?q=nothing-like-this").body()).isEmpty();

    // an edit is reviewed again while the old text stays public; a rejection keeps it public
    api.put("dev1", listing(p), ApiClient.LISTING.replace("\"Weather\"", "\"Weather Pro\""));
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).body().path("title").asText()).isEqualTo("Weather");
    api.post("reviewer2", listing(p) + "/review",
        "{\"decision\":\"REJECT\",\"reasonCategory\":\"CONTENT\",\"comment\":\"Pro of what?\"}");
    Response rejected = api.get("dev1", listing(p));
    assertThat(rejected.body().path("status").asText()).isEqualTo("REJECTED");
    assertThat(rejected.body().path("listed").asBoolean()).isTrue();
    assertThat(rejected.body().path("lastRejection").path("comment").asText()).isEqualTo("Pro of what?");
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).body().path("title").asText()).isEqualTo("Weather");

    // a newer live version is what the listing shows
    api.liveVersion("dev1", p, "1.1.0");
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).body().path("liveVersion").asText()).isEqualTo("1.1.0");
    assertThat(api.get("dev1", listing(p) + "/history").body().findValuesAsText("action")).containsExactly(
        "LISTING_REQUESTED", "LISTING_APPROVED", "LISTING_REQUESTED", "LISTING_REJECTED");
  }

  @Test
  void merchantsSubscribeAndResolveAndChangeNothingElse() {
    String p = plugin();
    api.listed("dev1", p);
    assertProblem(api.post("merchant1", "/api/plugins", "{\"pluginId\":\"m-" + p + "\",\"name\":\"n\"}"), 403, "FORBIDDEN");
    assertProblem(api.put("merchant1", listing(p), ApiClient.LISTING), 403, "FORBIDDEN");
    assertProblem(api.put("dev2", "/api/market/plugins/" + p + "/subscription", null), 403, "FORBIDDEN");

    assertThat(api.put("merchant1", "/api/market/plugins/" + p + "/subscription", null).status()).isEqualTo(200);
    assertThat(api.put("merchant1", "/api/market/plugins/" + p + "/subscription", null).status()).as("again").isEqualTo(200);
    assertThat(api.get("merchant1", "/api/market/subscriptions").body().findValuesAsText("pluginId")).contains(p)
        .doesNotHaveDuplicates();
    assertThat(api.get("merchant2", "/api/market/subscriptions").body().findValuesAsText("pluginId")).doesNotContain(p);
    assertThat(api.get("dev1", "/api/plugins/" + p + "/subscribers").body().findValuesAsText("merchantId"))
        .containsExactly("merchant1");
    assertProblem(api.get("dev2", "/api/plugins/" + p + "/subscribers"), 404, "NOT_FOUND");
    assertThat(api.get("merchant2", "/api/market/plugins/" + p).body().path("subscribers").asLong()).isEqualTo(1);

    assertResolution("merchant1", p, null, "1.0.0", "LIVE");
    assertProblem(api.get("merchant1", "/api/market/plugins/" + p + "/resolution?merchant=merchant2"), 403, "FORBIDDEN");
    assertProblem(api.get("reviewer1", "/api/market/plugins/" + p + "/resolution"), 403, "FORBIDDEN");

    // trial members run the trial version
    api.upload("dev1", p, "1.1.0");
    api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.1.0\"}");
    assertProblem(api.put("dev2", "/api/plugins/" + p + "/trial-members", "{\"members\":[\"merchant1\"]}"), 404, "NOT_FOUND");
    assertProblem(api.put("dev1", "/api/plugins/" + p + "/trial-members", "{\"members\":[\"bad id\"]}"), 400, "VALIDATION_FAILED");
    assertThat(api.put("dev1", "/api/plugins/" + p + "/trial-members", "{\"members\":[\"merchant1\"]}")
        .body().path("members").toString()).isEqualTo("[\"merchant1\"]");
    assertResolution("merchant1", p, null, "1.1.0", "TRIAL");
    assertThat(api.get("dev1", "/api/plugins/" + p + "/trial-members").body().path("members").toString())
        .isEqualTo("[\"merchant1\"]");
    for (String owners : List.of("/trial-members", "/subscribers", "/listing")) {
      assertProblem(api.get("merchant1", "/api/plugins/" + p + owners), 404, "NOT_FOUND");
    }
    assertProblem(api.get("reviewer1", "/api/plugins/" + p + "/subscribers"), 403, "FORBIDDEN");
    assertResolution("dev1", p, "merchant2", "1.0.0", "LIVE");

    assertThat(api.delete("merchant1", "/api/market/plugins/" + p + "/subscription").status()).isEqualTo(204);
    assertProblem(api.delete("merchant1", "/api/market/plugins/" + p + "/subscription"), 404, "NOT_FOUND");
  }

  @Test
  void aRollbackAndGoingOfflineChangeWhatMerchantsRunAtOnce() {
    String p = plugin();
    api.listed("dev1", p);
    api.put("merchant1", "/api/market/plugins/" + p + "/subscription", null);
    api.liveVersion("dev1", p, "1.1.0");
    assertResolution("merchant1", p, null, "1.1.0", "LIVE");

    // a grayscale test holds rollbacks back; the merchants in its share run it
    String gray = v(p, "1.2.0");
    api.upload("dev1", p, "1.2.0");
    api.post("dev1", gray + "/submit", null);
    api.post("dev1", gray + "/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", gray + "/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev1", gray + "/gray", "{\"percentage\":99}");
    assertThat(api.get("dev1", "/api/market/plugins/" + p + "/resolution?merchant=someone").body().path("reason").asText())
        .isIn("GRAY", "LIVE");
    assertProblem(api.post("dev1", v(p, "1.0.0") + "/rollback", null), 409, "ROLLBACK_DURING_GRAY");
    assertProblem(api.post("dev1", "/api/plugins/" + p + "/offline", null), 409, "ILLEGAL_STATE");
    api.delete("dev1", gray + "/gray");
    api.post("dev1", gray + "/return-to-development", null);

    assertProblem(api.post("dev2", v(p, "1.0.0") + "/rollback", null), 404, "NOT_FOUND");
    assertProblem(api.post("dev1", v(p, "1.1.0") + "/rollback", null), 409, "ILLEGAL_STATE");
    Response rolledBack = api.post("dev1", v(p, "1.0.0") + "/rollback", null);
    assertThat(rolledBack.status()).isEqualTo(200);
    assertThat(rolledBack.body().path("status").asText()).isEqualTo("RELEASED");
    assertThat(api.get("dev1", v(p, "1.1.0")).body().path("status").asText()).isEqualTo("OFFLINE");
    assertThat(api.get("dev1", v(p, "1.1.0")).body().path("actions").toString()).contains("ROLLBACK");
    assertResolution("merchant1", p, null, "1.0.0", "LIVE");
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).body().path("liveVersion").asText()).isEqualTo("1.0.0");

    // offline: nobody runs it, the market says so, subscriptions stay; back online, all as before
    assertProblem(api.post("dev2", "/api/plugins/" + p + "/offline", null), 404, "NOT_FOUND");
    Response offline = api.post("dev1", "/api/plugins/" + p + "/offline", null);
    assertThat(offline.body().path("offlineVersion").asText()).isEqualTo("1.0.0");
    assertThat(offline.body().path("actions").toString()).contains("BRING_ONLINE");
    assertResolution("merchant1", p, null, null, "NONE");
    Response unavailable = api.get("merchant1", "/api/market/plugins/" + p);
    assertThat(unavailable.body().path("available").asBoolean()).isFalse();
    assertThat(unavailable.body().path("subscribed").asBoolean()).isTrue();
    assertProblem(api.post("dev1", "/api/plugins/" + p + "/offline", null), 409, "ILLEGAL_STATE");
    assertThat(api.post("demo", "/api/plugins/" + p + "/online", null).status()).isEqualTo(200);
    assertResolution("merchant1", p, null, "1.0.0", "LIVE");
    assertThat(api.get("dev1", v(p, "1.0.0") + "/history").body().findValuesAsText("action"))
        .containsSequence("ROLLED_BACK", "TAKEN_OFFLINE", "BROUGHT_ONLINE");

    // unlisting takes it out of the market; the subscription stays
    assertThat(api.delete("dev1", listing(p)).status()).isEqualTo(204);
    assertThat(api.get("merchant1", "/api/market/plugins/" + p).status()).isEqualTo(404);
    assertThat(api.get("merchant1", "/api/market/subscriptions").body().findValuesAsText("pluginId")).contains(p);
  }

  @Test
  void theListingReviewKeepsItsRulesOnEngineRest() {
    String p = plugin();
    api.live("dev1", p);
    assertThat(api.post("dev1", "/engine-rest/process-definition/key/marketListingReview/start",
        "{\"businessKey\":\"" + p + "\",\"variables\":{\"pluginId\":{\"value\":\"" + p + "\"}}}").status())
        .as("developers start listing reviews through /api only").isIn(403, 404);
    api.put("dev1", listing(p), ApiClient.LISTING);
    String tasks = "/engine-rest/task?processDefinitionKey=marketListingReview&processInstanceBusinessKey=" + p;
    assertThat(api.get("dev1", tasks).body()).as("the owner never sees their own listing review").isEmpty();
    assertThat(api.get("merchant1", tasks).body()).isEmpty();
    String taskId = api.get("reviewer1", tasks).body().get(0).path("id").asText();
    assertThat(api.post("dev1", "/engine-rest/task/" + taskId + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}").status()).isIn(403, 404);
    assertThat(api.post("reviewer1", "/engine-rest/task/" + taskId + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"MAYBE\"}}}").status()).isEqualTo(400);
    assertThat(api.post("reviewer1", "/engine-rest/task/" + taskId + "/complete",
        "{\"variables\":{\"reviewDecision\":{\"value\":\"APPROVE\"}}}").status()).isEqualTo(204);
    assertThat(api.get("dev1", listing(p)).body().path("status").asText()).isEqualTo("LISTED");
    assertThat(api.get("dev1", listing(p)).body().path("reviewer").asText()).isEqualTo("reviewer1");
  }

  private void assertResolution(String user, String p, String merchant, String version, String reason) {
    Response r = api.get(user, "/api/market/plugins/" + p + "/resolution" + (merchant == null ? "" : "?merchant=" + merchant));
    assertThat(r.status()).as(r.raw()).isEqualTo(200);
    assertThat(r.body().path("reason").asText()).isEqualTo(reason);
    assertThat(r.body().path("version").isNull() ? null : r.body().path("version").asText()).isEqualTo(version);
  }

  private static String plugin() {
    return "mkt" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100000;
  }

  private static String listing(String p) {
    return "/api/plugins/" + p + "/listing";
  }

  private static String v(String p, String version) {
    return "/api/plugins/" + p + "/versions/" + version;
  }

  private static java.util.List<String> actions(Response r) {
    return java.util.stream.StreamSupport.stream(r.body().path("actions").spliterator(), false).map(n -> n.asText()).toList();
  }

  private static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.raw()).isEqualTo(status);
    assertThat(r.code()).as(r.raw()).isEqualTo(code);
  }
}
