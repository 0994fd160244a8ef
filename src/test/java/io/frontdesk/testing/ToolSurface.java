package io.frontdesk.testing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tools of a tools bean as the model is offered them: tool name to parameter names, read the
 * way the langchain4j build step reads them (compiled with -parameters). Fails on a tool that lacks
 * the memory id, a description, or a described parameter.
 */
public final class ToolSurface {

  private ToolSurface() {}

  public static Map<String, List<String>> toolsOf(Class<?> tools) {
    Map<String, List<String>> surface = new TreeMap<>();
    for (Method m : tools.getDeclaredMethods()) {
      Tool tool = m.getAnnotation(Tool.class);
      if (tool == null) {
        continue;
      }
      if (String.join("", tool.value()).isBlank()) {
        throw new AssertionError(tool.name() + " has no description");
      }
      List<String> parameters = new ArrayList<>();
      boolean memoryId = false;
      for (Parameter p : m.getParameters()) {
        if (p.isAnnotationPresent(ToolMemoryId.class)) {
          memoryId = true;
        } else if (!p.isAnnotationPresent(P.class)) {
          throw new AssertionError(tool.name() + "." + p.getName() + " has no @P description");
        } else {
          parameters.add(p.getName());
        }
      }
      if (!memoryId) {
        throw new AssertionError(tool.name() + " takes no @ToolMemoryId");
      }
      surface.put(tool.name(), parameters);
    }
    return surface;
  }
}
