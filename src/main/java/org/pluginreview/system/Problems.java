package org.pluginreview.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** Builds the problem+json body every surface answers with. */
public final class Problems {

  private Problems() {}

  public static ProblemDetail of(ErrorCode code, String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
    problem.setType(URI.create("urn:plugin-review:problem:" + code.name().toLowerCase().replace('_', '-')));
    problem.setTitle(code.name());
    problem.setProperty("code", code.name());
    properties.forEach(problem::setProperty);
    return problem;
  }

  /** Answers with the problem directly, for refusals made in filters before any controller runs. */
  public static void write(ObjectMapper mapper, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    mapper.writeValue(response.getOutputStream(), problem);
  }

  public static ProblemDetail of(ApiException e) {
    return of(e.code(), e.getMessage(), e.properties());
  }
}
