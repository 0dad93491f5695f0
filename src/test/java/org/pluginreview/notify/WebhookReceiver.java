package org.pluginreview.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP receiver on the loopback address, answering with whatever status the test sets. */
public final class WebhookReceiver implements AutoCloseable {

  /** One POST as it arrived. */
  public record Received(String signature, String eventType, String deliveryId, String body) {}

  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final AtomicInteger status = new AtomicInteger(200);
  /** Milliseconds to wait before answering, to hold a delivery open. */
  public final AtomicInteger delayMillis = new AtomicInteger();
  private final HttpServer server;

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hook", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        Thread.sleep(delayMillis.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      received.add(new Received(exchange.getRequestHeaders().getFirst("Plugin-Review-Signature"),
          exchange.getRequestHeaders().getFirst("Plugin-Review-Event"),
          exchange.getRequestHeaders().getFirst("Plugin-Review-Delivery"), body));
      exchange.sendResponseHeaders(status.get(), -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
