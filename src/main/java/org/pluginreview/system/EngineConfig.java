package org.pluginreview.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

@Configuration
class EngineConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** engine-rest with one addition: our refusals (e.g. a start for a version in flight) keep their code and status. */
  @Component
  @ApplicationPath("/engine-rest")
  static class EngineRestConfig extends CamundaJerseyResourceConfig {
    @Override
    protected void registerAdditionalResources() {
      register(ApiExceptionMapper.class);
      register(WrappedRefusalMapper.class);
      register(WrappedEngineRefusalMapper.class);
      register(AuthorizationMapper.class);
    }
  }

  /** Camunda's own authorization refusals, in the same problem+json shape as ours. */
  @Priority(1)
  static class AuthorizationMapper implements ExceptionMapper<AuthorizationException> {
    @Override
    public Response toResponse(AuthorizationException e) {
      return problem(ErrorCode.FORBIDDEN.exception(e.getMessage()));
    }
  }

  static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      return problem(e);
    }
  }

  /** engine-rest wraps what a task listener refused (e.g. a reviewer approving their own submission). */
  @Priority(1)
  static class WrappedRefusalMapper implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      ApiException refusal = ApiException.find(e);
      return refusal != null ? problem(refusal) : new RestExceptionHandler().toResponse(e);
    }
  }

  @Priority(1)
  static class WrappedEngineRefusalMapper implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException e) {
      ApiException refusal = ApiException.find(e);
      if (refusal == null && e instanceof OptimisticLockingException) {
        refusal = ErrorCode.CONFLICT.exception("Changed by someone else at the same time; reload and try again.");
      }
      return refusal != null ? problem(refusal) : new ProcessEngineExceptionHandler().toResponse(e);
    }
  }

  private static Response problem(ApiException e) {
    ProblemDetail problem = Problems.of(e);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.putAll(problem.getProperties());
    return Response.status(problem.getStatus()).type("application/problem+json").entity(body).build();
  }
}
