package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pluginreview.PluginReviewApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A shutdown lets the requests already in flight finish. */
class GracefulShutdownTest {

  /** Stands for any request that is still running when the node is told to stop. */
  @RestController
  static class SlowEndpoint {
    @GetMapping("/test/slow")
    String slow() throws InterruptedException {
      Thread.sleep(3000);
      return "finished";
    }
  }

  @Test
  void requestsInFlightFinishWhenTheServiceStops() throws Exception {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(PluginReviewApplication.class,
        SlowEndpoint.class).run(
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:mem:graceful;DB_CLOSE_DELAY=-1",
        "--camunda.bpm.process-engine-name=gracefulTest",
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false");
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/test/slow")).build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(1000); // the request is being handled
    context.close();
    HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("finished");
  }
}
