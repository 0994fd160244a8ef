package io.frontdesk.connectors;

import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolCatalog;
import io.frontdesk.toolgate.ToolDescriptor;
import io.frontdesk.toolgate.ToolSource;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The operator's connector tools, read from {@code frontdesk.connectors.dir} at start (a mistake
 * stops the start): each HTTP file becomes a tool the gate describes and runs like a built-in one,
 * under the fault tolerance of its backend (one guard per backend name); each MCP file a server
 * whose listed tools do the same.
 */
@Startup
@ApplicationScoped
public class Connectors implements ToolSource {

  private static final Logger LOG = Logger.getLogger(Connectors.class);

  private final List<ToolDescriptor> tools;
  private final List<McpServerConnection> servers;
  private final ToolCatalog catalog;

  Connectors(ConnectorConfig config, ToolCatalog catalog, ToolCalls calls, ReactiveBridge bridge) {
    this.catalog = catalog;
    if (config.dir().isEmpty()) {
      tools = List.of();
      servers = List.of();
      return;
    }
    ConnectorFiles.Declared declared =
        ConnectorFiles.read(config.dir().get(), ConfigProvider.getConfig());
    tools = httpTools(declared.http(), calls, bridge);
    List<McpServerConnection> mcp = new ArrayList<>();
    for (McpServerSpec spec : declared.mcp()) {
      Guard guard = BackendGuards.backend("connector-mcp-" + spec.name(), spec.server().policy());
      McpServerConnection server = new McpServerConnection(spec, guard, calls, bridge);
      // a server that is down now does not stop the start: McpHealth tries it again
      server.refresh();
      mcp.add(server);
    }
    servers = List.copyOf(mcp);
    LOG.infof(
        "Connectors: %d HTTP tool(s) %s and %d MCP server(s) from %s",
        tools.size(),
        tools.stream().map(ToolDescriptor::name).toList(),
        servers.size(),
        config.dir().get());
  }

  private List<ToolDescriptor> httpTools(
      List<HttpToolSpec> specs, ToolCalls calls, ReactiveBridge bridge) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Map<String, Guard> guards = new HashMap<>();
    Map<String, HttpToolSpec.Backend> backends = new HashMap<>();
    List<ToolDescriptor> http = new ArrayList<>();
    for (HttpToolSpec spec : specs) {
      if (catalog.builtIn(spec.name())) {
        throw new ConnectorFileError(
            spec.file(), "name", "is '" + spec.name() + "', a built-in tool's name");
      }
      HttpToolSpec.Backend first = backends.putIfAbsent(spec.backend().name(), spec.backend());
      if (first != null && !first.policy().equals(spec.backend().policy())) {
        throw new ConnectorFileError(
            spec.file(),
            "backend",
            "sets other limits for backend '" + spec.backend().name() + "' than another file");
      }
      Guard guard =
          guards.computeIfAbsent(spec.backend().name(), name -> guard(name, spec.backend()));
      http.add(
          ToolDescriptor.external(
              spec.name(),
              spec.risk(),
              spec.arguments(),
              new HttpConnectorTool(spec, guard, client, calls, bridge)));
    }
    return List.copyOf(http);
  }

  /** The MCP servers the folder declares, for their health and metrics. */
  List<McpServerConnection> servers() {
    return servers;
  }

  @PreDestroy
  void close() {
    servers.forEach(McpServerConnection::close);
  }

  private static Guard guard(String backend, HttpToolSpec.Backend spec) {
    return BackendGuards.backend("connector-" + backend, spec.policy());
  }

  @Override
  public List<ToolDescriptor> tools() {
    if (servers.isEmpty()) {
      return tools;
    }
    List<ToolDescriptor> all = new ArrayList<>(tools);
    for (McpServerConnection server : servers) {
      for (ToolDescriptor tool : server.tools()) {
        // an MCP tool may not shadow a built-in or a file's tool: it is left out
        if (!catalog.builtIn(tool.name())
            && all.stream().noneMatch(t -> t.name().equals(tool.name()))) {
          all.add(tool);
        }
      }
    }
    return all;
  }
}
