package org.pluginreview.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.util.FileSystemUtils;

/**
 * {@code -Dbench.startup=true} after {@code mvn package}: the time from {@code java -jar} to the first
 * answer of {@code GET /api/plugins}, on the embedded default, with a fresh {@code ./data} (schemas are
 * created) and with an existing one; plain, and with Spring Boot's class-data-sharing archive. The median
 * of five starts each.
 */
final class StartupBenchmark {

  private static final int PORT = 18_080;
  private static final int STARTS = Integer.getInteger("bench.starts", 5);

  static void run() throws Exception {
    Path jar = Files.list(Path.of("target"))
        .filter(p -> p.getFileName().toString().matches("plugin-review-.*\\.jar")).findFirst()
        .orElseThrow(() -> new IllegalStateException("run mvn package -DskipTests first"));
    Path work = Path.of("target", "bench-startup").toAbsolutePath();
    FileSystemUtils.deleteRecursively(work);
    Files.createDirectories(work);
    // Spring Boot's own way to class-data sharing: extract the jar, record a training run, start with it
    Path extracted = work.resolve("app");
    exec(work, List.of(java(), "-Djarmode=tools", "-jar", jar.toAbsolutePath().toString(), "extract",
        "--destination", extracted.toString()));
    Path appJar = extracted.resolve(jar.getFileName());
    Path archive = work.resolve("app.jsa");
    exec(work, List.of(java(), "-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh",
        "-jar", appJar.toString(), "--server.port=" + PORT));

    List<String> rows = new ArrayList<>();
    rows.add("| start | fresh ./data | existing ./data |");
    rows.add("|---|---|---|");
    rows.add(row("java -jar", work, List.of(java(), "-jar", jar.toAbsolutePath().toString())));
    rows.add(row("java -jar, extracted, with the CDS archive", work,
        List.of(java(), "-XX:SharedArchiveFile=" + archive, "-jar", appJar.toString())));
    System.out.println();
    rows.forEach(System.out::println);
  }

  private static String row(String name, Path work, List<String> command) throws Exception {
    Path data = work.resolve("data-" + Math.abs(name.hashCode()));
    List<Double> fresh = new ArrayList<>();
    List<Double> existing = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      FileSystemUtils.deleteRecursively(data);
      Files.createDirectories(data);
      fresh.add(timeToFirstAnswer(data, command));
      existing.add(timeToFirstAnswer(data, command));
    }
    return String.format(Locale.ROOT, "| %s | %.1f s | %.1f s |", name, median(fresh), median(existing));
  }

  /** Seconds from launching the process to the first 200 of GET /api/plugins. */
  private static double timeToFirstAnswer(Path dir, List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    full.add("--server.port=" + PORT);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest first = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/api/plugins"))
        .header("Authorization", "Basic ZGV2MTpkZXYx").build(); // dev1:dev1
    long t0 = System.nanoTime();
    Process process = new ProcessBuilder(full).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile()).start();
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the service exited; see " + dir.resolve("start.log"));
        }
        try {
          if (http.send(first, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return (System.nanoTime() - t0) / 1e9;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(20);
      }
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static void exec(Path dir, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("prepare.log").toFile()).start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed; see " + dir.resolve("prepare.log"));
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private StartupBenchmark() {}
}
