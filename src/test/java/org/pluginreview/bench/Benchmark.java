package org.pluginreview.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.pluginreview.PluginReviewApplication;
import org.pluginreview.plugin.PluginRequests.BasicInfoInput;
import org.pluginreview.plugin.PluginRequests.CreatePlugin;
import org.pluginreview.plugin.PluginRequests.UploadVersion;
import org.pluginreview.plugin.PluginCatalog;
import org.pluginreview.review.ReviewCommands;
import org.pluginreview.review.ConsistencyCheck;
import org.pluginreview.support.TestDatabase;
import org.pluginreview.system.Actor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark (not a test): {@code mvn -Pbenchmark test-compile exec:java}. Prints, on H2 and on
 * PostgreSQL: lifecycle throughput through our service layer against the same model shape on the bare
 * engine; submit latency over REST against engine-rest's own start; the time per lifecycle with 1,000
 * and 100,000 versions already stored; and a soak of mixed traffic on PostgreSQL. Set
 * {@code -Dbench.seconds} (per measurement, default 8) and {@code -Dbench.soakMinutes} (default 5).
 */
public final class Benchmark {

  private static final Actor DEV = new Actor("dev1", java.util.Set.of(Actor.DEVELOPERS));
  private static final Actor REVIEWER = new Actor("reviewer1", java.util.Set.of(Actor.REVIEWERS));
  private static final List<String> ITEMS =
      List.of("FEATURE_PACKAGES", "VERSION_INFO", "BASIC_INFO", "REVIEW_STANDARD", "TESTED");
  private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
  private static final AtomicInteger PLUGINS = new AtomicInteger();

  private final ConfigurableApplicationContext context;
  private final PluginCatalog catalog;
  private final ReviewCommands commands;
  private final IdentityService identity;
  private final ProcessEngine engine;
  private final int port;

  private Benchmark(String jdbcUrl, String user) {
    context = startService(jdbcUrl, user);
    catalog = context.getBean(PluginCatalog.class);
    commands = context.getBean(ReviewCommands.class);
    identity = context.getBean(IdentityService.class);
    engine = context.getBean(ProcessEngine.class);
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    deployFloor();
  }

  /** The whole service in this JVM on a random port, demo users on, no job executor, quiet logs. */
  static ConfigurableApplicationContext startService(String jdbcUrl, String user) {
    return new SpringApplicationBuilder(PluginReviewApplication.class).run(
        "--spring.profiles.active=" + (jdbcUrl.startsWith("jdbc:postgresql:") ? "postgres" : "default"),
        "--server.port=0", "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
        "--spring.datasource.password=", "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false", "--plugin-review.demo-data=true",
        "--plugin-review.quotas.withdrawals-per-day=100000", "--plugin-review.quotas.expedites-per-month=100000",
        "--spring.datasource.hikari.maximum-pool-size=40", "--logging.level.root=WARN",
        "--logging.level.org.camunda.bpm.engine.context=OFF",
        "--plugin-review.consistency-check.first-after=P1D");
  }

