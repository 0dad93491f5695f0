package org.pluginreview.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers on every page and answer we serve, so that no other site can frame our pages, and a page can
 * run only the scripts we ship. The Camunda webapps under {@code /camunda} set their own.
 */
@Configuration
class PageHeaders {

  /** The console is plain files: scripts and styles from this site only, no inline code, framed only by us. */
  static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'self'";
  /** Swagger UI brings inline styles of its own; it is still framed only by us. */
  static final String API_DOCS_POLICY = "frame-ancestors 'self'";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> pageHeaderFilter() {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = SecurityConfig.path(request);
        if (!path.startsWith("/camunda/")) {
          boolean apiDocs = path.startsWith("/swagger-ui") || path.startsWith("/v3/api-docs");
          response.setHeader("Content-Security-Policy", apiDocs ? API_DOCS_POLICY : CONSOLE_POLICY);
          response.setHeader("X-Frame-Options", "SAMEORIGIN");
          response.setHeader("X-Content-Type-Options", "nosniff");
          response.setHeader("Referrer-Policy", "same-origin");
        }
        chain.doFilter(request, response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }
}
