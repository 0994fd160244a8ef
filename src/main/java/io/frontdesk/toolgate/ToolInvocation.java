package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call as the gate sees it: tool name, the model's arguments, the memory id, and the model's
 * call id when known.
 */
public record ToolInvocation(
    String tool, Map<String, Object> arguments, Object memoryId, String callId) {

  public ToolInvocation(String tool, Map<String, Object> arguments, Object memoryId) {
    this(tool, arguments, memoryId, null);
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
    return new ToolInvocation(name, arguments, memoryId);
  }
}
