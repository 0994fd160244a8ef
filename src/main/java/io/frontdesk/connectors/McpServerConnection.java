package io.frontdesk.connectors;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.RiskLevel;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolDescriptor;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.faulttolerance.api.Guard;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One MCP server over streamable HTTP (langchain4j's MCP client): its tools as the server lists
 * them (kept from the last successful listing), whether it answers, and a call with the caller's id
 * and the idempotency key as headers. A server that is down at start does not stop the start: its
 * tools are missing until it answers ({@link McpHealth} tries again).
 */
final class McpServerConnection {

  private static final Logger LOG = Logger.getLogger(McpServerConnection.class);
  static final String CUSTOMER = "frontdesk.customer";
  static final String IDEMPOTENCY_KEY = "frontdesk.idempotency-key";

  private final McpServerSpec spec;
  private final Guard guard;
  private final ToolCalls calls;
  private final ReactiveBridge bridge;
  private volatile McpClient client;
  private volatile List<ToolDescriptor> tools = List.of();
  private volatile boolean up;
  private volatile String problem = "not connected yet";

  McpServerConnection(McpServerSpec spec, Guard guard, ToolCalls calls, ReactiveBridge bridge) {
    this.spec = spec;
    this.guard = guard;
    this.calls = calls;
    this.bridge = bridge;
  }

  McpServerSpec spec() {
    return spec;
  }

  Guard guard() {
    return guard;
  }

  boolean up() {
    return up;
  }

  String problem() {
    return problem;
  }

  List<ToolDescriptor> tools() {
    return tools;
  }

  /** Connects (or reconnects) and lists the tools; a failure is kept as the server's state. */
  synchronized void refresh() {
    try {
      if (client == null) {
        client = open();
      }
      tools = describe(client.listTools());
      if (!up) {
        LOG.infof("MCP server %s is up: %d tool(s)", spec.name(), tools.size());
      }
      up = true;
      problem = null;
    } catch (RuntimeException e) {
      if (up || client == null) {
        LOG.warnf("MCP server %s does not answer: %s", spec.name(), e.toString());
      }
      up = false;
      problem = e.toString();
      closeQuietly();
    }
  }

  /**
   * The listed tools the file lets the model see, under the server's prefix, with the risk the
   * operator declared and the server's own input schema (what the gate validates against).
   */
  private List<ToolDescriptor> describe(List<ToolSpecification> listed) {
    List<ToolDescriptor> described = new ArrayList<>();
    for (ToolSpecification tool : listed) {
      RiskLevel risk = spec.riskOf(tool.name());
      if (risk != null) {
        described.add(
            ToolDescriptor.external(
                spec.prefix() + tool.name(),
                risk,
                tool.parameters() == null ? JsonObjectSchema.builder().build() : tool.parameters(),
                new McpConnectorTool(this, tool, calls, bridge)));
      }
    }
    return List.copyOf(described);
  }

  /**
   * Calls one tool; an error the tool itself reports is its answer (a refusal the model reads), a
   * transport failure is the server failing (retried under the guard, counted by its breaker).
   */
  String call(String tool, String arguments, String customerId, String idempotencyKey) {
    McpClient current = client;
    if (current == null) {
      throw new IllegalStateException("MCP server " + spec.name() + " is not connected");
    }
    Map<String, Object> parameters = new HashMap<>();
    parameters.put(CUSTOMER, customerId);
    if (idempotencyKey != null) {
      parameters.put(IDEMPOTENCY_KEY, idempotencyKey);
    }
    InvocationContext context =
        InvocationContext.builder()
            .invocationParameters(InvocationParameters.from(parameters))
            .timestampNow()
            .build();
    ToolExecutionResult result;
    try {
      result =
          current.executeTool(
              ToolExecutionRequest.builder().name(tool).arguments(arguments).build(), context);
    } catch (RuntimeException failure) {
      up = false;
      problem = failure.toString();
      throw failure;
    }
    up = true;
    String text = result.resultText() == null ? "" : result.resultText();
    if (result.isError()) {
      throw new ToolRefused(
          "%s answered with an error: %s".formatted(spec.prefix() + tool, cap(text)));
    }
    return cap(text);
  }

  private String cap(String text) {
    return text.length() <= spec.maxChars()
        ? text
        : text.substring(0, spec.maxChars()) + " …(cut at " + spec.maxChars() + " characters)";
  }

  private McpClient open() {
    HttpToolSpec.Backend server = spec.server();
    Duration timeout = Duration.ofMillis(server.policy().timeoutMs());
    StreamableHttpMcpTransport transport =
        StreamableHttpMcpTransport.builder()
            .url(server.baseUrl())
            .timeout(timeout)
            .customHeaders(this::headers)
            .build();
    return DefaultMcpClient.builder()
        .key(spec.name())
        .clientName("frontdesk")
        .transport(transport)
        .initializationTimeout(timeout)
        .toolExecutionTimeout(timeout)
        .cacheToolList(false)
        .build();
  }

  /** Credentials, and for a tool call the caller's id and the idempotency key. */
  private Map<String, String> headers(McpCallContext context) {
    Map<String, String> headers = new HashMap<>();
    HttpToolSpec.Auth auth = spec.server().auth();
    switch (auth.type()) {
      case "bearer" -> headers.put("Authorization", "Bearer " + auth.secret());
      case "basic" ->
          headers.put(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (auth.user() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8)));
      case "api-key" -> headers.put(auth.header(), auth.secret());
      default -> {}
    }
    InvocationContext invocation = context == null ? null : context.invocationContext();
    InvocationParameters parameters = invocation == null ? null : invocation.invocationParameters();
    if (parameters != null && parameters.containsKey(CUSTOMER)) {
      headers.put(spec.customerHeader(), parameters.get(CUSTOMER));
      if (parameters.containsKey(IDEMPOTENCY_KEY)) {
        headers.put("Idempotency-Key", parameters.get(IDEMPOTENCY_KEY));
      }
    }
    return headers;
  }

  void close() {
    closeQuietly();
  }

  private void closeQuietly() {
    McpClient open = client;
    client = null;
    if (open != null) {
      try {
        open.close();
      } catch (Exception e) {
        LOG.debugf("Closing MCP client %s: %s", spec.name(), e.toString());
      }
    }
  }
}
