package io.frontdesk.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.toolgate.RiskLevel;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectors documentation's worked example is exactly the files the connector tests run
 * ({@link HttpConnectorTest}, {@link McpConnectorTest}), and those files, alone in a folder, read
 * as the tools the documentation describes.
 */
class ConnectorDocsTest {

  private static final Path FILES = Path.of("src/test/resources/connectors");
  private static final Pattern EXAMPLE =
      Pattern.compile("File `([a-z\\-]+\\.yaml)`:\\n\\n```yaml\\n(.*?)```", Pattern.DOTALL);

  /** The operators' page of the worked example. */
  private static Path page() {
    return Path.of("docs/connectors.md");
  }

  private static Map<String, String> examples() throws IOException {
    Matcher m = EXAMPLE.matcher(Files.readString(page()));
    Map<String, String> files = new LinkedHashMap<>();
    while (m.find()) {
      files.put(m.group(1), m.group(2));
    }
    return files;
  }

  @Test
  void theWorkedExampleIsTheFilesTheTestsRun() throws IOException {
    Map<String, String> examples = examples();

    assertEquals(List.of("order-status.yaml", "shop-mcp.yaml"), List.copyOf(examples.keySet()));
    for (Map.Entry<String, String> e : examples.entrySet()) {
      assertEquals(Files.readString(FILES.resolve(e.getKey())), e.getValue(), e.getKey());
    }
  }

  @Test
  void theWorkedExampleReadsAsTheToolsItDescribes(@TempDir Path dir) throws IOException {
    for (Map.Entry<String, String> e : examples().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    Config config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "SHOP_API_URL", "https://shop.example.com/api",
                        "SHOP_API_TOKEN", "secret",
                        "SHOP_MCP_URL", "https://shop.example.com/mcp"),
                    "example",
                    500))
            .build();

    ConnectorFiles.Declared declared = ConnectorFiles.read(dir, config);

    HttpToolSpec orders = declared.http().getFirst();
    assertEquals("order_status", orders.name());
    assertEquals(RiskLevel.READ_ONLY, orders.risk());
    assertEquals("https://shop.example.com/api", orders.backend().baseUrl());
    assertEquals("query", orders.request().customerIn());
    assertEquals("customer", orders.request().customerName());
    assertTrue(orders.ownership().lookup());
    assertEquals(List.of("order", "status", "carrier"), orders.response().fields());
    McpServerSpec shop = declared.mcp().getFirst();
    assertEquals("shop_", shop.prefix());
    assertEquals(RiskLevel.READ_ONLY, shop.riskOf("order_note"));
    assertEquals(RiskLevel.DATA_MODIFICATION, shop.riskOf("cancel_order"));
    assertEquals(RiskLevel.IRREVERSIBLE, shop.riskOf("delete_everything"), "undeclared: a person");
  }
}
