package io.frontdesk.testing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint that receives escalation webhooks; it can be told to fail deliveries. */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private static final List<String> ATTEMPTED = new CopyOnWriteArrayList<>();
  private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
  private HttpServer server;

  /** Bodies accepted so far (failed deliveries are not in here). */
  public static List<String> received() {
    return List.copyOf(RECEIVED);
  }

  /** Deliveries attempted whose body mentions {@code text} (a ticket id), failed ones included. */
  public static long attempts(String text) {
    return ATTEMPTED.stream().filter(b -> b.contains(text)).count();
  }

  /** The delivered body that mentions {@code text}, or null. */
  public static String delivered(String text) {
    return RECEIVED.stream().filter(b -> b.contains(text)).findFirst().orElse(null);
  }

  /** The next {@code n} deliveries whose body mentions {@code text} get a 503. */
  public static void failNext(String text, int n) {
    FAILURES.put(text, new AtomicInteger(n));
  }

  public static void reset() {
    RECEIVED.clear();
    ATTEMPTED.clear();
    FAILURES.clear();
  }

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/hooks/escalations",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          ATTEMPTED.add(body);
          boolean fail =
              FAILURES.entrySet().stream()
                  .anyMatch(f -> body.contains(f.getKey()) && f.getValue().getAndDecrement() > 0);
          int status = fail ? 503 : 204;
          if (status == 204) {
            RECEIVED.add(body);
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    return Map.of(
        "frontdesk.escalation.webhook-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/escalations");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
