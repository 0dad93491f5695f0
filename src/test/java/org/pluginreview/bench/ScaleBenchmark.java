package org.pluginreview.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.support.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code -Dbench.scale=true}: a platform at full size, 100,000 plugins with 1,000,000 versions and
 * 100,000 open reviews, seeded in bulk (records by JDBC batches, each review a real process instance
 * started at its review task, so the engine writes its tasks and authorizations as it would). Then each
 * figure is measured over HTTP as people meet it, the median of 21 calls after 5 warm-ups.
 */
final class ScaleBenchmark {

  private static final int PLUGINS = Integer.getInteger("bench.plugins", 100_000);
  private static final int VERSIONS_PER_PLUGIN = Integer.getInteger("bench.versionsPerPlugin", 10);
  private static final int OPEN_REVIEWS = Integer.getInteger("bench.openReviews", 100_000);
  private static final int BATCH = 5_000;
  /** A first call slower than this is reported as it is, not repeated. */
  private static final long SLOW = 5_000_000_000L;

  private final ConfigurableApplicationContext context;
  private final JdbcTemplate jdbc;
  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;

  private ScaleBenchmark(ConfigurableApplicationContext context) {
    this.context = context;
    this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  static void run() throws Exception {
    Map<String, Map<String, Double>> figures = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    org.springframework.util.FileSystemUtils.deleteRecursively(java.nio.file.Path.of("target", "bench-scale"));
    figures.put("H2", measure("H2", "jdbc:h2:file:./target/bench-scale/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "sa", notes));
    print(figures.get("H2"), "H2");
    System.setProperty("test.database", "postgres");
    figures.put("PostgreSQL 17", measure("PostgreSQL 17", TestDatabase.newPostgresDatabase(), "postgres", notes));
    System.out.println();
    System.out.printf(Locale.ROOT, "%,d plugins, %,d versions, %,d open reviews; median ms of 21 calls over HTTP%n%n",
        PLUGINS, PLUGINS * VERSIONS_PER_PLUGIN, OPEN_REVIEWS);
    List<String> databases = new ArrayList<>(figures.keySet());
    System.out.println("| measure | " + String.join(" | ", databases) + " |");
    System.out.println("|---|" + "---|".repeat(databases.size()));
    for (String measure : figures.get(databases.get(0)).keySet()) {
      StringBuilder row = new StringBuilder("| " + measure + " |");
      for (String db : databases) {
        row.append(String.format(Locale.ROOT, " %.1f |", figures.get(db).get(measure)));
      }
      System.out.println(row);
    }
    System.out.println();
    notes.forEach(System.out::println);
  }

  private static void print(Map<String, Double> figures, String db) {
    figures.forEach((measure, ms) -> System.out.printf(Locale.ROOT, "%s: %s %.1f ms%n", db, measure, ms));
  }

  private static Map<String, Double> measure(String name, String url, String user, List<String> notes) throws Exception {
    try (ConfigurableApplicationContext context = Benchmark.startService(url, user)) {
      ScaleBenchmark bench = new ScaleBenchmark(context);
      long t0 = System.nanoTime();
      bench.seedRecords();
      long t1 = System.nanoTime();
      bench.startReviews();
      long t2 = System.nanoTime();
      notes.add(String.format(Locale.ROOT, "%s: records seeded in %.0f s, open reviews started in %.0f s", name,
          (t1 - t0) / 1e9, (t2 - t1) / 1e9));
      return bench.figures();
    }
  }

  // ------------------------------------------------------------------ seeding

  private static String pluginId(int i) {
    return String.format(Locale.ROOT, "scale-%06d", i);
  }

  /** Plugin i belongs to dev1 or dev2 alternately; its last version is in review for the first OPEN_REVIEWS. */
  private static String owner(int i) {
    return i % 2 == 0 ? "dev1" : "dev2";
  }

  private void seedRecords() {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    List<Object[]> plugins = new ArrayList<>();
    List<Object[]> versions = new ArrayList<>();
    for (int i = 0; i < PLUGINS; i++) {
      String p = pluginId(i);
      int last = VERSIONS_PER_PLUGIN - 1;
      plugins.add(new Object[] {p, p, p, owner(i), now, last > 0 ? "1." + (last - 1) + ".0" : null});
      for (int n = 0; n < VERSIONS_PER_PLUGIN; n++) {
        String status = n < last ? (n == last - 1 ? "RELEASED" : "OFFLINE") : i < OPEN_REVIEWS ? "AUDITING" : "DEVELOPMENT";
        versions.add(new Object[] {p, "1." + n + ".0", 1, n, 0, status, "info " + p, owner(i), now, now});
      }
      if (plugins.size() >= BATCH / VERSIONS_PER_PLUGIN || i == PLUGINS - 1) {
        jdbc.batchUpdate("insert into plugin (plugin_id, plugin_key, name, owner, created_at, highest_live_version)"
            + " values (?, ?, ?, ?, ?, ?)", plugins);
        jdbc.batchUpdate("insert into plugin_version (plugin_id, version, major, minor, patch, status, info_name,"
            + " submitter, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", versions);
        plugins.clear();
        versions.clear();
      }
    }
  }

  /** Each open review a real instance, started at the review task by four threads, as the engine would have it. */
  private void startReviews() throws Exception {
    RuntimeService runtime = context.getBean(ProcessEngine.class).getRuntimeService();
    String version = "1." + (VERSIONS_PER_PLUGIN - 1) + ".0";
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t;
      work.add(pool.submit(() -> {
        List<Object[]> links = new ArrayList<>();
        for (int i = first; i < OPEN_REVIEWS; i += threads) {
          String p = pluginId(i);
          String pid = runtime.createProcessInstanceByKey(ReviewProcess.KEY)
              .businessKey(ReviewProcess.businessKey(p, version))
              .setVariable(ReviewProcess.Var.PLUGIN_ID.name(), p)
              .setVariable(ReviewProcess.Var.VERSION.name(), version)
              .setVariable(ReviewProcess.Var.SUBMITTER.name(), owner(i))
              .startBeforeActivity(ReviewProcess.USER_TASK_REVIEW)
              .execute().getId();
          links.add(new Object[] {pid, p, version});
          if (links.size() == 500) {
            jdbc.batchUpdate("update plugin_version set process_instance_id = ? where plugin_id = ? and version = ?", links);
            links.clear();
          }
        }
        jdbc.batchUpdate("update plugin_version set process_instance_id = ? where plugin_id = ? and version = ?", links);
        return null;
      }));
    }
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
  }

  // ------------------------------------------------------------------ measuring

  private Map<String, Double> figures() throws Exception {
    FilterService filters = context.getBean(ProcessEngine.class).getFilterService();
    String reviews = filters.createFilterQuery().filterName(ReviewProcess.FILTER_REVIEWS).singleResult().getId();
    String mine = filters.createFilterQuery().filterName(ReviewProcess.FILTER_MY_TASKS).singleResult().getId();
    // a few reviews claimed, so that "My tasks" has something to find
    for (int i = 0; i < 10; i++) {
      String task = context.getBean(ProcessEngine.class).getTaskService().createTaskQuery()
          .processInstanceBusinessKey(ReviewProcess.businessKey(pluginId(i * 2 + 1), "1." + (VERSIONS_PER_PLUGIN - 1) + ".0"))
          .singleResult().getId();
      context.getBean(ProcessEngine.class).getTaskService().claim(task, "reviewer1");
    }
    String tasklistPage = "?firstResult=0&maxResults=15";
    String tasklistBody = "{\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},"
        + "{\"sortBy\":\"created\",\"sortOrder\":\"asc\"}]}";
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("shared queue \"Plugin reviews\", first page (reviewer)",
        median("reviewer1", "POST", "/engine-rest/filter/" + reviews + "/list" + tasklistPage, tasklistBody));
    figures.put("shared queue, its count (reviewer)",
        median("reviewer1", "GET", "/engine-rest/filter/" + reviews + "/count", null));
    figures.put("\"My tasks\", first page (reviewer)",
        median("reviewer1", "POST", "/engine-rest/filter/" + mine + "/list" + tasklistPage, tasklistBody));
    figures.put("\"My tasks\", its count (reviewer)", median("reviewer1", "GET", "/engine-rest/filter/" + mine + "/count", null));
    figures.put("\"My tasks\", first page (developer)",
        median("dev1", "POST", "/engine-rest/filter/" + mine + "/list" + tasklistPage, tasklistBody));
    figures.put("GET /api/plugins (developer)", median("dev1", "GET", "/api/plugins", null));
    figures.put("GET /api/plugins (reviewer)", median("reviewer1", "GET", "/api/plugins", null));
    String versions = "/api/plugins/" + pluginId(OPEN_REVIEWS / 2) + "/versions";
    figures.put("GET .../versions (developer)", median(OPEN_REVIEWS / 2 % 2 == 0 ? "dev1" : "dev2", "GET", versions, null));
    figures.put("GET .../versions (reviewer)", median("reviewer1", "GET", versions, null));
    figures.put("GET /actuator/health with the consistency summary (admin)", median("demo", "GET", "/actuator/health", null));
    return figures;
  }

  private double median(String user, String method, String path, String body) throws Exception {
    List<Long> samples = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      if (i == 1 && !samples.isEmpty() && samples.get(0) > SLOW) {
        break; // a call this slow is the finding; repeating it would only take hours
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(java.time.Duration.ofMinutes(30))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user)
              .getBytes(StandardCharsets.UTF_8)))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      long t0 = System.nanoTime();
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long elapsed = System.nanoTime() - t0;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
      }
      if (i >= 5 || elapsed > SLOW) {
        samples.add(elapsed);
      }
    }
    Collections.sort(samples);
    return samples.get(samples.size() / 2) / 1e6;
  }
}
