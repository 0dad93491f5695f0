package org.pluginreview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pluginreview.cluster.Driver.Expected;
import org.pluginreview.cluster.Driver.Response;
import org.pluginreview.notify.SignatureCheck;
import org.pluginreview.notify.WebhookReceiver;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.TestDatabase;

/**
 * Two engine nodes, each its own JVM, on one PostgreSQL: hundreds of lifecycles through both at once,
 * races between them, and a node killed mid-work. Afterwards every record, history and process instance
 * must be exactly what the steps imply. Runs in the surefire execution "postgres".
 */
class TwoNodeClusterTest {

  private static Node a;
  private static Node b;
  private static Driver driver;
  /** Lifecycles of the current run that have finished. */
  private static final java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeAll
  static void startNodes() throws Exception {
    assertThat(TestDatabase.postgres()).as("runs on PostgreSQL only (-Dtest.database=postgres)").isTrue();
    String database = TestDatabase.newPostgresDatabase();
    a = new Node("node-a", database);
    b = new Node("node-b", database);
    a.start(); // one after the other: the first creates the schemas and demo users
    b.start();
    driver = new Driver(List.of(a, b));
  }

  @AfterAll
  static void stopNodes() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void threeHundredLifecyclesThroughBothNodesEndExactlyAsTheirStepsImply() throws Exception {
    int reviewed = runLifecycles("load", 32, 10, null);
    assertThat(reviewed).as("lifecycles that went all the way through review").isGreaterThanOrEqualTo(300);
  }

  @Test
  void aNodeKilledMidWorkLosesNothingAndDoesNothingTwice() throws Exception {
    runLifecycles("kill", 12, 6, () -> {
      Thread.sleep(1500);
      assertThat(finished.get()).as("lifecycles still running when the node dies").isLessThan(72);
      b.kill();
      Thread.sleep(2000);
      b.start();
      return null;
    });
  }

