package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector folder's checks on their own: each mistake is one sentence naming the file and the
 * field, and a good file reads as the tool it declares.
 */
class ConnectorFilesTest {

  private static final Config CONFIG = ConnectorFilesTestConfig.CONFIG;

  private static final String GOOD =
      """
      name: order_status
      description: Where an order is.
      risk: read-only
      arguments:
        type: object
        properties:
          order_id: {type: string, description: The order number}
        required: [order_id]
      backend:
        base-url: ${SHOP_API_URL}
        auth: {type: bearer, secret: SHOP_API_TOKEN}
      request:
        method: GET
        url: /orders/{order_id}
        customer-field: {in: query, name: customer}
      """;

  @TempDir Path dir;

  private String mistake(String file, String text) throws IOException {
    Files.writeString(dir.resolve(file), text);
    return assertThrows(ConnectorFileError.class, () -> ConnectorFiles.read(dir, CONFIG))
        .getMessage();
  }

  @Test
  void aGoodFileReadsAsTheToolItDeclares() throws IOException {
    Files.writeString(dir.resolve("orders.yaml"), GOOD);
    Files.writeString(dir.resolve("notes.txt"), "not a connector");

    ConnectorFiles.Declared declared = ConnectorFiles.read(dir, CONFIG);

    HttpToolSpec spec = declared.http().getFirst();
    assertEquals(1, declared.http().size());
    assertEquals("order_status", spec.name());
    assertEquals("http://127.0.0.1:9", spec.backend().baseUrl());
    assertEquals("t", spec.backend().auth().secret());
    assertEquals(java.util.List.of("order_id"), spec.arguments().required());
  }

  @Test
  void aMissingMethodNamesTheFileAndTheField() throws IOException {
    assertEquals(
        "Connector file orders.yaml: field 'request.method' is missing (one of DELETE, GET, PATCH,"
            + " POST, PUT).",
        mistake("orders.yaml", GOOD.replace("  method: GET\n", "")));
  }

  @Test
  void anUnknownRiskNamesTheAllowedOnes() throws IOException {
    assertEquals(
        "Connector file orders.yaml: field 'risk' must be one of data-modification, irreversible,"
            + " read-only (found 'harmless').",
        mistake("orders.yaml", GOOD.replace("risk: read-only", "risk: harmless")));
  }

  @Test
  void aCustomerFieldTheModelCouldWriteIsRefused() throws IOException {
    String message =
        mistake(
            "orders.yaml",
            GOOD.replace("name: customer}", "name: order_id}")
                .replace("url: /orders/{order_id}", "url: /orders"));
    assertEquals(
        "Connector file orders.yaml: field 'request.customer-field.name' names 'order_id', which is"
            + " also an argument: the model must never write the customer's id, remove it from"
            + " arguments.",
        message);
  }

  @Test
  void aSecretThatIsNotSetIsNamed() throws IOException {
    assertEquals(
        "Connector file orders.yaml: field 'backend.auth.secret' names the secret SHOP_TOKEN, which"
            + " is not set.",
        mistake("orders.yaml", GOOD.replace("secret: SHOP_API_TOKEN", "secret: SHOP_TOKEN")));
  }

  @Test
  void aUrlVariableThatIsNoArgumentIsNamed() throws IOException {
    assertEquals(
        "Connector file orders.yaml: field 'request.url' uses {order}, which is not an argument.",
        mistake("orders.yaml", GOOD.replace("url: /orders/{order_id}", "url: /orders/{order}")));
  }

  @Test
  void aMisspelledFieldIsNamed() throws IOException {
    String message = mistake("orders.yaml", GOOD.replace("risk: read-only", "risc: read-only"));
    assertEquals(
        "Connector file orders.yaml: field 'risc' is not a connector field (known: agents,"
            + " arguments, backend, description, kind, name, ownership, request, response, risk).",
        message);
  }

  @Test
  void unreadableJsonNamesTheFileAndWhere() throws IOException {
    String message =
        mistake("broken.json", "{\"name\": \"order_status\",\n \"risk\": [\"read-only\"}");
    assertEquals(
        "Connector file broken.json: field '(line 2, column 22)' cannot be read as YAML or JSON"
            + " (expected ',' or ']', but got }).",
        message);
  }
}
