package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with a malformed connector file: the start stops with the one sentence that
 * names the file and the field, and the service never listens.
 */
class ConnectorStartupIT {

  @Test
  void aMalformedConnectorFileStopsTheStartWithOneSentenceNamingFileAndField(@TempDir Path dir)
      throws Exception {
    Path connectors = Files.createDirectories(dir.resolve("connectors"));
    Files.writeString(
        connectors.resolve("orders.yaml"),
        """
        name: order_status
        description: Where an order is.
        risk: read-only
        backend:
          base-url: https://shop.example.com
        request:
          method: FETCH
          url: /orders
          customer-field: {in: query, name: customer}
        """);
    ServiceProcess broken =
        ServiceProcess.launch(
            dir,
            "broken-connector",
            Map.of(
                "FRONTDESK_CONNECTORS_DIR",
                connectors.toString(),
                "FRONTDESK_EMBEDDED_DATABASE_DATA_DIR",
                dir.resolve("pg").toString()));
    int exit = broken.awaitExit(Duration.ofMinutes(3));
    String log = broken.log();

    assertNotEquals(0, exit, "it must not start");
    assertTrue(
        log.contains(
            "Connector file orders.yaml: field 'request.method' must be one of DELETE, GET, PATCH,"
                + " POST, PUT (found 'FETCH')."),
        log);
    assertFalse(log.contains("Listening on"), log);
  }
}
