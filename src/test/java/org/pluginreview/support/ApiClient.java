package org.pluginreview.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real HTTP against the running service, with HTTP Basic as a demo user. */
public final class ApiClient {

  public record Response(int status, String contentType, JsonNode body, String raw) {
    public String code() {
      return body.path("code").asText(null);
    }
  }

  /** Every self-check item ticked. */
  public static final String ALL_ITEMS =
      "{\"items\":[\"FEATURE_PACKAGES\",\"VERSION_INFO\",\"BASIC_INFO\",\"REVIEW_STANDARD\",\"TESTED\"]}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://localhost:" + port;
  }

  public Response get(String user, String path) {
    return send(user, "GET", path, null, null);
  }

  public Response post(String user, String path, String json) {
    return send(user, "POST", path, json, "application/json");
  }

  public Response put(String user, String path, String json) {
    return send(user, "PUT", path, json, "application/json");
  }

  public Response patch(String user, String path, String json) {
    return send(user, "PATCH", path, json, "application/json");
  }

  public Response delete(String user, String path) {
    return send(user, "DELETE", path, null, "application/json");
  }

  /** A plugin of the owner with version 1.0.0 uploaded, complete enough to pass the pre-review. */
  public void pluginWithVersion(String owner, String pluginId) {
    pluginWithVersion(owner, pluginId, "n");
  }

  public void pluginWithVersion(String owner, String pluginId, String name) {
    post(owner, "/api/plugins", "{\"pluginId\":\"" + pluginId + "\",\"name\":\"" + name + "\"}");
    post(owner, "/api/plugins/" + pluginId + "/versions", "{\"version\":\"1.0.0\",\"featurePackages\":[\"core\"],"
        + "\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"c\","
        + "\"contactEmail\":\"a@b.example\"}}");
  }

  /** ... submitted: 1.0.0 waits for its self-check. */
  public Response submitted(String owner, String pluginId) {
    return submitted(owner, pluginId, "n");
  }

  public Response submitted(String owner, String pluginId, String name) {
    pluginWithVersion(owner, pluginId, name);
    return post(owner, "/api/plugins/" + pluginId + "/versions/1.0.0/submit", null);
  }

  /** ... submitted and through the self-check: waiting for review. */
  public Response inReview(String owner, String pluginId) {
    return inReview(owner, pluginId, "n");
  }

  public Response inReview(String owner, String pluginId, String name) {
    submitted(owner, pluginId, name);
    return post(owner, "/api/plugins/" + pluginId + "/versions/1.0.0/self-check", ALL_ITEMS);
  }

  /** ... approved by reviewer1 and taken live by the owner. */
  public Response live(String owner, String pluginId) {
    inReview(owner, pluginId);
    post("reviewer1", "/api/plugins/" + pluginId + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    return post(owner, "/api/plugins/" + pluginId + "/versions/1.0.0/release", null);
  }

  /** ... a further version taken through review (reviewer1 approves) and live. */
  public Response liveVersion(String owner, String pluginId, String version) {
    String path = "/api/plugins/" + pluginId + "/versions/" + version;
    upload(owner, pluginId, version);
    post(owner, path + "/submit", null);
    post(owner, path + "/self-check", ALL_ITEMS);
    post("reviewer1", path + "/review", "{\"decision\":\"APPROVE\"}");
    return post(owner, path + "/release", null);
  }

  /** ... in review, then rejected by reviewer1 (content, "Too loud"). */
  public Response rejected(String owner, String pluginId) {
    inReview(owner, pluginId);
    return post("reviewer1", "/api/plugins/" + pluginId + "/versions/1.0.0/review",
        "{\"decision\":\"REJECT\",\"reasonCategory\":\"CONTENT\",\"comment\":\"Too loud\"}");
  }

  /** ... rejected, and its owner appealed: a review lead's appeal task waits. */
  public Response appealed(String owner, String pluginId) {
    rejected(owner, pluginId);
    return post(owner, "/api/plugins/" + pluginId + "/versions/1.0.0/appeal", "{\"reason\":\"It is quiet\"}");
  }

  /** A review lead decides the open appeal in Tasklist's way: the task completed through the engine's REST API. */
  public Response decideAppeal(String lead, String pluginId, String decision) {
    Response tasks = get(lead, "/engine-rest/task?processInstanceBusinessKey=" + pluginId
        + ":1.0.0&taskDefinitionKey=userTask_decideAppeal");
    String taskId = tasks.body().path(0).path("id").asText();
    return post(lead, "/engine-rest/task/" + taskId + "/complete", "{\"variables\":{\"appealDecision\":{\"value\":\""
        + decision + "\"},\"appealComment\":{\"value\":\"Decided on appeal\"}}}");
  }

  public static final String LISTING = "{\"title\":\"Weather\",\"summary\":\"Seven-day forecasts\","
      + "\"category\":\"tools\",\"description\":\"Forecasts for any city\",\"supportContact\":\"help@weather.example\","
      + "\"supportUrl\":\"https://weather.example/help\"}";

  /** ... live, and listed in the market: its owner asked, reviewer2 approved. */
  public Response listed(String owner, String pluginId) {
    live(owner, pluginId);
    put(owner, "/api/plugins/" + pluginId + "/listing", LISTING);
    return post("reviewer2", "/api/plugins/" + pluginId + "/listing/review", "{\"decision\":\"APPROVE\"}");
  }

  /** Uploads a further version, complete enough to pass the pre-review. */
  public Response upload(String owner, String pluginId, String version) {
    return post(owner, "/api/plugins/" + pluginId + "/versions", "{\"version\":\"" + version
        + "\",\"featurePackages\":[\"core\"],\"basicInfo\":{\"name\":\"n\",\"summary\":\"s\","
        + "\"description\":\"d\",\"category\":\"c\",\"contactEmail\":\"a@b.example\"}}");
  }

  /** user "name:password" or a demo user whose password is its name; null sends no credentials. */
  public Response send(String user, String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (user != null) {
      String credentials = user.contains(":") ? user : user + ":" + user;
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return send(http, request.build());
  }

  /** Sends the request and reads its answer, the body as JSON where it is JSON. */
  public static Response send(HttpClient http, HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String raw = response.body();
      JsonNode json = raw == null || raw.isBlank() ? MissingNode.getInstance() : parse(raw);
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), json,
          raw);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
