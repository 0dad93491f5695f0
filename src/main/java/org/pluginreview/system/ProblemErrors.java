package org.pluginreview.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refusals that happen before our controllers run still answer problem+json with a code: Tomcat's
 * own (an encoded slash or NUL in a path), the security firewall's, and over-large bodies.
 */
@Configuration
class ProblemErrors {

  /**
   * Bodies of /api and engine requests above this are refused; the largest legitimate one is a few KiB.
   * Deployments (camunda-admin only, by authorization) may carry larger models.
   */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** Errors the container dispatches to /error (firewall rejections, filters that send an error). */
  @RestController
  static class ProblemErrorController implements ErrorController {
    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
      Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      int code = status instanceof Integer i ? i : 500;
      ErrorCode errorCode = ErrorCode.forStatus(code);
      ProblemDetail problem = Problems.of(errorCode, code == 500 ? "An unexpected error occurred."
          : "The request was refused (" + code + ").", Map.of());
      problem.setStatus(code);
      return ResponseEntity.status(code).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
  }

  /** Tomcat's own refusals, which never reach a servlet. */
  public static class ProblemErrorValve extends ErrorReportValve {
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      ErrorCode code = ErrorCode.forStatus(status);
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write("{\"type\":\"urn:plugin-review:problem:" + code.name().toLowerCase().replace('_', '-')
              + "\",\"title\":\"" + code.name() + "\",\"status\":" + status
              + ",\"detail\":\"The request was refused (" + status + ").\",\"code\":\"" + code.name() + "\"}");
        }
      } catch (IOException | IllegalStateException ignored) {
        // the client is gone or the response is already on its way
      }
    }
  }

  /**
   * Path tricks ("..", ";", "//", encoded dots or slashes) are refused before any filter reads the path:
   * a path that Tomcat normalized for routing but Spring reads raw made a 500 with a stack trace. The
   * rules are the security firewall's own, which would refuse these later anyway.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> pathFirewall(ObjectMapper mapper) {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        try {
          firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
          Problems.write(mapper, response, Problems.of(ErrorCode.VALIDATION_FAILED,
              "The request path is not in normal form (\"..\", \";\", \"//\" or encoded characters).", Map.of()));
          return;
        }
        chain.doFilter(request, response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorValve() {
    return factory -> factory.addContextCustomizers(context -> {
      if (context.getParent() instanceof StandardHost host) {
        host.setErrorReportValveClass(ProblemErrorValve.class.getName());
      }
    });
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> bodySizeLimit(ObjectMapper mapper) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        if (request.getRequestURI().endsWith("/deployment/create")) {
          chain.doFilter(request, response);
          return;
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
          tooLarge(mapper, response);
          return;
        }
        chain.doFilter(declared >= 0 ? request : new LimitedRequest(request), response);
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  private static void tooLarge(ObjectMapper mapper, HttpServletResponse response) throws IOException {
    Problems.write(mapper, response, Problems.of(ErrorCode.PAYLOAD_TOO_LARGE,
        "Request bodies are limited to " + MAX_BODY_BYTES / 1024 + " KiB.", Map.of()));
  }


  /** A body without a declared length (chunked) is cut off at the same limit. */
  private static final class LimitedRequest extends HttpServletRequestWrapper {
    LimitedRequest(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++read > MAX_BODY_BYTES) {
            throw ErrorCode.PAYLOAD_TOO_LARGE.exception(
                "Request bodies are limited to " + MAX_BODY_BYTES / 1024 + " KiB.");
          }
          return b;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }

}
