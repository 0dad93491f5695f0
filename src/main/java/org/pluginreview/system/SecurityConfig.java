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
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
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
    // checks any user's password, unthrottled: a guessing oracle, which nothing of ours needs
    RequestMatcher verifyPassword = request -> path(request).startsWith("/engine-rest/identity/verify");
    // a merchant changes their subscriptions and nothing else: every other change of /api needs a working role
    RequestMatcher apiChange = request -> api.matches(request) && !SAFE_METHODS.contains(request.getMethod())
        && !path(request).matches("/api/market/plugins/[^/]+/subscription");
    basicWithProblems(http.securityMatcher(new OrRequestMatcher(api, engineRest)), mapper,
        "Log in with HTTP Basic as a user of the platform.", "Not allowed.")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(engineInfo).permitAll()
            .requestMatchers(verifyPassword).hasAuthority(Actor.ADMINS)
            .requestMatchers(apiChange).hasAnyAuthority(Actor.DEVELOPERS, Actor.REVIEWERS, Actor.REVIEW_LEADS, Actor.ADMINS)
            .anyRequest().authenticated())
        .addFilterBefore(new SameSiteFilter(mapper), BasicAuthenticationFilter.class)
        .addFilterBefore(new JsonOnlyFilter(mapper, api), BasicAuthenticationFilter.class)
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
    AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
      if (e instanceof LoginThrottled throttled) {
        throttled.answer(mapper, response);
      } else {
        Problems.write(mapper, response, Problems.of(ErrorCode.UNAUTHENTICATED, loginDetail, Map.of()));
      }
    };
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
      boolean safe = SAFE_METHODS.contains(request.getMethod());
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

  /**
   * A change to {@code /api} is JSON, even with no body: a page on another site can send a form or plain
   * text without asking the browser's leave, but never {@code application/json}.
   */
  static final class JsonOnlyFilter extends OncePerRequestFilter {
    private final ObjectMapper mapper;
    private final RequestMatcher api;

    JsonOnlyFilter(ObjectMapper mapper, RequestMatcher api) {
      this.mapper = mapper;
      this.api = api;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      if (api.matches(request) && !SAFE_METHODS.contains(request.getMethod()) && !json(request.getContentType())) {
        Problems.write(mapper, response, Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            "Changes take Content-Type: application/json, also when they carry no body.", Map.of()));
        return;
      }
      chain.doFilter(request, response);
    }

    private static boolean json(String contentType) {
      if (contentType == null) {
        return false;
      }
      try {
        return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  private static final List<String> SAFE_METHODS = List.of("GET", "HEAD", "OPTIONS");

  /** Too many failed logins of this user from this address: wait, then try again. */
  static final class LoginThrottled extends AuthenticationException {
    private final long retryAfterSeconds;

    LoginThrottled(long retryAfterSeconds) {
      super("Too many failed logins");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    void answer(ObjectMapper mapper, HttpServletResponse response) throws IOException {
      throttled(mapper, response, retryAfterSeconds);
    }
  }

  static void throttled(ObjectMapper mapper, HttpServletResponse response, long retryAfterSeconds)
      throws IOException {
    response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
    Problems.write(mapper, response, Problems.of(ErrorCode.LOGIN_THROTTLED,
        "Too many failed logins for this user from your address. Try again in " + retryAfterSeconds + " s.",
        Map.of("retryAfterSeconds", retryAfterSeconds)));
  }

  @Bean
  AuthenticationProvider engineUsers(IdentityService identityService, LoginThrottle throttle) {
    return new AuthenticationProvider() {
      @Override
      public Authentication authenticate(Authentication authentication) {
        String userId = authentication.getName();
        Object password = authentication.getCredentials();
        if (userId == null || password == null) {
          throw new BadCredentialsException("Bad credentials");
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress() : null;
        LoginThrottle.Verdict verdict = throttle.attempt(userId, address);
        if (!verdict.allowed()) {
          throw new LoginThrottled(verdict.retryAfterSeconds());
        }
        if (!identityService.checkPassword(userId, password.toString())) {
          throttle.failed(userId, address);
          throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(userId, address);
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

  /** The request's path within the application, as every filter of ours matches it. */
  static String path(HttpServletRequest request) {
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
