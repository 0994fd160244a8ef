package io.frontdesk.connectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Each MCP server's health: in readiness (one entry per server, with the last problem), as the
 * gauge {@code frontdesk_connector_mcp_up{server}} (1 up, 0 down); every server is listed again
 * every {@code frontdesk.connectors.mcp-retry-every} (a server that was down comes back with its
 * tools, one that is up shows the tools it added or withdrew). A server that is down does not make
 * the replica unready: the desk still answers without its tools (they are not offered, or refused
 * as unavailable) and escalates what needs them.
 */
@ApplicationScoped
class McpHealth {

  private final Connectors connectors;

  McpHealth(Connectors connectors, MeterRegistry registry) {
    this.connectors = connectors;
    for (McpServerConnection server : connectors.servers()) {
      Gauge.builder("frontdesk.connector.mcp.up", server, s -> s.up() ? 1 : 0)
          .tag("server", server.spec().name())
          .description("Whether the MCP server answered its last listing or call")
          .register(registry);
    }
  }

  @Scheduled(
      every = "${frontdesk.connectors.mcp-retry-every:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // the connectors are read by the start itself; a run before it ends would read them twice
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    // a server that is up is listed again too: tools it added or withdrew, and whether it answers
    connectors.servers().forEach(McpServerConnection::refresh);
  }

  @Produces
  @Readiness
  HealthCheck readiness() {
    return () -> {
      HealthCheckResponseBuilder response = HealthCheckResponse.named("MCP servers").up();
      for (McpServerConnection server : connectors.servers()) {
        response.withData(
            server.spec().name(),
            server.up()
                ? "up, " + server.tools().size() + " tool(s)"
                : "down: " + server.problem());
      }
      return response.build();
    };
  }
}
