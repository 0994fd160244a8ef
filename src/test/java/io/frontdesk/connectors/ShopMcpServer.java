package io.frontdesk.connectors;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;

/**
 * A real MCP server (the MCP Java SDK over streamable HTTP, in an embedded Tomcat) as an operator's
 * shop would run one: a read-only {@code order_note} and a side-effecting {@code cancel_order} that
 * records every cancellation it makes, with the caller and idempotency headers it was sent.
 */
final class ShopMcpServer implements AutoCloseable {

  /** One tool call as the server ran it. */
  record Ran(String tool, String orderId, String customer, String idempotencyKey) {}

  private final Tomcat tomcat = new Tomcat();
  private final McpSyncServer server;
  private final List<Ran> ran = new CopyOnWriteArrayList<>();

  ShopMcpServer() {
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .mcpEndpoint("/mcp")
            .contextExtractor(
                request -> {
                  Map<String, Object> headers = new HashMap<>();
                  for (String name : List.of("X-Frontdesk-Customer", "Idempotency-Key")) {
                    if (request.getHeader(name) != null) {
                      headers.put(name, request.getHeader(name));
                    }
                  }
                  return McpTransportContext.create(headers);
                })
            .build();
    server =
        McpServer.sync(transport)
            .serverInfo("shop-mcp", "1.0.0")
            .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
            .tools(
                tool("order_note", "The shop's delivery note for one order.", "note"),
                tool("cancel_order", "Cancel one of the customer's shop orders.", "cancel"))
            .build();
    try {
      // a JVM takes one URL stream handler factory: Tomcat's second start (the next test
      // profile's) would fail to set it again, and an embedded server needs none
      TomcatURLStreamHandlerFactory.disable();
      tomcat.setBaseDir(Files.createTempDirectory("shop-mcp").toString());
      tomcat.setPort(0);
      Context context = tomcat.addContext("", null);
      Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
      context.addServletMappingDecoded("/mcp", "mcp");
      tomcat.getConnector();
      tomcat.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }

  private McpServerFeatures.SyncToolSpecification tool(String name, String what, String kind) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder()
            .name(name)
            .description(what)
            .inputSchema(
                Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of("order_id", Map.of("type", "string", "description", "The order")),
                    "required",
                    List.of("order_id")))
            .build();
    return McpServerFeatures.SyncToolSpecification.builder()
        .tool(tool)
        .callHandler(
            (exchange, request) -> {
              String order = String.valueOf(request.arguments().get("order_id"));
              McpTransportContext headers = exchange.transportContext();
              ran.add(
                  new Ran(
                      name,
                      order,
                      (String) headers.get("X-Frontdesk-Customer"),
                      (String) headers.get("Idempotency-Key")));
              String text =
                  kind.equals("note")
                      ? "{\"order\":\"%s\",\"note\":\"left with the neighbour\"}".formatted(order)
                      : "{\"order\":\"%s\",\"cancelled\":true}".formatted(order);
              return McpSchema.CallToolResult.builder().addTextContent(text).build();
            })
        .build();
  }

  String url() {
    return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
  }

  /** What the server ran for this order, in order. */
  List<Ran> ran(String tool, String orderId) {
    return ran.stream().filter(r -> r.tool().equals(tool) && r.orderId().equals(orderId)).toList();
  }

  @Override
  public void close() {
    server.closeGracefully();
    try {
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException e) {
      throw new IllegalStateException(e);
    }
  }
}
