package io.frontdesk.connectors;

import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolCatalog;
import io.frontdesk.toolgate.ToolDescriptor;
import io.frontdesk.toolgate.ToolSource;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
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
 * under the fault tolerance of its backend (one guard per backend name).
 */
@Startup
@ApplicationScoped
public class Connectors implements ToolSource {

  private static final Logger LOG = Logger.getLogger(Connectors.class);

  private final List<ToolDescriptor> tools;

  Connectors(ConnectorConfig config, ToolCatalog catalog, ToolCalls calls, ReactiveBridge bridge) {
    if (config.dir().isEmpty()) {
      tools = List.of();
      return;
    }
    ConnectorFiles.Declared declared =
        ConnectorFiles.read(config.dir().get(), ConfigProvider.getConfig());
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    Map<String, Guard> guards = new HashMap<>();
    Map<String, HttpToolSpec.Backend> backends = new HashMap<>();
    List<ToolDescriptor> http = new ArrayList<>();
    for (HttpToolSpec spec : declared.http()) {
      if (catalog.builtIn(spec.name())) {
        throw new ConnectorFileError(
            spec.file(), "name", "is '" + spec.name() + "', a built-in tool's name");
      }
      Guard guard =
          guards.computeIfAbsent(spec.backend().name(), name -> guard(name, spec.backend()));
      HttpToolSpec.Backend first = backends.putIfAbsent(spec.backend().name(), spec.backend());
      if (first != null && !first.policy().equals(spec.backend().policy())) {
        throw new ConnectorFileError(
            spec.file(),
            "backend",
            "sets other limits for backend '" + spec.backend().name() + "' than another file");
      }
      http.add(
          ToolDescriptor.external(
              spec.name(),
              spec.risk(),
              spec.arguments(),
              new HttpConnectorTool(spec, guard, client, calls, bridge)));
    }
    tools = List.copyOf(http);
    LOG.infof(
        "Connectors: %d HTTP tool(s) from %s: %s",
        tools.size(), config.dir().get(), tools.stream().map(ToolDescriptor::name).toList());
  }

  private static Guard guard(String backend, HttpToolSpec.Backend spec) {
    return BackendGuards.backend("connector-" + backend, spec.policy());
  }

  @Override
  public List<ToolDescriptor> tools() {
    return tools;
  }
}
