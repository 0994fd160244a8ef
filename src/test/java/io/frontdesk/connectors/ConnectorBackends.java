package io.frontdesk.connectors;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the operator's systems the test connectors call (the shop's order API and its MCP server)
 * and points the connector folder of the default test profile at {@code
 * src/test/resources/connectors}.
 */
public class ConnectorBackends implements QuarkusTestResourceLifecycleManager {

  private static volatile ShopBackend shop;
  private static volatile ShopMcpServer mcp;

  static ShopMcpServer mcp() {
    if (mcp == null) {
      throw new IllegalStateException("the shop's MCP server is not running");
    }
    return mcp;
  }

  static ShopBackend shop() {
    if (shop == null) {
      throw new IllegalStateException("the shop backend is not running");
    }
    return shop;
  }

  @Override
  public Map<String, String> start() {
    shop = new ShopBackend();
    mcp = new ShopMcpServer();
    return Map.of(
        "frontdesk.connectors.dir",
        "src/test/resources/connectors",
        "SHOP_API_URL",
        shop.baseUrl(),
        "SHOP_API_TOKEN",
        ShopBackend.TOKEN,
        "SHOP_MCP_URL",
        mcp.url());
  }

  @Override
  public void stop() {
    if (shop != null) {
      shop.close();
      shop = null;
    }
    if (mcp != null) {
      mcp.close();
      mcp = null;
    }
  }
}
