package org.pluginreview.system;

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

  public static ProblemDetail of(ApiException e) {
    return of(e.code(), e.getMessage(), e.properties());
  }
}
