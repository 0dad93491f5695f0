package org.pluginreview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A 2xx is durable on the embedded default: the service runs as {@code mvn spring-boot:run} has it (H2
 * file database under ./data), clients create plugins and take versions through review and live, the
 * process gets {@code kill -9} in the middle of it, and after a restart every change a client was told
 * succeeded is there.
 */
class KillNineTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 6;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  /** What each client was told: a plugin exists, or a version has at least this revision. */
  private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Test
  void everyAcknowledgedChangeSurvivesKillNine() throws Exception {
    Path workDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill9-");
    try (Node node = Node.embedded("kill9", workDir)) {
      node.start();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.submit(() -> {
          try {
            work(node, client, running);
          } catch (RuntimeException e) {
            failures.add(e);
          }
        });
      }
      // kill mid-stream once enough is acknowledged: 8 s at least, longer on a slow or busy machine
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      Thread.sleep(8_000);
      while (acknowledgedPlugins() <= 20 && System.nanoTime() < deadline) {
        Thread.sleep(250);
      }
      node.kill();
      running.set(false);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      assertThat(failures).isEmpty();
      long plugins = acknowledgedPlugins();
      assertThat(plugins).as("plugins created before the kill").isGreaterThan(20);

      System.out.printf("kill -9 after %d acknowledged plugins and %d acknowledged version changes%n", plugins,
          acknowledged.size() - plugins);
      node.start();
      List<String> lost = new ArrayList<>();
      acknowledged.forEach((path, revision) -> {
        JsonNode found = send(node, "demo", "GET", path, null);
        if (found == null || found.path("status").asInt(200) >= 400
            || (revision > 0 && found.path("revision").asLong() < revision)) {
          lost.add(path + " (acknowledged revision " + revision + ", found " + found + ")");
        }
      });
      assertThat(lost).as("acknowledged changes missing after kill -9").isEmpty();
    }
  }

  private long acknowledgedPlugins() {
    return acknowledged.keySet().stream().filter(k -> !k.contains("/versions/")).count();
  }

  /** One client: plugin after plugin, each version uploaded, submitted, self-checked, approved, taken live. */
  private void work(Node node, int client, AtomicBoolean running) {
    for (int i = 0; running.get(); i++) {
      String p = "k" + client + "-" + i;
      String v = "/api/plugins/" + p + "/versions/1.0.0";
      if (!step(node, "dev1", "POST", "/api/plugins", "{\"pluginId\":\"" + p + "\",\"name\":\"Kill " + p + "\"}",
          "/api/plugins/" + p)) {
        continue;
      }
      boolean ok = step(node, "dev1", "POST", "/api/plugins/" + p + "/versions", "{\"version\":\"1.0.0\","
          + "\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\","
          + "\"category\":\"c\",\"contactEmail\":\"a@b.example\"}}", v)
          && step(node, "dev1", "POST", v + "/submit", null, v)
          && step(node, "dev1", "POST", v + "/self-check",
          "{\"items\":[\"FEATURE_PACKAGES\",\"VERSION_INFO\",\"BASIC_INFO\",\"REVIEW_STANDARD\",\"TESTED\"]}", v);
      // the review task appears once the pre-review has run in the background
      for (int tries = 0; ok && tries < 20 && running.get(); tries++) {
        if (step(node, "reviewer1", "POST", v + "/review", "{\"decision\":\"APPROVE\"}", v)) {
          step(node, "dev1", "POST", v + "/release", null, v);
          break;
        }
        sleep(100);
      }
    }
  }

  /** Sends one change; on 2xx records what the answer says now exists. */
  private boolean step(Node node, String user, String method, String path, String body, String readBack) {
    JsonNode answer = send(node, user, method, path, body);
    if (answer == null || answer.path("status").asInt(200) >= 400) {
      return false;
    }
    acknowledged.merge(readBack, readBack.contains("/versions/") ? answer.path("revision").asLong() : 0L, Math::max);
    return true;
  }

  /** The answer's body, with an HTTP error status as {"status": n}; null when the node is gone. */
  private JsonNode send(Node node, String user, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        return JSON.createObjectNode().put("status", response.statusCode());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      return null; // the node is gone
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
