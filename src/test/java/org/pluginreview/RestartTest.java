package org.pluginreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pluginreview.review.ReviewProcess;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The default H2 file database keeps records, history and waiting tasks across a restart. */
class RestartTest {

  @TempDir Path dataDir;

  @Test
  void recordsAndWaitingReviewsSurviveARestart() {
    String processInstanceId;
    try (ConfigurableApplicationContext first = start()) {
      ApiClient api = client(first);
      assertThat(api.post("dev1", "/api/plugins", "{\"pluginId\":\"durable\",\"name\":\"Durable\"}").status())
          .isEqualTo(201);
      api.post("dev1", "/api/plugins/durable/versions", "{\"version\":\"1.0.0\",\"featurePackages\":[\"core\"],"
          + "\"basicInfo\":{\"name\":\"D\",\"summary\":\"s\",\"description\":\"d\",\"category\":\"tools\","
          + "\"contactEmail\":\"d@durable.example\"}}");
      api.post("dev1", "/api/plugins/durable/versions/1.0.0/submit", null);
      Response auditing = api.post("dev1", "/api/plugins/durable/versions/1.0.0/self-check",
          "{\"items\":[\"FEATURE_PACKAGES\",\"VERSION_INFO\",\"BASIC_INFO\",\"REVIEW_STANDARD\",\"TESTED\"]}");
      assertThat(auditing.body().path("status").asText()).isEqualTo("AUDITING");
      processInstanceId = auditing.body().path("processInstanceId").asText();
    }

    try (ConfigurableApplicationContext second = start()) {
      ApiClient api = client(second);
      Response record = api.get("dev1", "/api/plugins/durable/versions/1.0.0");
      assertThat(record.body().path("status").asText()).isEqualTo("AUDITING");
      assertThat(api.get("dev1", "/api/plugins/durable/versions/1.0.0/history").body()).hasSize(4);
      assertThat(second.getBean(TaskService.class).createTaskQuery().processInstanceId(processInstanceId)
          .taskDefinitionKey(ReviewProcess.USER_TASK_REVIEW).count()).isEqualTo(1);
      // the same model is not deployed again as a new version
      assertThat(second.getBean(RepositoryService.class).createProcessDefinitionQuery()
          .processDefinitionKey(ReviewProcess.KEY).count()).isEqualTo(1);

      Response approved = api.post("reviewer1", "/api/plugins/durable/versions/1.0.0/review", "{\"decision\":\"APPROVE\"}");
      assertThat(approved.body().path("status").asText()).isEqualTo("APPROVED");
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PluginReviewApplication.class).run(
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("plugin-review").toAbsolutePath(),
        "--camunda.bpm.process-engine-name=restartTest",
        // the webapps keep static state; leave it to the other tests' running context
        "--camunda.bpm.webapp.enabled=false",
        "--camunda.bpm.job-execution.enabled=false");
  }

  private static ApiClient client(ConfigurableApplicationContext context) {
    return new ApiClient(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
