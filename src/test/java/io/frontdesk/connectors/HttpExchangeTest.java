package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.frontdesk.toolgate.ToolRefused;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request a connector file makes of its arguments and the caller, built without sending it. */
class HttpExchangeTest {

  @TempDir Path dir;

  private HttpToolSpec spec(String method, String in) throws Exception {
    Files.writeString(
        dir.resolve("orders.yaml"),
        """
        name: order_status
        description: Where an order is.
        risk: read-only
        arguments:
          type: object
          properties:
            order_id: {type: string, description: The order}
            note: {type: string, description: A note}
        backend:
          base-url: https://shop.example.com/api
          auth: {type: api-key, header: X-Shop-Key, secret: SHOP_API_TOKEN}
        request:
          method: %s
          url: /orders/{order_id}
          customer-field: {in: %s, name: customer}
        """
            .formatted(method, in));
    return ConnectorFiles.read(dir, ConnectorFilesTestConfig.CONFIG).http().getFirst();
  }

  @Test
  void pathValuesAreEncodedTheCallerGoesWhereTheFileSaysAndTheKeyIsSent() throws Exception {
    HttpRequest get =
        HttpExchange.request(
            spec("GET", "query"), Map.of("order_id", "A/1 2", "note", "x&y"), "cus_1", null);

    assertEquals(
        "https://shop.example.com/api/orders/A%2F1%202?note=x%26y&customer=cus_1",
        get.uri().toString());
    assertEquals("t", get.headers().firstValue("X-Shop-Key").orElseThrow());

    HttpRequest header =
        HttpExchange.request(spec("DELETE", "header"), Map.of("order_id", "A1"), "cus_1", "k1");
    assertEquals("https://shop.example.com/api/orders/A1", header.uri().toString());
    assertEquals("cus_1", header.headers().firstValue("customer").orElseThrow());
    assertEquals("k1", header.headers().firstValue("Idempotency-Key").orElseThrow());
  }

  @Test
  void aPathValueOfDotsIsRefused() throws Exception {
    HttpToolSpec spec = spec("GET", "query");

    ToolRefused refused =
        assertThrows(
            ToolRefused.class,
            () -> HttpExchange.request(spec, Map.of("order_id", ".."), "cus_1", null));
    assertEquals("argument 'order_id' is not a valid value", refused.getMessage());
  }
}
