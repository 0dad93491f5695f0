package org.pluginreview.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.persistence.GenericManagerFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logins slow down per user and client address ({@link LoginThrottle}) on every login route, and the
 * engine never locks an account: its permanent lock-out let anyone shut out any user, the only admin too.
 */
@Configuration
class Logins {

  /** Tasklist's, Cockpit's and Admin's login: {@code POST /camunda/api/admin/auth/user/{engine}/login/{app}}. */
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> throttleWebappLogins(LoginThrottle throttle, ObjectMapper mapper) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = SecurityConfig.path(request);
        if (!"POST".equals(request.getMethod()) || !WEBAPP_LOGIN.matcher(path).matches()) {
          chain.doFilter(request, response);
          return;
        }
        // the body is read here and handed on unchanged, so the webapp still reads its form parameters
        byte[] body = request.getInputStream().readNBytes(ProblemErrors.MAX_BODY_BYTES);
        String userId = formValue(new String(body, StandardCharsets.ISO_8859_1), "username");
        String address = request.getRemoteAddr();
        LoginThrottle.Verdict verdict = throttle.attempt(userId, address);
        if (!verdict.allowed()) {
          SecurityConfig.throttled(mapper, response, verdict.retryAfterSeconds());
          return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
        if (response.getStatus() == HttpServletResponse.SC_OK) {
          throttle.succeeded(userId, address);
        } else if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
          throttle.failed(userId, address);
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
    return registration;
  }

  static String formValue(String form, String name) {
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  /** The engine's own user store, minus its lock-out: a wrong password is just a wrong password. */
  @Bean
  ProcessEnginePlugin noLockOut() {
    return new ProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setIdentityProviderSessionFactory(new GenericManagerFactory(UnlockedUsers.class));
      }

      @Override
      public void postInit(ProcessEngineConfigurationImpl configuration) {
      }

      @Override
      public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine engine) {
      }
    };
  }

  public static final class UnlockedUsers extends DbIdentityServiceProvider {
    @Override
    protected boolean isUserLocked(UserEntity user) {
      return false;
    }

    @Override
    protected void lockUser(UserEntity user) {
      // failed logins are slowed per user and address in front of the engine, never counted on the account
    }
  }

  private static final class ReplayedBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }
}