  @Test
  void noWebhookDeliveryIsLostWhenTheSendingNodeIsKilled() throws Exception {
    String p = "cluster-hooks-" + System.nanoTime() % 1_000_000;
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      receiver.delayMillis.set(1500); // deliveries stay open long enough to be cut off
      driver.send(a, "dev1", "POST", "/api/plugins", "{\"pluginId\":\"" + p + "\",\"name\":\"n\"}", null);
      Response hook = driver.send(a, "dev1", "POST", "/api/plugins/" + p + "/webhooks",
          "{\"url\":\"" + receiver.url() + "\"}", null);
      assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
      upload(p);
      for (int i = 0; i < 8; i++) {
        driver.send(i % 2 == 0 ? a : b, "dev1", "PUT", "/api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}", null);
        driver.send(i % 2 == 0 ? a : b, "dev1", "DELETE", "/api/plugins/" + p + "/trial", null, null);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (receiver.received.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      b.kill(); // mid-delivery: some events taken by b, some of its sends cut off
      int expected = driver.read("demo", "/api/plugins/" + p + "/versions/1.0.0/history").body().size();
      assertThat(expected).isEqualTo(17);
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (delivered(receiver) < expected && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      b.start();
      assertThat(delivered(receiver)).as("distinct events delivered").isEqualTo(expected);
      String secret = hook.body().path("secret").asText();
      for (WebhookReceiver.Received r : receiver.received) {
        assertThat(SignatureCheck.valid(secret, r.signature(), r.body(), System.currentTimeMillis() / 1000)).isTrue();
      }
    }
  }

  private static long delivered(WebhookReceiver receiver) {
    return receiver.received.stream().map(r -> {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("id").asText();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }).distinct().count();
  }

  @Test
  void twoReviewersAtOnceOneWinsTheOtherGetsConflict() throws Exception {
    for (int round = 0; round < 5; round++) {
      String p = "race-review-" + round;
      driver.createPlugins(List.of(p));
      String v = inReview(p);
      String revision = driver.read("dev1", v).body().path("revision").asText();
      List<Response> results = together(
          () -> driver.send(a, "reviewer1", "POST", v + "/review", "{\"decision\":\"APPROVE\"}", revision),
          () -> driver.send(b, "reviewer2", "POST", v + "/review",
              "{\"decision\":\"REJECT\",\"reasonCategory\":\"CONTENT\",\"comment\":\"no\"}", revision));
      assertOneWinsOneConflict(results, "CONFLICT");
      String winner = results.get(0).status() == 200 ? "reviewer1" : "reviewer2";
      Response record = driver.read("dev1", v);
      assertThat(record.body().path("reviewer").asText()).isEqualTo(winner);
      assertThat(actions(v)).containsExactly("UPLOADED", "SUBMITTED", "SELF_CHECK_CONFIRMED", "PRE_REVIEW_PASSED",
          winner.equals("reviewer1") ? "APPROVED" : "REJECTED");
    }
  }

  @Test
  void simultaneousSubmitsStartExactlyOneReview() throws Exception {
    for (int round = 0; round < 5; round++) {
      String p = "race-submit-" + round;
      driver.createPlugins(List.of(p));
      upload(p);
      String v = "/api/plugins/" + p + "/versions/1.0.0";
      assertOneWinsOneConflict(together(
          () -> driver.send(a, "dev1", "POST", v + "/submit", null, null),
          () -> driver.send(b, "dev1", "POST", v + "/submit", null, null)), null);
      assertThat(instances(p + ":1.0.0")).isEqualTo(1);

      String second = "/api/plugins/" + p + "/versions/1.1.0";
      driver.send(a, "dev1", "POST", "/api/plugins/" + p + "/versions", "{\"version\":\"1.1.0\",\"featurePackages\":[\"c\"]}", null);
      driver.send(a, "dev1", "POST", v + "/withdraw", null, null);
      List<Response> both = together(
          () -> driver.send(a, "dev1", "POST", v + "/submit", null, null),
          () -> driver.send(b, "dev1", "POST", second + "/submit", null, null));
      assertOneWinsOneConflict(both, "VERSION_IN_FLIGHT");
      assertThat(running(p)).isEqualTo(1);
    }
  }

  @Test
  void goLiveRacingReturnToDevelopmentLeavesOneOutcome() throws Exception {
    for (int round = 0; round < 5; round++) {
      String p = "race-release-" + round;
      driver.createPlugins(List.of(p));
      String v = inReview(p);
      driver.send(b, "reviewer1", "POST", v + "/review", "{\"decision\":\"APPROVE\"}", null);
      String revision = driver.read("dev1", v).body().path("revision").asText();
      List<Response> results = together(
          () -> driver.send(a, "dev1", "POST", v + "/release", null, revision),
          () -> driver.send(b, "dev1", "POST", v + "/return-to-development", null, revision));
      assertOneWinsOneConflict(results, "CONFLICT");
      String status = driver.read("dev1", v).body().path("status").asText();
      assertThat(status).isEqualTo(results.get(0).status() == 200 ? "RELEASED" : "DEVELOPMENT");
      assertThat(actions(v)).last().isEqualTo(status.equals("RELEASED") ? "RELEASED" : "RETURNED_TO_DEVELOPMENT");
      assertThat(running(p)).isZero();
    }
    assertThat(driver.serverErrors.get()).isZero();
  }

  @Test
  void listingsReviewedAcrossNodesAndRollbacksLeaveTheRecordsConsistent() throws Exception {
    for (int round = 0; round < 3; round++) {
      String p = "market-" + round;
      driver.createPlugins(List.of(p));
      String v = inReview(p);
      driver.send(b, "reviewer1", "POST", v + "/review", "{\"decision\":\"APPROVE\"}", null);
      driver.send(a, "dev1", "POST", v + "/release", null, null);
      String listing = "/api/plugins/" + p + "/listing";
      assertThat(driver.send(a, "dev1", "PUT", listing, ApiClient.LISTING, null).status()).isEqualTo(202);
      assertThat(driver.send(b, "reviewer2", "POST", listing + "/review", "{\"decision\":\"APPROVE\"}", null)
          .body().path("status").asText()).isEqualTo("LISTED");
      driver.send(a, "merchant1", "PUT", "/api/market/plugins/" + p + "/subscription", null, null);
      String second = "/api/plugins/" + p + "/versions/1.1.0";
      driver.send(b, "dev1", "POST", "/api/plugins/" + p + "/versions", "{\"version\":\"1.1.0\",\"featurePackages\":[\"core\"],"
          + "\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\","
          + "\"contactEmail\":\"a@b.example\"}}", null);
      driver.send(b, "dev1", "POST", second + "/submit", null, null);
      driver.send(a, "dev1", "POST", second + "/self-check", ApiClient.ALL_ITEMS, null);
      driver.send(b, "reviewer1", "POST", second + "/review", "{\"decision\":\"APPROVE\"}", null);
      driver.send(a, "dev1", "POST", second + "/release", null, null);
      String resolution = "/api/market/plugins/" + p + "/resolution";
      assertThat(driver.send(b, "merchant1", "GET", resolution, null, null).body().path("version").asText()).isEqualTo("1.1.0");
      assertThat(driver.send(b, "dev1", "POST", v + "/rollback", null, null).status()).isEqualTo(200);
      // the other node answers the rollback at once
      assertThat(driver.send(a, "merchant1", "GET", resolution, null, null).body().path("version").asText()).isEqualTo("1.0.0");
    }
    Response consistency = driver.read("demo", "/api/admin/consistency");
    assertThat(consistency.body().path("mismatches")).as(consistency.body().toString()).isEmpty();
    assertThat(driver.serverErrors.get()).isZero();
  }

  // ------------------------------------------------------------------ the load and its checks

  /** Runs plugins × versions lifecycles on 12 threads, optionally with a disruption beside them. */
  private int runLifecycles(String prefix, int plugins, int versionsEach, Callable<Void> disruption) throws Exception {
    List<String> ids = IntStream.range(0, plugins).mapToObj(i -> prefix + "-" + i).toList();
    driver.createPlugins(ids);
    finished.set(0);
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<?>> work = new ArrayList<>();
    for (int n = 0; n < versionsEach; n++) {
      for (int i = 0; i < plugins; i++) {
        int pluginIndex = i;
        int kind = (n + i) % 4;
        String version = "1." + n + ".0";
        work.add(pool.submit(() -> {
          driver.lifecycle(Driver.owner(pluginIndex), ids.get(pluginIndex), version, kind);
          finished.incrementAndGet();
          return null;
        }));
      }
    }
    Future<?> disturbed = disruption == null ? null : Executors.newSingleThreadExecutor().submit(disruption);
    for (Future<?> f : work) {
      f.get(8, TimeUnit.MINUTES);
    }
    if (disturbed != null) {
      disturbed.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();

    assertThat(driver.unexpected).isEmpty();
    assertThat(driver.serverErrors.get()).isZero();
    int checked = 0;
    int reviewed = 0;
    for (Expected e : driver.expected.values()) {
      if (!e.pluginId.startsWith(prefix + "-")) {
        continue;
      }
      checked++;
      reviewed += e.events.contains("APPROVED") || e.events.contains("REJECTED") ? 1 : 0;
      String v = "/api/plugins/" + e.pluginId + "/versions/" + e.version;
      List<String> events = new ArrayList<>(e.events);
      String status = e.status;
      List<String> live = driver.released.get(e.pluginId);
      if (status.equals("RELEASED") && !live.get(live.size() - 1).equals(e.version)) {
        status = "OFFLINE";
        events.add("TAKEN_OFFLINE");
      }
      assertThat(driver.read("demo", v).body().path("status").asText()).as(v).isEqualTo(status);
      assertThat(actions(v)).as(v).isEqualTo(events);
      assertThat(instances(e.pluginId + ":" + e.version)).as(v).isEqualTo(e.submissions);
    }
    assertThat(checked).isGreaterThan(plugins * versionsEach / 2);
    assertThat(count("/engine-rest/incident/count")).isZero();
    for (String id : ids) {
      assertThat(running(id)).as(id).isZero();
    }
    Response consistency = driver.read("demo", "/api/admin/consistency");
    assertThat(consistency.body().path("mismatches")).as(consistency.body().toString()).isEmpty();
    return reviewed;
  }

  // ------------------------------------------------------------------ helpers

  private void upload(String p) throws Exception {
    driver.send(a, "dev1", "POST", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\",\"featurePackages\":[\"core\"],"
        + "\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\","
        + "\"contactEmail\":\"a@b.example\"}}", null);
  }

  /** Version 1.0.0 of the plugin uploaded, submitted and through the self-check; its path. */
  private String inReview(String p) throws Exception {
    upload(p);
    String v = "/api/plugins/" + p + "/versions/1.0.0";
    driver.send(a, "dev1", "POST", v + "/submit", null, null);
    driver.send(a, "dev1", "POST", v + "/self-check", ApiClient.ALL_ITEMS, null);
    return v;
  }

  private List<String> actions(String versionPath) throws InterruptedException {
    List<String> actions = new ArrayList<>();
    driver.read("demo", versionPath + "/history").body().forEach(event -> actions.add(event.path("action").asText()));
    return actions;
  }

  private long instances(String businessKey) throws InterruptedException {
    return count("/engine-rest/history/process-instance/count?processInstanceBusinessKey=" + businessKey);
  }

  private long running(String pluginId) throws InterruptedException {
    return count("/engine-rest/process-instance/count?businessKeyLike=" + pluginId + ":%25");
  }

  private long count(String path) throws InterruptedException {
    return driver.read("demo", path).body().path("count").asLong(-1);
  }

  @SafeVarargs
  private static List<Response> together(Callable<Response>... calls) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> futures = new ArrayList<>();
    for (Callable<Response> call : calls) {
      futures.add(pool.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<Response> results = new ArrayList<>();
    for (Future<Response> f : futures) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    return results;
  }

  /** Exactly one 200; the other a 409 with the given code (any 409 code when null); never a 500. */
  private static void assertOneWinsOneConflict(List<Response> results, String loserCode) {
    List<Integer> statuses = results.stream().map(Response::status).sorted().toList();
    assertThat(statuses).as(results.toString()).containsExactly(200, 409);
    Response loser = results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
    if (loserCode != null) {
      assertThat(loser.code()).as(loser.body().toString()).isEqualTo(loserCode);
    }
  }
}
