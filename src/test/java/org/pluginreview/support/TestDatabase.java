package org.pluginreview.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code -Dtest.database=postgres} (the surefire execution "postgres"), every test context gets a
 * fresh database on one real PostgreSQL server, started once per test JVM from Maven artifacts.
 */
public class TestDatabase implements EnvironmentPostProcessor, Ordered {

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

  /** Before the config files are read, so that the postgres profile's file is read too. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    // read as the config files' processing will: the test profile is not yet among the active ones
    List<String> profiles = Binder.get(environment).bind("spring.profiles.active", Bindable.listOf(String.class))
        .orElse(List.of());
    if (postgres() && profiles.contains("test")) {
      // the tests run on PostgreSQL as production does, with its profile, on their own database and people
      environment.addActiveProfile("postgres");
      environment.getPropertySources().addFirst(new MapPropertySource("test-postgres", Map.of(
          "spring.datasource.url", newPostgresDatabase(),
          "spring.datasource.username", "postgres",
          "spring.datasource.password", "",
          "plugin-review.demo-data", "true")));
    }
  }
}
