package org.pluginreview.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs (Swagger UI at /swagger-ui.html), with every operation's error codes. */
@Configuration
class OpenApiConfig {

  private static final String PROBLEM = "Problem";

  @Bean
  OpenAPI pluginReviewApi() {
    Schema<?> problem = new Schema<>().type("object")
        .addProperty("type", new Schema<>().type("string"))
        .addProperty("title", new Schema<>().type("string"))
        .addProperty("status", new Schema<>().type("integer"))
        .addProperty("detail", new Schema<>().type("string"))
        .addProperty("code", new Schema<>().type("string")
            ._enum(Arrays.stream(ErrorCode.values()).map(Enum::name).map(Object.class::cast).toList()))
        .addProperty("fields", new Schema<>().type("object").description("invalid fields and why"))
        .addProperty("allowedActions", new Schema<>().type("array").items(new Schema<>().type("string")));
    return new OpenAPI()
        .info(new Info().title("Plugin review platform API").version("1")
            .description("Upload, submit, review and release mini-program plugin versions. Errors are "
                + "application/problem+json with a stable code."))
        .components(new Components()
            .addSchemas(PROBLEM, problem)
            .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("basic"));
  }

  /** Adds one response per status, naming the codes it carries; every operation can answer 401. */
  @Bean
  OperationCustomizer errorCodes() {
    return (operation, handler) -> {
      Refusals refusals = handler.getMethodAnnotation(Refusals.class);
      Stream<ErrorCode> codes = Stream.concat(Stream.of(ErrorCode.UNAUTHENTICATED),
          refusals == null ? Stream.empty() : Arrays.stream(refusals.value()));
      Map<Integer, String> byStatus = codes.distinct().collect(Collectors.groupingBy(
          c -> c.status().value(), TreeMap::new, Collectors.mapping(Enum::name, Collectors.joining(", "))));
      byStatus.forEach((status, names) -> operation.getResponses().addApiResponse(String.valueOf(status),
          new ApiResponse().description(names).content(new Content().addMediaType("application/problem+json",
              new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
      return operation;
    };
  }
}
