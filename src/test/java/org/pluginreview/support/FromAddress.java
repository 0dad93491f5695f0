package org.pluginreview.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP from a chosen loopback address (127.0.0.2, 127.0.0.3, ...), as another client on the network
 * would arrive. Java's HttpClient cannot pick its local address; a plain HTTP/1.0 socket can.
 */
public final class FromAddress {

  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase());
      return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(), List.of());
    }
  }

  private final InetAddress local;
  private final int port;

  public FromAddress(String local, int port) {
    try {
      this.local = InetAddress.getByName(local);
    } catch (IOException e) {
      throw new IllegalArgumentException(local, e);
    }
    this.port = port;
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Answer send(String method, String path, Map<String, String> headers, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    return new Answer(status, headers, text.substring(end + 4));
  }

  /** A Camunda webapp's login as its page sends it: session and CSRF cookie first, then the form. */
  public Answer webappLogin(String app, String user, String password) {
    Answer page = send("GET", "/camunda/app/" + app + "/", Map.of(), null);
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String cookie : page.all("set-cookie")) {
      String pair = cookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    String cookieHeader = String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    return send("POST", "/camunda/api/admin/auth/user/default/login/" + app, Map.of(
            "Cookie", cookieHeader, "X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""),
            "Content-Type", "application/x-www-form-urlencoded"),
        "username=" + user + "&password=" + password);
  }

}
