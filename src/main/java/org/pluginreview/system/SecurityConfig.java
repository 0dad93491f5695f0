package org.pluginreview.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.config.core.GrantedAuthorityDefaults;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the engine's own users for {@code /api} and {@code /engine-rest}. The Camunda
 * webapps under {@code /camunda} keep their own session login, so this chain does not match them.
 */
@Configuration
class SecurityConfig {

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, IdentityService identityService, ObjectMapper mapper)
      throws Exception {
    // plain path matchers: engine-rest is a Jersey servlet, outside Spring MVC's mappings
    RequestMatcher api = request -> path(request).startsWith("/api/") || path(request).equals("/api");
    RequestMatcher engineRest = request -> path(request).startsWith("/engine-rest/");
    RequestMatcher engineInfo = request -> HttpMethod.GET.matches(request.getMethod())
        && path(request).equals("/engine-rest/engine");
    basicWithProblems(http.securityMatcher(new OrRequestMatcher(api, engineRest)), mapper,
        "Log in with HTTP Basic as a user of the platform.", "Not allowed.")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(engineInfo).permitAll()
            .anyRequest().authenticated())
        .addFilterBefore(new SameSiteFilter(mapper), BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
    return http.build();
  }

  /** Who may read the operations data beside {@code camunda-admin}: a group for metrics scrapers. */
  static final String MONITORING = "monitoring";

  /**
   * Actuator: health answers anyone with its status (details for {@code camunda-admin}); metrics and
   * Prometheus need {@code camunda-admin} or the {@value #MONITORING} group.
   */
  @Bean
  SecurityFilterChain operationsSecurity(HttpSecurity http, ObjectMapper mapper) throws Exception {
    RequestMatcher actuator = request -> path(request).startsWith("/actuator");
    RequestMatcher health = request -> path(request).equals("/actuator/health")
        || path(request).startsWith("/actuator/health/");
    basicWithProblems(http.securityMatcher(actuator), mapper, "Log in with HTTP Basic as an operator.",
        "Operations data is for operators.")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(health).permitAll()
            .anyRequest().hasAnyAuthority(Actor.ADMINS, MONITORING));
    return http.build();
  }

  /**
   * Stateless HTTP Basic whose refusals are problem+json. No Basic challenge is sent: a browser would
   * cache the credentials it prompted for and send them along with requests other sites make it send;
   * clients send their credentials unasked.
   */
  private static HttpSecurity basicWithProblems(HttpSecurity http, ObjectMapper mapper, String loginDetail,
                                                String deniedDetail) throws Exception {
    AuthenticationEntryPoint unauthenticated = (request, response, e) ->
        Problems.write(mapper, response, Problems.of(ErrorCode.UNAUTHENTICATED, loginDetail, Map.of()));
    AccessDeniedHandler denied = (request, response, e) ->
        Problems.write(mapper, response, Problems.of(ErrorCode.FORBIDDEN, deniedDetail, Map.of()));
    return http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated))
        .exceptionHandling(ex -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
  }

  /** Roles are the engine's group ids as they are, so health's "camunda-admin" names the group itself. */
  @Bean
  static GrantedAuthorityDefaults groupsAsRoles() {
    return new GrantedAuthorityDefaults("");
  }

  /**
   * A state-changing request that a browser sends from another site carries that site in {@code Origin}:
   * it is refused. Requests without {@code Origin} (curl, other systems) are not browsers' cross-site ones.
   */
  static final class SameSiteFilter extends OncePerRequestFilter {
    private final ObjectMapper mapper;

    SameSiteFilter(ObjectMapper mapper) {
      this.mapper = mapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String origin = request.getHeader("Origin");
      boolean safe = List.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
      if (!safe && origin != null && !sameSite(origin, request)) {
        Problems.write(mapper, response, Problems.of(ErrorCode.FORBIDDEN,
            "Changes are accepted only from this site's own pages.", Map.of()));
        return;
      }
      chain.doFilter(request, response);
    }

    private static boolean sameSite(String origin, HttpServletRequest request) {
      try {
        java.net.URI uri = java.net.URI.create(origin);
        String host = request.getHeader("Host");
        return uri.getHost() != null && host != null
            && (uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())).equalsIgnoreCase(host);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  @Bean
  AuthenticationProvider engineUsers(IdentityService identityService) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object password = authentication.getCredentials();
        if (userId == null || password == null || !identityService.checkPassword(userId, password.toString())) {
          throw new BadCredentialsException("Bad credentials");
        }
        List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
            .map(Group::getId).map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(userId, null, groups);
      }

      @Override
      public boolean supports(Class<?> type) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
      }
    };
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }



  /** Hands the authenticated user to the engine for the request, as engine-rest's own filter would. */
  static final class EngineAuthenticationFilter extends OncePerRequestFilter {
    private final IdentityService identityService;

    EngineAuthenticationFilter(IdentityService identityService) {
      this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (!(authentication instanceof UsernamePasswordAuthenticationToken) || !authentication.isAuthenticated()) {
        chain.doFilter(request, response);
        return;
      }
      List<String> groups = authentication.getAuthorities().stream().map(a -> a.getAuthority()).toList();
      identityService.setAuthentication(authentication.getName(), groups);
      try {
        chain.doFilter(request, response);
      } finally {
        identityService.clearAuthentication();
      }
    }
  }
}
