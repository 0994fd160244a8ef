package io.frontdesk.connectors;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small order-status API, as an operator's shop would run it, for the connector tests: orders
 * with an owner, a look-up of the owner, returns opened by POST, and a warehouse endpoint that
 * always fails. It records every request it is sent.
 */
final class ShopBackend implements AutoCloseable {

  /** One request as the backend saw it. */
  record Seen(
      String method,
      String path,
      String query,
      String authorization,
      String idempotencyKey,
      String body) {}

  static final String TOKEN = "shop-test-token";
  private static final Map<String, String> OWNERS =
      Map.of("SHOP-7001", "cus_0086", "SHOP-7002", "cus_0087", "SHOP-7003", "cus_0098");

  private final HttpServer http;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  ShopBackend() {
    try {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    http.createContext("/", this::handle);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    seen.add(
        new Seen(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getQuery(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Idempotency-Key"),
            new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
    if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      answer(exchange, 401, "{\"error\":\"unauthorized\"}");
      return;
    }
    String[] parts = path.split("/");
    if (path.startsWith("/warehouse/")) {
      answer(exchange, 503, "{\"error\":\"warehouse system down\"}");
    } else if (parts.length == 4
        && parts[3].equals("returns")
        && exchange.getRequestMethod().equals("POST")) {
      answer(
          exchange,
          201,
          "{\"return_id\":\"RET-%s\",\"status\":\"open\",\"label_url\":\"https://x\"}"
              .formatted(parts[2]));
    } else if (parts.length == 4 && parts[1].equals("orders") && parts[3].equals("owner")) {
      String owner = OWNERS.get(parts[2]);
      answer(
          exchange,
          owner == null ? 404 : 200,
          owner == null ? "{}" : "{\"order\":\"%s\",\"owner\":\"%s\"}".formatted(parts[2], owner));
    } else if (parts.length == 3 && parts[1].equals("orders") && OWNERS.containsKey(parts[2])) {
      answer(
          exchange,
          200,
          ("{\"order\":\"%s\",\"status\":\"shipped\",\"carrier\":\"DHL\","
                  + "\"internal_margin_eur\":12.5,\"warehouse_note\":\"fragile\"}")
              .formatted(parts[2]));
    } else {
      answer(exchange, 404, "{\"error\":\"not found\"}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
