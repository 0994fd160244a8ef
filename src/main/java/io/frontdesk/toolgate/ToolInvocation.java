package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.turn.RunningTurn;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call as the gate sees it: tool name, the model's arguments, the turn it is made in (the
 * agent's memory id, handed down by the engine), and the model's call id when known.
 */
public record ToolInvocation(
    String tool, Map<String, Object> arguments, RunningTurn turn, String callId) {

  public ToolInvocation(String tool, Map<String, Object> arguments, RunningTurn turn) {
    this(tool, arguments, turn, null);
  }

  /** The turn a memory id stands for: tools run only inside a turn. */
  public static RunningTurn turnOf(String tool, Object memoryId) {
    if (memoryId instanceof RunningTurn turn) {
      return turn;
    }
    throw new IllegalStateException(
        tool + " was called outside a turn (memory id " + memoryId + ")");
  }

  /**
   * A model's call as it came (arguments as the model wrote them, its call id); arguments that are
   * not a JSON object are refused through the gate (recorded and audited like any denial).
   */
  static ToolInvocation fromModel(ToolGate gate, ToolExecutionRequest request, RunningTurn turn) {
    try {
      String raw =
          request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
      return new ToolInvocation(request.name(), new JsonObject(raw).getMap(), turn, request.id());
    } catch (DecodeException | ClassCastException e) {
      throw gate.refuse(
          new ToolInvocation(request.name(), Map.of(), turn, request.id()),
          "the arguments are not a JSON object; send them as one");
    }
  }

  static ToolInvocation of(Method method, Object[] values) {
    Tool tool = method.getAnnotation(Tool.class);
    String name = tool.name().isBlank() ? method.getName() : tool.name();
    Map<String, Object> arguments = new LinkedHashMap<>();
    Object memoryId = null;
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].isAnnotationPresent(ToolMemoryId.class)) {
        memoryId = values[i];
      } else {
        arguments.put(parameters[i].getName(), values[i]);
      }
    }
    if (memoryId == null) {
      throw new IllegalStateException(name + " must take a @ToolMemoryId parameter");
    }
    return new ToolInvocation(name, arguments, turnOf(name, memoryId));
  }
}
