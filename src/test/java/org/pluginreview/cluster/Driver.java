package org.pluginreview.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Drives whole lifecycles through the cluster, each HTTP call on a node picked at random. A call whose
 * answer was lost (a node died) or that lost a race is decided by reading the record again, so no step
 * is done twice and none is skipped. It records what each version must look like afterwards.
 */
final class Driver {

  record Response(int status, JsonNode body) {
    String code() {
      return body.path("code").asText("");
    }

    String status(String fallback) {
      return body.path("status").asText(fallback);
    }
  }

  /** What the driver did to one version: the status and history it must end with. */
  static final class Expected {
    final String pluginId;
    final String version;
    volatile String status = "DEVELOPMENT";
    final List<String> events = new ArrayList<>();
    volatile int submissions;

    Expected(String pluginId, String version) {
      this.pluginId = pluginId;
      this.version = version;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL_ITEMS = org.pluginreview.support.ApiClient.ALL_ITEMS;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Node> nodes;
  final Map<String, Expected> expected = new ConcurrentHashMap<>();
  /** Per plugin, the versions the driver took live, in the order their release was confirmed. */
  final Map<String, List<String>> released = new ConcurrentHashMap<>();
  final AtomicInteger serverErrors = new AtomicInteger();
  final Set<String> unexpected = ConcurrentHashMap.newKeySet();

  Driver(List<Node> nodes) {
    this.nodes = nodes;
  }

  // ------------------------------------------------------------------ HTTP

  Response send(String user, String method, String path, String body) throws IOException, InterruptedException {
    Node node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    return send(node, user, method, path, body, null);
  }

  Response send(Node node, String user, String method, String path, String body, String ifMatch)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path)))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (!method.equals("GET")) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500) {
      serverErrors.incrementAndGet();
      unexpected.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
    }
    JsonNode json = response.body().isBlank() ? MissingNode.getInstance() : JSON.readTree(response.body());
    return new Response(response.statusCode(), json);
  }

  /** Reads, retrying on whichever node answers. */
  Response read(String user, String path) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        Response r = send(user, "GET", path, null);
        if (r.status() < 500) {
          return r;
        }
      } catch (IOException nodeDown) {
        if (attempt > 200) {
          throw new IllegalStateException("no node answers", nodeDown);
        }
      }
      Thread.sleep(100);
    }
  }

  /**
   * One step: sent until it is known to have happened. {@code done} says, from a fresh read of the
   * version, whether it took effect; a refusal that is not a race is handed back to the caller.
   */
  Response step(String user, String method, String path, String body, String versionPath,
                Predicate<String> done) throws InterruptedException {
    for (int attempt = 0; attempt < 400; attempt++) {
      try {
        Response r = send(user, method, path, body);
        if (r.status() < 300) {
          return r;
        }
        if (r.status() != 409 || !r.code().equals("CONFLICT")) {
          return r; // a business refusal: the caller decides
        }
      } catch (IOException lost) {
        // the node died or the answer was lost: the record says whether the step happened
      }
      Response now = read("demo", versionPath);
      if (now.status() == 200 && done.test(now.status("?"))) {
        return now;
      }
      Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100));
    }
    throw new IllegalStateException("step never went through: " + method + " " + path);
  }

  // ------------------------------------------------------------------ lifecycles

  /** Creates the plugins; owners alternate between the two demo developers. */
  void createPlugins(List<String> pluginIds) throws InterruptedException {
    for (int i = 0; i < pluginIds.size(); i++) {
      String id = pluginIds.get(i);
      step(owner(i), "POST", "/api/plugins", "{\"pluginId\":\"" + id + "\",\"name\":\"" + id + "\"}",
          "/api/plugins/" + id, s -> true);
      released.put(id, new java.util.concurrent.CopyOnWriteArrayList<>());
    }
  }

  static String owner(int pluginIndex) {
    return pluginIndex % 2 == 0 ? "dev1" : "dev2";
  }

  /** One whole lifecycle of one version; {@code kind} picks the path it takes after review. */
  void lifecycle(String owner, String pluginId, String version, int kind) throws InterruptedException {
    Expected e = new Expected(pluginId, version);
    expected.put(pluginId + ":" + version, e);
    String v = "/api/plugins/" + pluginId + "/versions/" + version;
    Response uploaded = step(owner, "POST", "/api/plugins/" + pluginId + "/versions",
        "{\"version\":\"" + version + "\",\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"n\","
            + "\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\",\"contactEmail\":\"a@b.example\"}}",
        v, s -> true);
    if (uploaded.status() >= 300) {
      if (uploaded.code().equals("VERSION_NOT_GREATER")) {
        expected.remove(pluginId + ":" + version); // never created
        return;
      }
      unexpected.add("upload " + v + ": " + uploaded.body());
      return;
    }
    e.events.add("UPLOADED");

    // several versions of a plugin race for the one review slot
    while (true) {
      Response submitted = step(owner, "POST", v + "/submit", null, v, s -> !s.equals("DEVELOPMENT"));
      if (submitted.status() < 300) {
        break;
      }
      if (submitted.code().equals("VERSION_IN_FLIGHT")) {
        Thread.sleep(30 + ThreadLocalRandom.current().nextInt(120));
        continue;
      }
      if (!submitted.code().equals("VERSION_NOT_GREATER")) {
        unexpected.add("submit " + v + ": " + submitted.body());
      }
      return; // a higher version went live meanwhile: this one stays in development
    }
    e.submissions++;
    e.events.add("SUBMITTED");
    e.status = "SELF_CHECK";
    expectOk(v, step(owner, "POST", v + "/self-check", ALL_ITEMS, v, s -> !s.equals("SELF_CHECK")));
    e.events.add("SELF_CHECK_CONFIRMED");
    e.events.add("PRE_REVIEW_PASSED");
    e.status = "AUDITING";

    String reviewer = ThreadLocalRandom.current().nextBoolean() ? "reviewer1" : "reviewer2";
    if (kind == 0) {
      expectOk(v, step(reviewer, "POST", v + "/review",
          "{\"decision\":\"REJECT\",\"reasonCategory\":\"CONTENT\",\"comment\":\"no\"}", v,
          s -> !s.equals("AUDITING")));
      e.events.add("REJECTED");
      e.status = "AUDIT_REJECTED";
      return;
    }
    expectOk(v, step(reviewer, "POST", v + "/review", "{\"decision\":\"APPROVE\"}", v, s -> !s.equals("AUDITING")));
    e.events.add("APPROVED");
    e.status = "APPROVED";
    if (kind == 1) {
      expectOk(v, step(owner, "POST", v + "/return-to-development", null, v, s -> s.equals("DEVELOPMENT")));
      e.events.add("RETURNED_TO_DEVELOPMENT");
      e.status = "DEVELOPMENT";
      return;
    }
    if (kind == 3) {
      Response gray = step(owner, "POST", v + "/gray", "{\"percentage\":10}", v, s -> s.equals("GRAY"));
      if (gray.status() < 300) {
        e.events.add("GRAY_STARTED");
        e.status = "GRAY";
      } else if (!gray.code().equals("GRAY_NEEDS_LIVE_VERSION")) {
        unexpected.add("gray " + v + ": " + gray.body());
      }
    }
    expectOk(v, step(owner, "POST", v + "/release", null, v, s -> s.equals("RELEASED") || s.equals("OFFLINE")));
    e.events.add("RELEASED");
    e.status = "RELEASED";
    released.get(pluginId).add(version);
  }

  private void expectOk(String path, Response r) {
    if (r.status() >= 300) {
      unexpected.add(path + ": " + r.body());
    }
  }
}
