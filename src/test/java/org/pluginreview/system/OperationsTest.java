package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What operators rely on: health, lifecycle metrics and the consistency check. */
@ServiceTest
class OperationsTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;
  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @Test
  void anonymousHealthShowsTheStatusOnlyAndMetricsNeedAnOperator() {
    Response anonymous = api.get(null, "/actuator/health");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body().path("status").asText()).isEqualTo("UP");
    assertThat(anonymous.body().has("components")).as(anonymous.raw()).isFalse();
    assertThat(api.get("dev1", "/actuator/health").body().has("components")).isFalse();
    assertThat(api.get(null, "/actuator/health/liveness").body().path("status").asText()).isEqualTo("UP");
    for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
      assertThat(api.get(null, path).status()).isEqualTo(401);
      assertThat(api.get(null, path).code()).isEqualTo("UNAUTHENTICATED");
      assertThat(api.get("dev1", path).status()).isEqualTo(403);
      assertThat(api.get("reviewer1", path).status()).isEqualTo(403);
      assertThat(api.get("demo", path).status()).isEqualTo(200);
    }
  }

  @Test
  void healthShowsDatabaseEngineAndTheLatestConsistencyCheck() {
    assertThat(api.get("demo", "/api/admin/consistency").status()).isEqualTo(200);
    Response health = api.get("demo", "/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
    assertThat(health.body().path("components").path("processEngine").path("status").asText()).isEqualTo("UP");
    assertThat(health.body().path("components").path("reviewConsistency").path("details").has("mismatches")).isTrue();
    // health reports the latest run and runs nothing itself, so its cost does not grow with the data
    String checkedAt = health.body().path("components").path("reviewConsistency").path("details").path("checkedAt")
        .asText();
    assertThat(checkedAt).isNotBlank();
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("demo", "/actuator/health").body().path("components").path("reviewConsistency")
          .path("details").path("checkedAt").asText()).isEqualTo(checkedAt);
    }
  }

  @Test
  void lifecycleMetricsCountWhatCommitted() {
    double submissions = metric("plugin_review_submissions_total");
    double approvals = metric("plugin_review_decisions_total\\{decision=\"approved\"");
    double releases = metric("plugin_review_releases_total");
    double waits = metric("plugin_review_waiting_seconds_count");
    String p = auditing("ops-metrics");
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/release", null);
    // refused calls count nothing
    api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/submit", null);
    assertThat(metric("plugin_review_submissions_total")).isEqualTo(submissions + 1);
    assertThat(metric("plugin_review_decisions_total\\{decision=\"approved\"")).isEqualTo(approvals + 1);
    assertThat(metric("plugin_review_releases_total")).isEqualTo(releases + 1);
    assertThat(metric("plugin_review_waiting_seconds_count")).isEqualTo(waits + 1);
  }

  @Test
  void consistencyCheckFindsARecordWhoseProcessWasCancelled() {
    String p = auditing("ops-consistency");
    Response before = api.get("demo", "/api/admin/consistency");
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.body().path("mismatches")).isEmpty();
    assertThat(api.get("dev1", "/api/admin/consistency").code()).isEqualTo("FORBIDDEN");

    // an operator cancels the instance in Cockpit: the record still says AUDITING
    String pid = api.get("dev1", "/api/plugins/" + p + "/versions/1.0.0").body().path("processInstanceId").asText();
    runtimeService.deleteProcessInstance(pid, "cancelled in Cockpit");
    try {
      Response after = api.get("demo", "/api/admin/consistency");
      assertThat(after.body().path("mismatches")).hasSize(1);
      assertThat(after.body().path("mismatches").get(0).path("pluginId").asText()).isEqualTo(p);
      assertThat(after.body().path("mismatches").get(0).path("problem").asText()).contains("not running");
      Response health = api.get("demo", "/actuator/health");
      assertThat(health.body().path("components").path("reviewConsistency").path("status").asText()).isEqualTo("DOWN");
      assertThat(health.body().path("components").path("reviewConsistency").path("details").path("mismatches").asInt())
          .isEqualTo(1);
    } finally {
      // put the shared test database right again for the classes that follow
      jdbc.update("update plugin_version set status = 'DEVELOPMENT' where plugin_id = ?", p);
    }
    assertThat(api.get("demo", "/api/admin/consistency").body().path("mismatches")).isEmpty();
  }

  private String auditing(String prefix) {
    String p = prefix + "-" + System.nanoTime() % 1000000;
    assertThat(api.inReview("dev1", p).body().path("status").asText()).isEqualTo("AUDITING");
    return p;
  }

  private double metric(String name) {
    String text = api.get("demo", "/actuator/prometheus").raw();
    Matcher m = Pattern.compile("(?m)^" + name + "[^ ]* ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
