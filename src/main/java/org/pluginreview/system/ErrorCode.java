package org.pluginreview.system;

import org.springframework.http.HttpStatus;

/** The stable error codes of PRODUCT.md, each with the HTTP status it answers with. */
public enum ErrorCode {
  INVALID_VERSION(HttpStatus.BAD_REQUEST),
  VERSION_EXISTS(HttpStatus.CONFLICT),
  VERSION_NOT_GREATER(HttpStatus.CONFLICT),
  VERSION_IN_FLIGHT(HttpStatus.CONFLICT),
  ILLEGAL_STATE(HttpStatus.CONFLICT),
  FEATURE_PACKAGES_REQUIRED(HttpStatus.CONFLICT),
  SELF_CHECK_INCOMPLETE(HttpStatus.BAD_REQUEST),
  REJECT_REASON_REQUIRED(HttpStatus.BAD_REQUEST),
  SELF_REVIEW_FORBIDDEN(HttpStatus.FORBIDDEN),
  GRAY_NEEDS_LIVE_VERSION(HttpStatus.CONFLICT),
  GRAY_PERCENTAGE_INVALID(HttpStatus.BAD_REQUEST),
  ROLLBACK_DURING_GRAY(HttpStatus.CONFLICT),
  QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS),
  MARKET_NEEDS_LIVE_VERSION(HttpStatus.CONFLICT),
  VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
  PLUGIN_EXISTS(HttpStatus.CONFLICT),
  NOT_FOUND(HttpStatus.NOT_FOUND),
  FORBIDDEN(HttpStatus.FORBIDDEN),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
  CONFLICT(HttpStatus.CONFLICT),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
  PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE),
  LOGIN_THROTTLED(HttpStatus.TOO_MANY_REQUESTS),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

  private final HttpStatus status;

  ErrorCode(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  /** The code for a bare HTTP status, for refusals made before our code runs (container, firewall). */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 429 -> LOGIN_THROTTLED;
      default -> status >= 400 && status < 500 ? VALIDATION_FAILED : INTERNAL_ERROR;
    };
  }

  public ApiException exception(String detail) {
    return new ApiException(this, detail);
  }
}
