package org.pluginreview.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.rest.exception.ProcessEngineExceptionHandler;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.exception.RestExceptionHandler;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;
import org.springframework.http.ProblemDetail;

/**
 * Refusals answer the same way on every engine surface: engine-rest and the webapps' own engine API
 * (Tasklist, Cockpit) are separate Jersey applications, and Jersey hands each of them these mappers
 * (registered in META-INF/services). A refusal our rules made inside the engine (a task listener's are
 * wrapped) keeps its code, status and sentence; a task someone else claimed, or a change that lost a
 * race, is a 409; anything else is answered as Camunda would.
 */
@Priority(AutoDiscoverable.DEFAULT_PRIORITY)
public class EngineErrors implements AutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    for (Class<?> mapper : new Class<?>[] {RefusalMapper.class, EngineRefusalMapper.class,
        WrappedRefusalMapper.class, AuthorizationMapper.class}) {
      if (!context.getConfiguration().isRegistered(mapper)) {
        context.register(mapper);
      }
    }
  }

  @Priority(1)
  public static class RefusalMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      return problem(e);
    }
  }

  /** Camunda's own authorization refusals, in the same problem+json shape as ours. */
  @Priority(1)
  public static class AuthorizationMapper implements ExceptionMapper<AuthorizationException> {
    @Override
    public Response toResponse(AuthorizationException e) {
      return problem(ErrorCode.FORBIDDEN.exception(e.getMessage()));
    }
  }

  /**
   * The engine's own refusals of bad input that engine-rest reports as its failure (500): a serialized
   * Java object, listeners skipped at the start event.
   */
  private static final Set<String> BAD_INPUT = Set.of("ENGINE-17007", "ENGINE-13024");

  /** engine-rest wraps what a task listener refused in a RestException. */
  @Priority(1)
  public static class WrappedRefusalMapper implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      ApiException refusal = ApiException.find(e);
      if (refusal == null && badInput(e)) {
        refusal = ErrorCode.VALIDATION_FAILED.exception(e.getMessage());
      }
      return refusal != null ? problem(refusal) : new RestExceptionHandler().toResponse(e);
    }
  }

  static boolean badInput(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && BAD_INPUT.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  @Priority(1)
  public static class EngineRefusalMapper implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException e) {
      ApiException refusal = ApiException.find(e);
      if (refusal == null && e instanceof OptimisticLockingException) {
        refusal = ErrorCode.CONFLICT.exception("Changed by someone else at the same time; reload and try again.");
      }
      if (refusal == null && e instanceof TaskAlreadyClaimedException) {
        refusal = ErrorCode.CONFLICT.exception(e.getMessage());
      }
      if (refusal == null && badInput(e)) {
        refusal = ErrorCode.VALIDATION_FAILED.exception(e.getMessage());
      }
      return refusal != null ? problem(refusal) : new ProcessEngineExceptionHandler().toResponse(e);
    }
  }

  /** problem+json, with Camunda's own {@code message} beside {@code detail} for the webapps to show. */
  static Response problem(ApiException e) {
    ProblemDetail problem = Problems.of(e);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    body.put("message", problem.getDetail());
    body.putAll(problem.getProperties());
    return Response.status(problem.getStatus()).type("application/problem+json").entity(body).build();
  }
}
