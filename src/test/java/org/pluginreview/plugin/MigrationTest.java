package org.pluginreview.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Migrations carry existing data forward, not only create an empty schema. */
class MigrationTest {

  @Test
  void highestLiveVersionIsFilledInFromTheVersionsThatWereLive() {
    DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:migration;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(db).locations("classpath:db/migration").target("1").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(db);
    for (String plugin : List.of("was-live", "never-live")) {
      jdbc.update("insert into plugin (plugin_id, name, owner, created_at) values (?, ?, 'dev1', current_timestamp)",
          plugin, plugin);
    }
    version(jdbc, "was-live", 1, 2, 0, "OFFLINE");
    version(jdbc, "was-live", 1, 10, 0, "RELEASED"); // above 1.2.0 by number, below it as text
    version(jdbc, "was-live", 2, 0, 0, "AUDIT_REJECTED");
    version(jdbc, "never-live", 3, 0, 0, "APPROVED");

    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

    assertThat(jdbc.queryForList("select plugin_id, highest_live_version from plugin order by plugin_id"))
        .extracting(row -> row.get("PLUGIN_ID") + "=" + row.get("HIGHEST_LIVE_VERSION"))
        .containsExactly("never-live=null", "was-live=1.10.0");
  }

  @Test
  void idsThatDifferInCaseOnlyKeepTheirDataAndNoFurtherOneFits() {
    DriverManagerDataSource db = new DriverManagerDataSource("jdbc:h2:mem:case;DB_CLOSE_DELAY=-1", "sa", "");
    Flyway.configure().dataSource(db).locations("classpath:db/migration").target("3").load().migrate();
    JdbcTemplate jdbc = new JdbcTemplate(db);
    jdbc.update("insert into plugin (plugin_id, name, owner, created_at) values ('W6', 'first', 'dev2', ?)",
        java.sql.Timestamp.valueOf("2026-01-01 00:00:00"));
    jdbc.update("insert into plugin (plugin_id, name, owner, created_at) values ('w6', 'second', 'dev1', ?)",
        java.sql.Timestamp.valueOf("2026-02-01 00:00:00"));
    jdbc.update("insert into plugin (plugin_id, name, owner, created_at) values ('Solo', 'solo', 'dev1', ?)",
        java.sql.Timestamp.valueOf("2026-02-01 00:00:00"));

    Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

    assertThat(jdbc.queryForList("select plugin_id, plugin_key from plugin order by plugin_id"))
        .extracting(row -> row.get("PLUGIN_ID") + "=" + row.get("PLUGIN_KEY"))
        .containsExactly("Solo=solo", "W6=w6", "w6=w6#w6");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(
            "insert into plugin (plugin_id, plugin_key, name, owner, created_at) values ('SOLO', 'solo', 'x', 'dev1', ?)",
            java.sql.Timestamp.valueOf("2026-03-01 00:00:00")))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  private static void version(JdbcTemplate jdbc, String plugin, int major, int minor, int patch, String status) {
    jdbc.update("insert into plugin_version (plugin_id, version, major, minor, patch, status, created_at, updated_at)"
            + " values (?, ?, ?, ?, ?, ?, current_timestamp, current_timestamp)",
        plugin, major + "." + minor + "." + patch, major, minor, patch, status);
  }
}
