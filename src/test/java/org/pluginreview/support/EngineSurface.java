package org.pluginreview.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pluginreview.support.ApiClient.Response;

/**
 * The engine's API as an attacker reaches it: Camunda's REST API over HTTP Basic, or the webapps' own
 * engine API under /camunda/api/engine that Tasklist and Cockpit use, with a logged-in session and its
 * CSRF token. Paths are relative to the engine's root, e.g. {@code /task/{id}/complete}.
 */
public final class EngineSurface {

  public static final String ENGINE_REST = "engine-rest";
  public static final String WEBAPP = "webapp";

  private final String kind;
  private final int port;
  private final ApiClient api;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();

  public EngineSurface(String kind, int port) {
    this.kind = kind;
    this.port = port;
    this.api = new ApiClient(port);
  }

  public String kind() {
    return kind;
  }

  public Response send(String user, String method, String path, String json) {
    if (kind.equals(ENGINE_REST)) {
      return api.send(user, method, "/engine-rest" + path, json, json == null ? null : "application/json");
    }
    return sessions.computeIfAbsent(user, this::login).send(method, path, json);
  }

  /** A request to any path of the webapps' APIs, in the user's Tasklist session. */
  public Response webapp(String user, String method, String path) {
    return sessions.computeIfAbsent(user, this::login).sendTo(method, path, null);
  }

  public Response post(String user, String path, String json) {
    return send(user, "POST", path, json);
  }

  /** user "name:password", or a demo user whose password is its name. */
  private Session login(String user) {
    String name = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
    String password = user.contains(":") ? user.substring(user.indexOf(':') + 1) : user;
    try {
      CookieManager cookies = new CookieManager();
      HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
      String base = "http://localhost:" + port;
      http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/")).build(),
          HttpResponse.BodyHandlers.discarding());
      String token = token(cookies);
      HttpResponse<Void> login = http.send(HttpRequest.newBuilder(
              URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
          .POST(HttpRequest.BodyPublishers.ofString("username=" + name + "&password=" + password)).build(),
          HttpResponse.BodyHandlers.discarding());
      if (login.statusCode() != 200) {
        throw new IllegalStateException(user + " cannot log into Tasklist: " + login.statusCode());
      }
      // the login starts a new session, which hands out its own CSRF token on the next read
      http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default")).build(),
          HttpResponse.BodyHandlers.discarding());
      return new Session(http, cookies, base);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String token(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElseThrow();
  }

  private record Session(HttpClient http, CookieManager cookies, String base) {
    Response send(String method, String path, String json) {
      return sendTo(method, "/camunda/api/engine/engine/default" + path, json);
    }

    Response sendTo(String method, String path, String json) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
          .header("X-XSRF-TOKEN", token(cookies)).header("Accept", "application/json");
      if (json != null) {
        request.header("Content-Type", "application/json");
      }
      return ApiClient.send(http, request.build());
    }
  }

}
