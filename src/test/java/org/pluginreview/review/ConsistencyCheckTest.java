package org.pluginreview.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The check reads a chunk at a time and still sees everything; health shows what the background run found. */
@ServiceTest
class ConsistencyCheckTest {

  @LocalServerPort int port;
  @Autowired PluginCatalog catalog;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired ConsistencyController.ConsistencyHealth health;
  @Autowired ConsistencyCheck check;

  @Test
  void chunkByChunkFindsWhatOneReadingFinds() {
    ApiClient api = new ApiClient(port);
    java.util.List<String> inReview = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      inReview.add("chunk-" + System.nanoTime() % 1_000_000);
      api.inReview("dev1", inReview.get(i));
    }
    String broken = "chunk-broken-" + System.nanoTime() % 1_000_000;
    api.inReview("dev1", broken);
    String pid = api.get("dev1", "/api/plugins/" + broken + "/versions/1.0.0").body().path("processInstanceId").asText();
    engine.getRuntimeService().deleteProcessInstance(pid, "cancelled in Cockpit");
    try {
      ConsistencyCheck.Report small = new ConsistencyCheck(catalog, engine, Clock.systemUTC(), 2).run();
      ConsistencyCheck.Report whole = new ConsistencyCheck(catalog, engine, Clock.systemUTC(), 1_000_000).run();
      assertThat(small.versionsChecked()).isEqualTo(jdbc.queryForObject("select count(*) from plugin_version", Integer.class));
      assertThat(small.runningInstances()).isEqualTo(engine.getRuntimeService().createProcessInstanceQuery()
          .processDefinitionKey(ReviewProcess.KEY).count());
      assertThat(small.runningInstances()).isGreaterThan(2);
      assertThat(small).isEqualTo(whole);
      assertThat(small.mismatches()).anySatisfy(m -> assertThat(m.pluginId()).isEqualTo(broken));

      health.refresh();
      assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    } finally {
      jdbc.update("update plugin_version set status = 'DEVELOPMENT' where plugin_id = ?", broken);
      // the shared review queue stays as short as other test classes expect it
      inReview.forEach(p -> api.post("dev1", "/api/plugins/" + p + "/versions/1.0.0/withdraw", null));
    }
    health.refresh();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void appealsAreCheckedAgainstWhatTheirProcessDecided() {
    ApiClient api = new ApiClient(port);
    String suffix = "-" + System.nanoTime() % 1_000_000;
    String upheld = "appeal-upheld" + suffix;
    String denied = "appeal-denied" + suffix;
    String pending = "appeal-pending" + suffix;
    api.appealed("dev1", upheld);
    assertThat(api.decideAppeal("lead1", upheld, "UPHOLD").status()).isEqualTo(204);
    api.appealed("dev1", denied);
    assertThat(api.decideAppeal("lead1", denied, "DENY").status()).isEqualTo(204);
    api.appealed("dev1", pending);
    assertThat(api.get("dev1", "/api/plugins/" + upheld + "/versions/1.0.0").body().path("status").asText())
        .isEqualTo("APPROVED");
    java.util.List<String> ours = java.util.List.of(upheld, denied, pending);
    assertThat(check.run().mismatches()).noneMatch(m -> ours.contains(m.pluginId()));

    // a record claiming what its appeal never decided
    jdbc.update("update plugin_version set appeal_state = 'UPHELD' where plugin_id = ?", denied);
    try {
      assertThat(check.run().mismatches()).filteredOn(m -> m.pluginId().equals(denied)).singleElement()
          .satisfies(m -> assertThat(m.problem()).contains("appeal UPHELD but its process decided DENY"));
    } finally {
      jdbc.update("update plugin_version set status = 'AUDIT_REJECTED', appeal_state = 'DENIED' where plugin_id = ?",
          denied);
    }
  }

  @Test
  void listingsAreCheckedAgainstTheirReviewProcesses() {
    ApiClient api = new ApiClient(port);
    String listed = "listed-" + System.nanoTime() % 1_000_000;
    api.listed("dev1", listed);
    String waiting = "listing-waits-" + System.nanoTime() % 1_000_000;
    api.live("dev1", waiting);
    api.put("dev1", "/api/plugins/" + waiting + "/listing", ApiClient.LISTING);
    assertThat(check.run().mismatches()).noneMatch(m -> listed.equals(m.pluginId()) || waiting.equals(m.pluginId()));

    // a listing made public behind the review's back, and a review cancelled in Cockpit
    String forged = "listing-forged-" + System.nanoTime() % 1_000_000;
    api.live("dev1", forged);
    jdbc.update("insert into plugin_listing (plugin_id, status, listed, title, summary, category, support_contact,"
        + " support_url, updated_at) values (?, 'LISTED', true, 't', 's', 'c', 'x', 'https://x', current_timestamp)", forged);
    String pid = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(waiting)
        .processDefinitionKey(org.pluginreview.market.ListingProcess.KEY).singleResult().getId();
    engine.getRuntimeService().deleteProcessInstance(pid, "cancelled in Cockpit");
    try {
      assertThat(check.run().mismatches()).extracting(ConsistencyCheck.Mismatch::pluginId).contains(forged, waiting)
          .doesNotContain(listed);
    } finally {
      jdbc.update("delete from plugin_listing where plugin_id in (?, ?)", forged, waiting);
    }
    health.refresh();
  }
}
