package io.frontdesk.connectors;

import dev.langchain4j.agent.tool.ToolSpecification;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.ExternalTool;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.ToolCalls;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.util.TypeLiteral;

/**
 * One tool of an MCP server behind the gate: called under its server's guard, a side effect once
 * per idempotency key (in {@link ToolCalls#effect}, the key also sent to the server), the caller's
 * id sent as a header the model never sees.
 */
final class McpConnectorTool implements ExternalTool {

  private static final TypeLiteral<Uni<String>> TEXT = new TypeLiteral<>() {};

  private final McpServerConnection server;
  private final ToolSpecification tool;
  private final ToolCalls calls;
  private final ReactiveBridge bridge;

  McpConnectorTool(
      McpServerConnection server, ToolSpecification tool, ToolCalls calls, ReactiveBridge bridge) {
    this.server = server;
    this.tool = tool;
    this.calls = calls;
    this.bridge = bridge;
  }

  @Override
  public String description() {
    return tool.description() == null ? tool.name() : tool.description();
  }

  @Override
  public boolean offeredTo(String agent) {
    return server.spec().offeredTo(agent);
  }

  @Override
  public void authorize(GateCall call) {
    // an MCP server knows the caller from the header it is sent; it declares no look-up here
  }

  @Override
  public Object run(GateCall call) {
    String arguments = new JsonObject(call.arguments()).encode();
    String customer = call.caller().customerId();
    if (!call.tool().sideEffect()) {
      return ConnectorResults.of(
          bridge.await(() -> server.guard().get(() -> blocking(arguments, customer, null), TEXT)));
    }
    var remote =
        ConnectorResults.once(
            () -> blocking(arguments, customer, call.idempotencyKey()).map(ConnectorResults::of));
    return calls.effect(server.guard(), conn -> remote.get(), ConnectorResults.Answer.class);
  }

  /** The client blocks: off the event loop (the effect's transaction runs on it). */
  private Uni<String> blocking(String arguments, String customer, String key) {
    return Uni.createFrom()
        .item(() -> server.call(tool.name(), arguments, customer, key))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
