package io.frontdesk.toolgate;

/**
 * A tool that is not a Java method: a connector the operator declared in a file (an HTTP call, an
 * MCP server's tool). The gate treats it like a built-in one; it adds only what a method's
 * annotations would say (its description, who offers it, its own ownership rule) and the call.
 */
public interface ExternalTool {

  /** What the model is told the tool does. */
  String description();

  /** Whether this agent is offered the tool. */
  boolean offeredTo(String agent);

  /**
   * Step 1 for this tool's own ownership rule (e.g. a look-up call to the operator's system):
   * throws {@link ToolRefused} when an argument names what is not the caller's.
   */
  void authorize(GateCall call);

  /**
   * Runs the call the gate admitted. A side effect runs through {@link ToolCalls#effect}, once per
   * the call's idempotency key.
   */
  Object run(GateCall call) throws Exception;
}
