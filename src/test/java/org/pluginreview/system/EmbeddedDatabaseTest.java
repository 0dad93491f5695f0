package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** The embedded default's file database, with the settings of application.yaml's URL. */
class EmbeddedDatabaseTest {

  @TempDir Path dir;

  /**
   * Steady use is many small commits. With WRITE_DELAY=0 alone, H2 kept every superseded chunk for 45 s
   * and the file grew by about 20 KB per commit (a 100,000-review platform's file reached 34 GB).
   */
  @Test
  void theFileStaysSmallUnderManySmallCommits() throws Exception {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    String configured = yaml.getObject().getProperty("spring.datasource.url");
    assertThat(configured).startsWith("jdbc:h2:file:./data/plugin-review;");
    String url = configured.replace("./data/plugin-review", dir.resolve("db").toString());
    try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("create table churn (id int primary key, payload varchar(200))");
        ddl.execute("insert into churn select x, repeat('a', 150) from system_range(1, 2000)");
      }
      try (PreparedStatement update = connection.prepareStatement("update churn set payload = ? where id = ?")) {
        for (int i = 0; i < 10_000; i++) {
          update.setString(1, "b".repeat(100 + i % 50));
          update.setInt(2, 1 + (i * 7) % 2000);
          update.executeUpdate(); // autocommit: one commit each
        }
      }
      // 2,000 rows of 150 characters: well under a megabyte of live data
      assertThat(Files.size(dir.resolve("db.mv.db"))).isLessThan(20L * 1024 * 1024);
    }
  }
}
