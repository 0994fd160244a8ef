package io.frontdesk.toolgate;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * What the gate knows of a tool: its risk, which arguments name the customer's resources, its
 * parameter schema (what the model was offered), and where it lives: a {@code @Tool} method, or an
 * {@link ExternalTool} (a connector). Control tools (handoffs, escalate_to_human) route the
 * conversation and change nothing.
 */
public record ToolDescriptor(
    String name,
    RiskLevel risk,
    ToolRisk.OnceScope once,
    Map<String, OwnedResource> owned,
    JsonObjectSchema parameters,
    Method method,
    Class<?> beanClass,
    ExternalTool external) {

  /** A built-in {@code @Tool} method of a bean. */
  public ToolDescriptor(
      String name,
      RiskLevel risk,
      ToolRisk.OnceScope once,
      Map<String, OwnedResource> owned,
      JsonObjectSchema parameters,
      Method method,
      Class<?> beanClass) {
    this(name, risk, once, owned, parameters, method, beanClass, null);
  }

  /** A tool declared outside Java (a connector file, an MCP server). */
  public static ToolDescriptor external(
      String name, RiskLevel risk, JsonObjectSchema parameters, ExternalTool tool) {
    return new ToolDescriptor(
        name, risk, ToolRisk.OnceScope.CONVERSATION, Map.of(), parameters, null, null, tool);
  }

  /** A generated routing tool (transfer_to_*, escalate_to_human). */
  public static ToolDescriptor control(String name, JsonObjectSchema parameters) {
    return new ToolDescriptor(
        name, RiskLevel.READ_ONLY, ToolRisk.OnceScope.TURN, Map.of(), parameters, null, null);
  }

  public boolean control() {
    return method == null && external == null;
  }

  /** A side effect: executed once per idempotency key, atomically with its audit row. */
  public boolean sideEffect() {
    return risk != RiskLevel.READ_ONLY;
  }
}
