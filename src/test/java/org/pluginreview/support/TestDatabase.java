package org.pluginreview.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code -Dtest.database=postgres} (the surefire execution "postgres"), every test context gets a
 * fresh database on one real PostgreSQL server, started once per test JVM from Maven artifacts.
 */
public class TestDatabase implements EnvironmentPostProcessor {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  public static boolean postgres() {
    return "postgres".equals(System.getProperty("test.database"));
  }

  /** A new, empty database on the shared server; its JDBC URL. */
  public static synchronized String newPostgresDatabase() {
    try {
      if (server == null) {
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        // test contexts on it are closed after their class (CloseContextsOnPostgres), so it can stop at exit
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            server.close();
          } catch (IOException ignored) {
            // the JVM is going away
          }
        }));
      }
      String name = "plugin_review_" + DATABASES.incrementAndGet();
      try (Connection connection = server.getPostgresDatabase().getConnection();
           Statement statement = connection.createStatement()) {
        statement.execute("create database " + name);
      }
      return server.getJdbcUrl("postgres", name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (postgres() && Arrays.asList(environment.getActiveProfiles()).contains("test")) {
      environment.getPropertySources().addFirst(new MapPropertySource("test-postgres", Map.of(
          "spring.datasource.url", newPostgresDatabase(),
          "spring.datasource.username", "postgres",
          "spring.datasource.password", "")));
    }
  }
}
