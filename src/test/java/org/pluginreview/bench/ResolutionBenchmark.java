package org.pluginreview.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.pluginreview.support.ApiClient;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code -Dbench.resolution=true}: resolutions per second over HTTP, next to a plain read of the version
 * record, for one listed plugin with a live version, a version in grayscale, a trial version and trial
 * members. Four clients, each call authenticated as a merchant (or the owner, for the plain read).
 */
final class ResolutionBenchmark {

  private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);

  static void run() throws Exception {
    ConfigurableApplicationContext context = Benchmark.startService("jdbc:h2:mem:resolution;DB_CLOSE_DELAY=-1", "sa");
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    ApiClient api = new ApiClient(port);
    String p = "bench-resolution";
    api.listed("dev1", p);
    api.liveVersion("dev1", p, "1.1.0");
    api.upload("dev1", p, "1.2.0");
    api.post("dev1", "/api/plugins/" + p + "/versions/1.2.0/submit", null);
    api.post("dev1", "/api/plugins/" + p + "/versions/1.2.0/self-check", ApiClient.ALL_ITEMS);
    api.post("reviewer1", "/api/plugins/" + p + "/versions/1.2.0/review", "{\"decision\":\"APPROVE\"}");
    api.post("dev1", "/api/plugins/" + p + "/versions/1.2.0/gray", "{\"percentage\":30}");
    api.put("dev1", "/api/plugins/" + p + "/trial", "{\"version\":\"1.2.0\"}");
    api.put("dev1", "/api/plugins/" + p + "/trial-members", "{\"members\":[\"merchant2\",\"m-7\"]}");
    String resolution = "/api/market/plugins/" + p + "/resolution";
    check(api.get("merchant1", resolution));

    List<String[]> calls = List.of(new String[] {"resolution (merchant1)", "merchant1", resolution},
        new String[] {"resolution for any merchant (owner, ?merchant=m-42)", "dev1", resolution + "?merchant=m-42"},
        new String[] {"plain read of the version record", "dev1", "/api/plugins/" + p + "/versions/1.1.0"});
    for (String[] call : calls) {
      measure(api, call[1], call[2], 5); // every path compiled before any is measured
    }
    List<String> rows = new ArrayList<>();
    rows.add("| call | per second | median ms |");
    rows.add("|---|---|---|");
    for (String[] call : calls) {
      rows.add(row(call[0], api, call[1], call[2]));
    }
    System.out.println();
    rows.forEach(System.out::println);
    context.close();
  }

  private static void check(ApiClient.Response r) {
    if (r.status() != 200) {
      throw new IllegalStateException(r.raw());
    }
  }

  private static String row(String name, ApiClient api, String user, String path) throws Exception {
    long[] result = measure(api, user, path, SECONDS);
    return String.format("| %s | %d | %.1f |", name, result[0] / SECONDS, result[1] / 1000.0);
  }

  /** Calls done in that many seconds, and the median latency in microseconds. */
  private static long[] measure(ApiClient api, String user, String path, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong calls = new AtomicLong();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      running.add(pool.submit(() -> {
        while (!stop.get()) {
          long start = System.nanoTime();
          check(api.get(user, path));
          latencies.add((System.nanoTime() - start) / 1000);
          calls.incrementAndGet();
        }
      }));
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Future<?> f : running) {
      f.get();
    }
    pool.shutdown();
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    return new long[] {calls.get(), sorted.get(sorted.size() / 2)};
  }
}
