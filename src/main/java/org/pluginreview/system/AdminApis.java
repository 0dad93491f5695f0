package org.pluginreview.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Cockpit and Admin webapps' own APIs answer {@code camunda-admin} only. Camunda checks the apps'
 * pages, not these APIs, so a developer's Tasklist session could otherwise read Cockpit's statistics of
 * everyone's processes. The engine API's password check is theirs alone too. Logging in, the first admin's setup and the apps' plugin assets stay open, as
 * every webapp needs them before anyone logs in.
 */
@Configuration
class AdminApis {

  /** The apps' plugin scripts and styles, which their login pages load before anyone logs in. */
  private static final Pattern PLUGIN_ASSET = Pattern.compile("/camunda/api/(cockpit|admin)/plugin/[^/]+/static/.*");

  /** Checks any user's password, unthrottled: a guessing oracle that Tasklist never calls. */
  private static final Pattern VERIFY_PASSWORD = Pattern.compile("/camunda/api/engine/engine/[^/]+/identity/verify.*");

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> adminApisForAdmins(ObjectMapper mapper) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        String path = SecurityConfig.path(request);
        boolean open = path.startsWith("/camunda/api/engine/") ? !VERIFY_PASSWORD.matcher(path).matches()
            : path.startsWith("/camunda/api/admin/auth/") || path.startsWith("/camunda/api/admin/setup/")
            || PLUGIN_ASSET.matcher(path).matches();
        if (open || isAdmin(request.getSession(false))) {
          chain.doFilter(request, response);
          return;
        }
        Problems.write(mapper, response,
            Problems.of(ErrorCode.FORBIDDEN, "Cockpit and Admin are for camunda-admin.", Map.of()));
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns("/camunda/api/cockpit/*", "/camunda/api/admin/*", "/camunda/api/engine/*");
    return registration;
  }

  private static boolean isAdmin(HttpSession session) {
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    return authentications != null && authentications.getAuthentications().stream()
        .map(UserAuthentication::getGroupIds)
        .anyMatch(groups -> groups != null && groups.contains(Actor.ADMINS));
  }
}
