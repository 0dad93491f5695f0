package org.pluginreview.system;

import jakarta.validation.ConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every refusal of {@code /api} as problem+json with a stable {@code code}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> handleApi(ApiException e) {
    return respond(Problems.of(e));
  }

  @ExceptionHandler({
    OptimisticLockingException.class,
    OptimisticLockingFailureException.class,
    PessimisticLockingFailureException.class,
    DataIntegrityViolationException.class
  })
  ResponseEntity<Object> handleConcurrentChange(RuntimeException e) {
    log.info("Concurrent change refused: {}", e.toString());
    return respond(Problems.of(ErrorCode.CONFLICT,
        "The record was changed by someone else at the same time; reload and try again.", Map.of()));
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<Object> handleConstraint(ConstraintViolationException e) {
    Map<String, String> fields = new LinkedHashMap<>();
    e.getConstraintViolations().forEach(v -> fields.put(v.getPropertyPath().toString(), v.getMessage()));
    return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some fields are not valid.", Map.of("fields", fields)));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> handleUnexpected(Exception e) {
    ApiException cause = ApiException.find(e);
    if (cause != null) {
      return respond(Problems.of(cause));
    }
    log.error("Unexpected failure", e);
    return respond(Problems.of(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred.", Map.of()));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      fields.putIfAbsent(error.getField(), error.getDefaultMessage());
    }
    e.getBindingResult().getGlobalErrors().forEach(g -> fields.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
    return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some fields are not valid.", Map.of("fields", fields)));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
        fields.putIfAbsent(r.getMethodParameter().getParameterName(), err.getDefaultMessage())));
    return respond(Problems.of(ErrorCode.VALIDATION_FAILED, "Some fields are not valid.", Map.of("fields", fields)));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ApiException cause = ApiException.find(e);
    if (cause != null) {
      return respond(Problems.of(cause));
    }
    return respond(Problems.of(ErrorCode.VALIDATION_FAILED, readableReason(e), Map.of()));
  }

  /** Everything else Spring MVC refuses (404 route, 405, 415, bad parameter types) gets a code too. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ErrorCode code = ErrorCode.forStatus(status.value());
    String detail = body instanceof ProblemDetail p && p.getDetail() != null ? p.getDetail() : e.getMessage();
    ProblemDetail problem = Problems.of(code, detail, Map.of());
    problem.setStatus(status.value());
    return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static String readableReason(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
      return "Unknown field '" + u.getPropertyName() + "'.";
    }
    if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && !m.getPath().isEmpty()) {
      return "Field '" + m.getPathReference().replaceAll(".*\\[\"?([^\"\\]]*)\"?\\]$", "$1") + "' has the wrong type.";
    }
    return "The request body is missing or is not valid JSON.";
  }

  private static ResponseEntity<Object> respond(ProblemDetail problem) {
    return ResponseEntity.status(HttpStatus.valueOf(problem.getStatus()))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
