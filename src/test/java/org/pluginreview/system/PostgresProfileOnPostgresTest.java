package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The postgres profile's database settings, on a real PostgreSQL server (surefire execution "postgres"). */
@ServiceTest
class PostgresProfileOnPostgresTest {

  @Autowired DataSource dataSource;

  /**
   * After a statement's fifth run PostgreSQL may settle on one generic plan for all values; for the review
   * queue's count at 100,000 open reviews that plan took 115 ms instead of 52 (docs/scale.md).
   */
  @Test
  void everyCallIsPlannedForItsOwnValues() {
    assertThat(new JdbcTemplate(dataSource).queryForObject("show plan_cache_mode", String.class))
        .isEqualTo("force_custom_plan");
  }
}
