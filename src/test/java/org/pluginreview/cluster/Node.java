package org.pluginreview.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pluginreview.PluginReviewApplication;

/** One engine node: the whole service in a JVM process of its own, so it can be killed for real. */
final class Node implements AutoCloseable {

  final String name;
  final int port;
  private final String jdbcUrl;
  private final Path workDir;
  private Process process;

  /** A node of the cluster on the given PostgreSQL database. */
  Node(String name, String jdbcUrl) throws IOException {
    this(name, jdbcUrl, null);
  }

  /** A node on the embedded default database, as {@code mvn spring-boot:run} has it, under workDir/data. */
  static Node embedded(String name, Path workDir) throws IOException {
    return new Node(name, null, workDir);
  }

  private Node(String name, String jdbcUrl, Path workDir) throws IOException {
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.workDir = workDir;
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
  }

  void start() throws IOException, InterruptedException {
    Path log = Path.of("target", "cluster", name + ".log").toAbsolutePath();
    Files.createDirectories(log.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-cp", applicationClassPath(), PluginReviewApplication.class.getName(),
        "--server.port=" + port,
        "--plugin-review.demo-data=true", "--plugin-review.quotas.withdrawals-per-day=100000", "--plugin-review.quotas.expedites-per-month=100000",
        "--camunda.bpm.job-execution.enabled=true",
        // a killed node's jobs go to the other node after this long, not Camunda's default 5 minutes
        "--camunda.bpm.job-execution.lock-time-in-millis=15000",
        "--plugin-review.notifications.retry-cycle=PT2S,PT2S,PT2S",
        "--camunda.bpm.webapp.enabled=false",
        "--logging.level.org.camunda.bpm.engine.context=off"));
    if (jdbcUrl != null) {
      command.addAll(List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + jdbcUrl,
          "--spring.datasource.username=postgres", "--spring.datasource.password="));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    process = builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/liveness"))).build(),
            HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " did not start in time; see " + log);
  }

  /** The application's classpath without the test classes (surefire's own jar only points at it). */
  private static String applicationClassPath() {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
        .distinct()
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  /** kill -9: no shutdown hooks, no graceful anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