  public static void main(String[] args) {
    try {
      measure();
    } catch (Throwable e) {
      // the drivers' pools would keep the JVM waiting silently
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void measure() throws Exception {
    if (Boolean.getBoolean("bench.sql")) {
      Benchmark bench = new Benchmark("jdbc:h2:mem:sql;DB_CLOSE_DELAY=-1", "sa");
      bench.sqlStats();
      System.exit(0);
    }
    if (Boolean.getBoolean("bench.breakdown")) {
      Benchmark bench = new Benchmark("jdbc:h2:mem:breakdown;DB_CLOSE_DELAY=-1", "sa");
      bench.breakdown();
      System.exit(0);
    }
    if (Boolean.getBoolean("bench.startup")) {
      StartupBenchmark.run();
      System.exit(0);
    }
    if (Boolean.getBoolean("bench.scale")) {
      ScaleBenchmark.run();
      System.exit(0);
    }
    if (Boolean.getBoolean("bench.resolution")) {
      ResolutionBenchmark.run();
      System.exit(0);
    }
    if (Boolean.getBoolean("bench.durability")) {
      durability();
      System.exit(0);
    }
    List<String> table = new ArrayList<>();
    table.add("| database | measure | N=1 | N=2 | N=4 |");
    table.add("|---|---|---|---|---|");
    List<String> extra = new ArrayList<>();
    run("H2", "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", table, extra, false);
    System.setProperty("test.database", "postgres");
    run("PostgreSQL 17", TestDatabase.newPostgresDatabase(), "postgres", table, extra, true);
    System.out.println();
    table.forEach(System.out::println);
    System.out.println();
    extra.forEach(System.out::println);
    System.exit(0);
  }

  /**
   * The embedded default's file database, with H2's default write delay (a commit reaches the file up to
   * 0.5 s later) and with WRITE_DELAY=0 (before the answer), each on a fresh database.
   */
  private static void durability() throws Exception {
    List<String> table = new ArrayList<>();
    table.add("| H2 file database | measure | N=1 | N=2 | N=4 |");
    table.add("|---|---|---|---|---|");
    List<String> extra = new ArrayList<>();
    String[][] settings = {{"write delay 500 ms (before)", "500"}, {"WRITE_DELAY=0 (now)", "0"}};
    for (String[] setting : settings) {
      java.nio.file.Path dir = java.nio.file.Path.of("target", "bench-durability-" + setting[1]);
      org.springframework.util.FileSystemUtils.deleteRecursively(dir);
      Benchmark bench = new Benchmark("jdbc:h2:file:./" + dir + "/db;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;"
          + "WRITE_DELAY=" + setting[1] + ("0".equals(setting[1]) ? ";RETENTION_TIME=0" : ""), "sa");
      try {
        double[] ours = new double[3];
        double[] floor = new double[3];
        int[] drivers = {1, 2, 4};
        bench.throughput(2, bench::lifecycle);
        bench.throughput(2, bench::floorLifecycle);
        for (int i = 0; i < 3; i++) {
          ours[i] = bench.throughput(drivers[i], bench::lifecycle);
          floor[i] = bench.throughput(drivers[i], bench::floorLifecycle);
        }
        table.add(row(setting[0], "lifecycles/s, ours", ours, "%.1f"));
        table.add(row(setting[0], "lifecycles/s, bare engine", floor, "%.1f"));
        long[] submit = bench.restLatency(16, true);
        extra.add(String.format(Locale.ROOT, "%s, 16 clients: POST .../submit p50 %.1f ms, p99 %.1f ms",
            setting[0], submit[0] / 1e6, submit[1] / 1e6));
      } finally {
        bench.context.close();
      }
    }
    System.out.println();
    table.forEach(System.out::println);
    System.out.println();
    extra.forEach(System.out::println);
  }

  private static void run(String name, String url, String user, List<String> table, List<String> extra,
                          boolean soak) throws Exception {
    Benchmark bench = new Benchmark(url, user);
    try {
      double[] ours = new double[3];
      double[] floor = new double[3];
      int[] drivers = {1, 2, 4};
      bench.throughput(2, bench::lifecycle); // warm-up
      bench.throughput(2, bench::floorLifecycle);
      for (int i = 0; i < 3; i++) {
        ours[i] = bench.throughput(drivers[i], bench::lifecycle);
        floor[i] = bench.throughput(drivers[i], bench::floorLifecycle);
      }
      table.add(row(name, "lifecycles/s, ours", ours, "%.1f"));
      table.add(row(name, "lifecycles/s, bare engine", floor, "%.1f"));
      table.add(row(name, "ratio ours / engine", new double[] {ours[0] / floor[0], ours[1] / floor[1],
          ours[2] / floor[2]}, "%.2f"));
      long[] submit = bench.restLatency(16, true);
      long[] start = bench.restLatency(16, false);
      extra.add(String.format(Locale.ROOT, "%s, 16 clients: POST .../submit p50 %.1f ms, p99 %.1f ms; "
              + "engine-rest start p50 %.1f ms, p99 %.1f ms; submit p50 / start p50 = %.2f", name,
          submit[0] / 1e6, submit[1] / 1e6, start[0] / 1e6, start[1] / 1e6, (double) submit[0] / start[0]));
      double at1k = bench.timePerLifecycle(1_000);
      double at100k = bench.timePerLifecycle(100_000);
      extra.add(String.format(Locale.ROOT, "%s, growth: %.1f ms per lifecycle with 1,000 versions stored, "
          + "%.1f ms with 100,000: %.2f", name, at1k, at100k, at100k / at1k));
      if (soak) {
        extra.add(bench.soak(Duration.ofMinutes(Integer.getInteger("bench.soakMinutes", 5))));
      }
    } finally {
      bench.context.close();
    }
  }

  // ------------------------------------------------------------------ lifecycles

  /** Upload, submit, self-check, approve, go live: through the same service the REST API uses. */
  private void lifecycle(String pluginId, int n) {
    String version = "1." + n + ".0";
    as(DEV, () -> catalog.upload(DEV, pluginId, new UploadVersion(version, null, List.of("core"),
        new BasicInfoInput("n", "s", "d", "c", "a@b.example", false, null))));
    as(DEV, () -> commands.submit(DEV, pluginId, version, null));
    as(DEV, () -> commands.selfCheck(DEV, pluginId, version, ITEMS, null));
    as(REVIEWER, () -> commands.review(REVIEWER, pluginId, version, "APPROVE", null, null, null));
    as(DEV, () -> commands.release(DEV, pluginId, version, null));
  }

  /** The same user tasks and service steps on the bare engine, with steps that do nothing. */
  private void floorLifecycle(String pluginId, int n) {
    String pid = engine.getRuntimeService().startProcessInstanceByKey("benchFloor", pluginId + ":1." + n + ".0",
        java.util.Map.of("pluginId", pluginId, "version", "1." + n + ".0")).getId();
    for (int task = 0; task < 3; task++) {
      completeFloorTask(pid);
    }
  }

  private void deployFloor() {
    BpmnModelInstance floor = Bpmn.createExecutableProcess("benchFloor").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("markSubmitted").camundaExpression("${true}")
        .userTask("selfCheck").camundaAssignee("dev1")
        .serviceTask("preReview").camundaExpression("${true}")
        .exclusiveGateway("passed").condition("yes", "${true}")
        .serviceTask("sendToReview").camundaExpression("${true}")
        .userTask("review").camundaCandidateGroups("reviewers")
        .boundaryEvent("overdue").cancelActivity(false).timerWithDuration("P2D").endEvent("escalated")
        .moveToActivity("review")
        .exclusiveGateway("decision").condition("approve", "${decision == 'APPROVE'}")
        .serviceTask("approve").camundaExpression("${true}")
        .userTask("release").camundaAssignee("dev1")
        .serviceTask("goLive").camundaExpression("${true}")
        .endEvent("live")
        .moveToNode("passed").condition("no", "${false}").endEvent("failed")
        .moveToNode("decision").condition("reject", "${decision == 'REJECT'}").endEvent("rejected")
        .done();
    engine.getRepositoryService().createDeployment().name("benchmark floor").enableDuplicateFiltering(true)
        .addModelInstance("bench-floor.bpmn", floor).deploy();
    AuthorizationService authorizations = engine.getAuthorizationService();
    if (authorizations.createAuthorizationQuery().groupIdIn(Actor.DEVELOPERS).resourceType(Resources.PROCESS_DEFINITION)
        .resourceId("benchFloor").count() == 0) {
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(Actor.DEVELOPERS);
      grant.setResource(Resources.PROCESS_DEFINITION);
      grant.setResourceId("benchFloor");
      grant.addPermission(Permissions.CREATE_INSTANCE);
      grant.addPermission(Permissions.READ);
      authorizations.saveAuthorization(grant);
    }
  }

  interface Lifecycle {
    void run(String pluginId, int n);
  }

  /** Whole lifecycles per second with {@code drivers} threads, each on a plugin of its own. */
  private double throughput(int drivers, Lifecycle lifecycle) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(drivers);
    List<Future<?>> work = new ArrayList<>();
    for (int d = 0; d < drivers; d++) {
      String pluginId = newPlugin();
      work.add(pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          lifecycle.run(pluginId, n);
          done.incrementAndGet();
        }
        return null;
      }));
    }
    Thread.sleep(1000);
    int before = done.get();
    long start = System.nanoTime();
    Thread.sleep(SECONDS * 1000L);
    int after = done.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    return (after - before) / seconds;
  }

  // ------------------------------------------------------------------ REST latency

  /** p50 and p99 (ns) of submit over our REST API, or of engine-rest's start of the floor model. */
  private long[] restLatency(int clients, boolean ours) throws Exception {
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(clients)).build();
    List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean measuring = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> work = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      String pluginId = newPlugin();
      work.add(pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          String version = "2." + n + ".0";
          HttpRequest request;
          if (ours) {
            as(DEV, () -> catalog.upload(DEV, pluginId, new UploadVersion(version, null, List.of("core"), null)));
            request = post("/api/plugins/" + pluginId + "/versions/" + version + "/submit", null);
          } else {
            request = post("/engine-rest/process-definition/key/benchFloor/start",
                "{\"businessKey\":\"" + pluginId + ":" + version + "\"}");
          }
          long t0 = System.nanoTime();
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          long elapsed = System.nanoTime() - t0;
          if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
          }
          if (measuring.get()) {
            samples.add(elapsed);
          }
          if (ours) {
            as(DEV, () -> commands.withdraw(DEV, pluginId, version, null)); // makes room for the next submit
          }
        }
        return null;
      }));
    }
    Thread.sleep(1000);
    measuring.set(true);
    Thread.sleep(SECONDS * 1000L);
    measuring.set(false);
    stop.set(true);
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new long[] {sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99))};
  }

  private HttpRequest post(String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dev1:dev1".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  // ------------------------------------------------------------------ growth

  /** Average ms per lifecycle (one driver) once the database holds {@code stored} versions. */
  private double timePerLifecycle(int stored) throws Exception {
    seed(stored);
    String pluginId = newPlugin();
    for (int n = 0; n < 20; n++) {
      lifecycle(pluginId, n); // warm-up
    }
    int count = 100;
    long start = System.nanoTime();
    for (int n = 20; n < 20 + count; n++) {
      lifecycle(pluginId, n);
    }
    return (System.nanoTime() - start) / 1e6 / count;
  }

  private static final String SEEDED = "seed-";

  /** Tops the version table up to {@code total} rows, spread over plugins of 100 versions, with history. */
  private void seed(int total) {
    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    Integer existing = jdbc.queryForObject("select count(*) from plugin_version", Integer.class);
    java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
    for (int i = existing; i < total; ) {
      String pluginId = SEEDED + i;
      jdbc.update("insert into plugin (plugin_id, plugin_key, name, owner, created_at) values (?, ?, ?, ?, ?)",
          pluginId, pluginId.toLowerCase(Locale.ROOT), pluginId, "dev2", now);
      List<Object[]> versions = new ArrayList<>();
      List<Object[]> events = new ArrayList<>();
      String highestLive = null;
      for (int n = 0; n < 100 && i < total; n++, i++) {
        String status = n == 99 ? "RELEASED" : n % 3 == 0 ? "AUDIT_REJECTED" : "OFFLINE";
        highestLive = status.equals("AUDIT_REJECTED") ? highestLive : "1." + n + ".0";
        versions.add(new Object[] {pluginId, "1." + n + ".0", 1, n, 0, status, now, now});
        events.add(new Object[] {pluginId, "1." + n + ".0", "UPLOADED", null, "DEVELOPMENT", "dev2", now});
        events.add(new Object[] {pluginId, "1." + n + ".0", "RELEASED", "APPROVED", status, "dev2", now});
      }
      jdbc.batchUpdate("insert into plugin_version (plugin_id, version, major, minor, patch, status, created_at, "
          + "updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)", versions);
      jdbc.batchUpdate("insert into version_event (plugin_id, version, action, from_status, to_status, actor, "
          + "occurred_at) values (?, ?, ?, ?, ?, ?, ?)", events);
      jdbc.update("update plugin set highest_live_version = ? where plugin_id = ?", highestLive, pluginId);
    }
  }

  // ------------------------------------------------------------------ soak

  /** Mixed traffic from several users for a while; then the consistency check and the heap. */
  private String soak(Duration length) throws Exception {
    long heapBefore = usedHeapAfterGc();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong lifecycles = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<?>> work = new ArrayList<>();
    for (int d = 0; d < 6; d++) {
      String pluginId = newPlugin();
      work.add(pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          try {
            mixedLifecycle(pluginId, n);
            lifecycles.incrementAndGet();
          } catch (RuntimeException e) {
            failures.incrementAndGet();
          }
        }
        return null;
      }));
    }
    List<Long> heap = new ArrayList<>();
    long end = System.nanoTime() + length.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(60_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      heap.add(usedHeapAfterGc());
    }
    stop.set(true);
    for (Future<?> f : work) {
      f.get();
    }
    pool.shutdown();
    long heapAfter = usedHeapAfterGc();
    // the growth measure's seeded rows imitate a past no process ever ran, so the check rightly names them
    long mismatches = context.getBean(ConsistencyCheck.class).run().mismatches().stream()
        .filter(m -> m.pluginId() == null || !m.pluginId().startsWith(SEEDED)).count();
    return String.format(Locale.ROOT, "PostgreSQL soak, %d min, 6 drivers of mixed actions: %d lifecycles, "
            + "%d refused or failed steps, consistency mismatches %d; heap after GC %d MiB at start, %s MiB "
            + "per minute, %d MiB at the end", length.toMinutes(), lifecycles.get(), failures.get(), mismatches,
        heapBefore >> 20, heap.stream().map(h -> String.valueOf(h >> 20)).toList(), heapAfter >> 20);
  }

  /** Every action at least now and then: trial, reject and resubmit, withdraw, grayscale, return, go live. */
  private void mixedLifecycle(String pluginId, int n) {
    String version = "3." + n + ".0";
    as(DEV, () -> catalog.upload(DEV, pluginId, new UploadVersion(version, "soak", List.of("core"),
        new BasicInfoInput("n", "s", "d", "c", "a@b.example", false, null))));
    as(DEV, () -> catalog.setTrial(DEV, pluginId, version, null));
    as(DEV, () -> commands.submit(DEV, pluginId, version, null));
    if (n % 7 == 0) {
      as(DEV, () -> commands.withdraw(DEV, pluginId, version, null));
      as(DEV, () -> commands.submit(DEV, pluginId, version, null));
    }
    as(DEV, () -> commands.selfCheck(DEV, pluginId, version, ITEMS, null));
    if (n % 3 == 0) {
      as(REVIEWER, () -> commands.review(REVIEWER, pluginId, version, "REJECT", "CONTENT", "fix it", null));
      as(DEV, () -> commands.submit(DEV, pluginId, version, null));
      as(DEV, () -> commands.selfCheck(DEV, pluginId, version, ITEMS, null));
    }
    as(REVIEWER, () -> commands.review(REVIEWER, pluginId, version, "APPROVE", null, null, null));
    if (n % 5 == 1) {
      as(DEV, () -> commands.returnToDevelopment(DEV, pluginId, version, null));
      return;
    }
    if (n > 0 && ThreadLocalRandom.current().nextBoolean()) {
      as(DEV, () -> commands.gray(DEV, pluginId, version, com.fasterxml.jackson.databind.node.IntNode.valueOf(10), null));
      as(DEV, () -> commands.gray(DEV, pluginId, version, com.fasterxml.jackson.databind.node.IntNode.valueOf(50), null));
    }
    as(DEV, () -> commands.release(DEV, pluginId, version, null));
    as(DEV, () -> catalog.history(DEV, pluginId, version));
  }

  /**
   * Where one driver's lifecycle spends its time, step by step, in wall-clock and in this thread's CPU
   * time (steadier on a busy machine), with a bare-engine lifecycle after each of ours
   * ({@code -Dbench.breakdown=true}).
   */
  private void breakdown() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    String pluginId = newPlugin();
    String floorPlugin = newPlugin();
    // each of our steps beside the bare engine's counterpart: the start, then the three task completions
    String[] names = {"upload", "submit", "self-check", "review", "release"};
    String[] floorNames = {"", "start", "complete task 1", "complete task 2", "complete task 3"};
    long[][] wall = new long[2][names.length];
    long[][] cpu = new long[2][names.length];
    int rounds = Integer.getInteger("bench.breakdownRounds", 900);
    int warmUp = rounds / 3;
    for (int n = 0; n < rounds; n++) {
      String version = "1." + n + ".0";
      String floorVersion = floorPlugin + ":" + version;
      String[] floorPid = new String[1];
      List<Runnable> steps = List.of(
          () -> as(DEV, () -> catalog.upload(DEV, pluginId, new UploadVersion(version, null, List.of("core"),
              new BasicInfoInput("n", "s", "d", "c", "a@b.example", false, null)))),
          () -> as(DEV, () -> commands.submit(DEV, pluginId, version, null)),
          () -> as(DEV, () -> commands.selfCheck(DEV, pluginId, version, ITEMS, null)),
          () -> as(REVIEWER, () -> commands.review(REVIEWER, pluginId, version, "APPROVE", null, null, null)),
          () -> as(DEV, () -> commands.release(DEV, pluginId, version, null)));
      List<Runnable> floor = List.of(
          () -> { },
          () -> floorPid[0] = engine.getRuntimeService().startProcessInstanceByKey("benchFloor", floorVersion,
              java.util.Map.of("pluginId", floorPlugin, "version", version)).getId(),
          () -> completeFloorTask(floorPid[0]),
          () -> completeFloorTask(floorPid[0]),
          () -> completeFloorTask(floorPid[0]));
      for (int side = 0; side < 2; side++) {
        List<Runnable> run = side == 0 ? steps : floor;
        for (int i = 0; i < run.size(); i++) {
          long w = System.nanoTime();
          long c = threads.getCurrentThreadCpuTime();
          run.get(i).run();
          if (n >= warmUp) {
            cpu[side][i] += threads.getCurrentThreadCpuTime() - c;
            wall[side][i] += System.nanoTime() - w;
          }
        }
      }
    }
    int measured = rounds - warmUp;
    double[] totalWall = new double[2];
    double[] totalCpu = new double[2];
    System.out.println("| our step | cpu ms | wall ms | bare engine's counterpart | cpu ms | wall ms |");
    System.out.println("|---|---|---|---|---|---|");
    for (int i = 0; i < names.length; i++) {
      double[] w = {wall[0][i] / 1e6 / measured, wall[1][i] / 1e6 / measured};
      double[] c = {cpu[0][i] / 1e6 / measured, cpu[1][i] / 1e6 / measured};
      System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %s | %s | %s |%n", names[i], c[0], w[0],
          floorNames[i].isEmpty() ? "(none)" : floorNames[i], i == 0 ? "" : String.format(Locale.ROOT, "%.2f", c[1]),
          i == 0 ? "" : String.format(Locale.ROOT, "%.2f", w[1]));
      for (int side = 0; side < 2; side++) {
        totalWall[side] += w[side];
        totalCpu[side] += c[side];
      }
    }
    System.out.printf(Locale.ROOT, "lifecycle: ours %.2f ms wall, %.2f ms cpu; bare engine %.2f ms wall, %.2f ms cpu;"
        + " bare engine / ours: %.2f wall, %.2f cpu%n", totalWall[0], totalCpu[0], totalWall[1], totalCpu[1],
        totalWall[1] / totalWall[0], totalCpu[1] / totalCpu[0]);
  }

  private void completeFloorTask(String pid) {
    Task open = engine.getTaskService().createTaskQuery().processInstanceId(pid).singleResult();
    engine.getTaskService().complete(open.getId(), java.util.Map.of("decision", "APPROVE"));
  }

  /**
   * The SQL statements one lifecycle runs, ours against the bare engine's, counted by H2
   * ({@code -Dbench.sql=true}): where our extra database work comes from.
   */
  private void sqlStats() {
    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
    String oursPlugin = newPlugin();
    String floorPlugin = newPlugin();
    for (int n = 0; n < 200; n++) { // warm-up, and a database that is not empty
      lifecycle(oursPlugin, n);
      floorLifecycle(floorPlugin, n);
    }
    int rounds = 100;
    for (boolean ours : new boolean[] {true, false}) {
      jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
      jdbc.execute("SET QUERY_STATISTICS FALSE"); // clears the counts
      jdbc.execute("SET QUERY_STATISTICS TRUE");
      String pluginId = newPlugin();
      for (int n = 0; n < rounds; n++) {
        if (ours) {
          lifecycle(pluginId, n);
        } else {
          floorLifecycle(pluginId, n);
        }
      }
      java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
      long total = 0;
      for (var row : jdbc.queryForList("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
        String sql = String.valueOf(row.get("SQL_STATEMENT")).trim();
        long count = ((Number) row.get("EXECUTION_COUNT")).longValue();
        if (sql.contains("QUERY_STATISTICS") || sql.startsWith("select p1_0.id from plugin")
            || sql.startsWith("insert into plugin (")) {
          continue; // this measurement, and creating the plugin
        }
        String verb = sql.split("\\s+")[0].toLowerCase(Locale.ROOT);
        String table = sql.contains("ACT_RU_VARIABLE") ? "engine variables" : sql.contains("ACT_HI_") ? "engine history"
            : sql.contains("ACT_") ? "engine runtime" : verb.equals("commit") ? "" : "our tables";
        byKind.merge((table + " " + verb).trim(), count, Long::sum);
        if (Boolean.getBoolean("bench.sqlDetail") && ours) {
          System.out.printf(Locale.ROOT, "SQLD %6.2f %s%n", (double) count / rounds,
              sql.replaceAll("\\s+", " ").substring(0, Math.min(140, sql.replaceAll("\\s+", " ").length())));
        }
        total += count;
      }
      System.out.printf(Locale.ROOT, "%s: %.0f statements per lifecycle%n", ours ? "ours" : "bare engine",
          (double) total / rounds);
      byKind.forEach((kind, count) -> System.out.printf(Locale.ROOT, "  %-24s %6.1f%n", kind, (double) count / rounds));
    }
  }

  // ------------------------------------------------------------------ helpers

  private String newPlugin() {
    String pluginId = "bench-" + PLUGINS.incrementAndGet();
    as(DEV, () -> catalog.createPlugin(DEV, new CreatePlugin(pluginId, pluginId, null)));
    return pluginId;
  }

  private <T> T as(Actor actor, java.util.function.Supplier<T> work) {
    identity.setAuthentication(actor.userId(), List.copyOf(actor.groups()));
    try {
      return work.get();
    } finally {
      identity.clearAuthentication();
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String row(String db, String measure, double[] values, String format) {
    return "| " + db + " | " + measure + " | " + String.format(Locale.ROOT, format, values[0]) + " | "
        + String.format(Locale.ROOT, format, values[1]) + " | " + String.format(Locale.ROOT, format, values[2]) + " |";
  }
}
