package org.pluginreview.plugin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.pluginreview.system.ErrorCode;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Optimistic concurrency for clients that want it: an {@code If-Match} header with the revision they
 * read makes a change refuse with {@code CONFLICT} when someone changed the version in between, instead
 * of acting on a state the client never saw. Checked once, after the version's plugin is locked.
 */
@Configuration
class ExpectedRevision implements WebMvcConfigurer, HandlerInterceptor {

  private static final ThreadLocal<Long> EXPECTED = new ThreadLocal<>();

  /** The revision this request expects, once: later reads in the same request see none. */
  static Long take() {
    Long expected = EXPECTED.get();
    EXPECTED.remove();
    return expected;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/plugins/*/versions/*", "/api/plugins/*/versions/*/*");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    String header = request.getHeader("If-Match");
    if (header != null && !request.getMethod().equals("GET")) {
      String value = header.trim().replaceFirst("^W/", "").replace("\"", "");
      try {
        EXPECTED.set(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw ErrorCode.VALIDATION_FAILED.exception("If-Match must be a revision number, as read in 'revision'.")
            .with("fields", Map.of("If-Match", "a revision number"));
      }
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                              Exception ex) {
    EXPECTED.remove();
  }
}
