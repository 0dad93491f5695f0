package org.pluginreview.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pluginreview.support.ApiClient;
import org.pluginreview.support.ApiClient.Response;
import org.pluginreview.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document covers every /api operation and names the error codes each can answer. */
@ServiceTest
class ApiDocsTest {

  @LocalServerPort int port;

  @Test
  void everyApiOperationIsDocumentedWithItsErrorCodes() {
    ApiClient api = new ApiClient(port);
    Response docs = api.get(null, "/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    JsonNode paths = docs.body().path("paths");
    List<String> operations = new ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      operations.add(op.getKey().toUpperCase() + " " + path.getKey());
      assertThat(op.getValue().path("responses").path("401").path("description").asText())
          .as(path.getKey()).contains("UNAUTHENTICATED");
    }));
    assertThat(operations).hasSize(51).contains(
        "GET /api/admin/consistency",
        "POST /api/plugins", "GET /api/plugins", "GET /api/plugins/{pluginId}",
        "POST /api/plugins/{pluginId}/versions", "PATCH /api/plugins/{pluginId}/versions/{version}",
        "PUT /api/plugins/{pluginId}/trial", "DELETE /api/plugins/{pluginId}/trial",
        "POST /api/plugins/{pluginId}/versions/{version}/review",
        "DELETE /api/plugins/{pluginId}/versions/{version}/gray",
        "GET /api/plugins/{pluginId}/versions/{version}/history", "GET /api/plugins/{pluginId}/deleted-versions",
        "PUT /api/plugins/{pluginId}/listing", "POST /api/plugins/{pluginId}/listing/review",
        "GET /api/market/plugins/{pluginId}/resolution", "PUT /api/market/plugins/{pluginId}/subscription",
        "POST /api/plugins/{pluginId}/versions/{version}/rollback", "POST /api/plugins/{pluginId}/offline",
        "POST /api/plugins/{pluginId}/webhooks", "GET /api/plugins/{pluginId}/webhooks/{id}/deliveries",
        "DELETE /api/plugins/{pluginId}/webhooks/{id}", "PUT /api/mail-settings",
        "POST /api/plugins/{pluginId}/versions/{version}/expedite", "POST /api/plugins/{pluginId}/versions/{version}/appeal",
        "GET /api/plugins/{pluginId}/versions/{version}/messages", "POST /api/plugins/{pluginId}/versions/{version}/messages");
    JsonNode review = paths.path("/api/plugins/{pluginId}/versions/{version}/review").path("post").path("responses");
    assertThat(review.path("400").path("description").asText()).contains("REJECT_REASON_REQUIRED", "VALIDATION_FAILED");
    assertThat(review.path("403").path("description").asText()).contains("SELF_REVIEW_FORBIDDEN", "FORBIDDEN");
    assertThat(review.path("409").path("description").asText()).contains("ILLEGAL_STATE", "CONFLICT");
    JsonNode submit = paths.path("/api/plugins/{pluginId}/versions/{version}/submit").path("post").path("responses");
    assertThat(submit.path("409").path("description").asText())
        .contains("VERSION_IN_FLIGHT", "FEATURE_PACKAGES_REQUIRED", "VERSION_NOT_GREATER");

    assertThat(api.get(null, "/swagger-ui/index.html").status()).isEqualTo(200);
  }
}
