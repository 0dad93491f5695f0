package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Only this site's own pages change things, and JSON means one value per key. */
@ServiceTest
class SameSiteTest {

  @LocalServerPort int port;
  ApiClient api;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void aChangeSentFromAnotherSiteIsRefusedAndFromThisSiteAccepted() {
    String p = "site-" + System.nanoTime() % 1_000_000;
    api.pluginWithVersion("dev1", p);
    String submit = "/api/plugins/" + p + "/versions/1.0.0/submit";
    for (String path : java.util.List.of(submit, "/engine-rest/process-definition/key/pluginVersionReview/start")) {
      Response foreign = send("POST", path, "http://evil.example");
      assertThat(foreign.status()).as(path).isEqualTo(403);
      assertThat(foreign.code()).isEqualTo("FORBIDDEN");
    }
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0").body().path("status").asText())
        .isEqualTo("DEVELOPMENT");
    assertThat(send("POST", submit, "http://localhost:" + port).status()).isEqualTo(200);
    // reading from another site is harmless and stays possible for the console's own requests
    assertThat(send("GET", "/api/plugins/" + p, "http://evil.example").status()).isEqualTo(200);
  }

  @Test
  void browsersAreHandedNoBasicChallengeAndNoCrossSiteGrant() throws Exception {
    var anonymous = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/plugins")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    var preflight = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/plugins"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
            .header("Access-Control-Request-Method", "POST").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void ourPagesCannotBeFramedElsewhereAndRunOnlyOurOwnScripts() throws Exception {
    for (String path : java.util.List.of("/", "/console.js", "/api/plugins")) {
      var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .header("Authorization", basic("dev1")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertThat(policy).as(path).contains("frame-ancestors 'self'").contains("script-src 'self'")
          .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).contains("same-origin");
      assertThat(response.headers().firstValue("X-Frame-Options").orElse("")).as(path).isIn("SAMEORIGIN", "DENY");
    }
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    Response twice = api.post("dev1", "/api/plugins", "{\"pluginId\":\"dup-a\",\"pluginId\":\"dup-b\",\"name\":\"n\"}");
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.code()).isEqualTo("VALIDATION_FAILED");
    assertThat(api.get("dev1", "/api/plugins/dup-a").status()).isEqualTo(404);
    assertThat(api.get("dev1", "/api/plugins/dup-b").status()).isEqualTo(404);
  }

  @Test
  void theTrialFlagHonoursIfMatch() {
    String p = "site-" + System.nanoTime() % 1_000_000;
    api.pluginWithVersion("dev1", p);
    long revision = api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0").body().path("revision").asLong();
    HttpRequest stale = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/plugins/" + p + "/trial"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"version\":\"1.0.0\"}")).header("Content-Type", "application/json")
        .header("If-Match", String.valueOf(revision + 1)).header("Authorization", basic("dev1")).build();
    Response refused = ApiClient.send(http, stale);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("CONFLICT");
    assertThat(api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0").body().path("trial").asBoolean()).isFalse();
  }

  @Test
  void aChangeThatIsNotJsonIsRefusedEvenWithoutABody() {
    String p = "site-" + System.nanoTime() % 1_000_000;
    api.pluginWithVersion("dev1", p);
    String version = "/api/plugins/" + p + "/versions/1.0.0";
    // what a form or a plain-text fetch on another page can send without asking the browser first
    for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x",
        null, "application/jsonp", "not a type"}) {
      Response submit = api.send("dev1", "POST", version + "/submit", type == null ? null : "x=1", type);
      assertThat(submit.status()).as(String.valueOf(type)).isEqualTo(415);
      assertThat(submit.code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
    assertThat(api.send("dev1", "DELETE", version, null, null).status()).isEqualTo(415);
    assertThat(api.send("dev1", "PUT", "/api/plugins/" + p + "/trial", "{\"version\":\"1.0.0\"}", "text/plain")
        .status()).isEqualTo(415);
    assertThat(api.get("dev1", version).body().path("status").asText()).isEqualTo("DEVELOPMENT");
    assertThat(api.send("dev1", "POST", version + "/submit", null, "application/json; charset=utf-8").status())
        .isEqualTo(200);
  }

  @Test
  void pathTricksAnswerBadRequestNeverAServerError() {
    org.pluginreview.support.FromAddress client = new org.pluginreview.support.FromAddress("127.0.0.1", port);
    java.util.Map<String, String> dev1 = java.util.Map.of("Authorization", basic("dev1"));
    for (String path : java.util.List.of("/x/../engine-rest/user", "/engine-rest;/user", "/engine-rest/;/user",
        "/x/..;/engine-rest/user", "/api/plugins;x=1", "/api/./plugins", "/api//plugins", "/%2e%2e/api/plugins",
        "/engine-rest/%2e%2e/api/plugins", "/api/plugins/%2F..", "/camunda/api/engine/engine/default/user;x",
        "/x/../camunda/app/cockpit/", "/api/plugins/a%00b")) {
      for (String method : java.util.List.of("GET", "POST")) {
        var answer = client.send(method, path, dev1, null);
        assertThat(answer.status()).as(method + " " + path).isEqualTo(400);
        assertThat(answer.header("Content-Type")).as(path).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
      }
    }
  }

  private Response send(String method, String path, String origin) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
        .header("Content-Type", "application/json").header("Authorization", basic("dev1")).build();
    return ApiClient.send(http, request);
  }

  private static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes());
  }
}
