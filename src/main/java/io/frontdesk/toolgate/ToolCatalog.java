package io.frontdesk.toolgate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import dev.langchain4j.agent.tool.ToolSpecifications;
import io.frontdesk.turn.RunningTurn;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every gated tool: the built-in ones discovered once from the {@link GatedTools} beans (name,
 * declared risk, owned arguments and schema; a {@code @Tool} without {@link ToolRisk} stops the
 * start), and those of the {@link ToolSource}s (connectors). It also runs a stored call again (an
 * approved one) through the bean or the connector, so the gate sees it like any other.
 */
@ApplicationScoped
public class ToolCatalog {

  private final Map<String, ToolDescriptor> tools = new LinkedHashMap<>();
  private final ObjectMapper json;
  private final Instance<ToolSource> sources;

  ToolCatalog(BeanManager beans, ObjectMapper json, Instance<ToolSource> sources) {
    this.json = json;
    this.sources = sources;
    for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean instanceof InjectableBean<?> b ? b.getImplementationClass() : null;
      if (type == null || !type.isAnnotationPresent(GatedTools.class)) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        Tool tool = method.getAnnotation(Tool.class);
        if (tool != null) {
          ToolDescriptor descriptor = describe(type, method, tool);
          tools.put(descriptor.name(), descriptor);
        }
      }
    }
  }

  public Optional<ToolDescriptor> find(String name) {
    ToolDescriptor builtIn = tools.get(name);
    if (builtIn != null) {
      return Optional.of(builtIn);
    }
    return external().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Whether a {@code @Tool} method has this name (a connector may not take it). */
  public boolean builtIn(String name) {
    return tools.containsKey(name);
  }

  public Map<String, ToolDescriptor> all() {
    Map<String, ToolDescriptor> all = new LinkedHashMap<>(tools);
    external().forEach(t -> all.putIfAbsent(t.name(), t));
    return Map.copyOf(all);
  }

  /** The tools of the {@link ToolSource}s, as they are now. */
  public List<ToolDescriptor> external() {
    List<ToolDescriptor> external = new ArrayList<>();
    sources.forEach(source -> external.addAll(source.tools()));
    return external;
  }

  /**
   * Calls the tool through its CDI bean (so it passes the gate) with stored arguments, as the
   * model's call would have been made.
   */
  public Object invoke(ToolDescriptor tool, Map<String, Object> arguments, RunningTurn turn)
      throws Exception {
    if (tool.external() != null) {
      GateCall call = ToolCalls.bound();
      if (call == null || !call.tool().name().equals(tool.name())) {
        throw new IllegalStateException(tool.name() + " was run outside the tool gate");
      }
      return tool.external().run(call);
    }
    Parameter[] parameters = tool.method().getParameters();
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      values[i] =
          parameters[i].isAnnotationPresent(ToolMemoryId.class)
              ? turn
              : json.convertValue(arguments.get(parameters[i].getName()), parameters[i].getType());
    }
    Object bean = Arc.container().instance(tool.beanClass()).get();
    try {
      return tool.method().invoke(bean, values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static ToolDescriptor describe(Class<?> type, Method method, Tool tool) {
    String name = tool.name().isBlank() ? method.getName() : tool.name();
    ToolRisk risk = method.getAnnotation(ToolRisk.class);
    if (risk == null) {
      throw new IllegalStateException(
          "tool " + name + " on " + type.getName() + " must declare its risk with @ToolRisk");
    }
    Map<String, OwnedResource> owned = new LinkedHashMap<>();
    for (Parameter p : method.getParameters()) {
      Owned o = p.getAnnotation(Owned.class);
      if (o != null) {
        owned.put(p.getName(), o.value());
      }
      if (p.getAnnotation(P.class) == null && p.getAnnotation(ToolMemoryId.class) == null) {
        throw new IllegalStateException("tool " + name + ": describe parameter " + p.getName());
      }
    }
    return new ToolDescriptor(
        name,
        risk.value(),
        risk.once(),
        Map.copyOf(owned),
        ToolSpecifications.toolSpecificationFrom(method).parameters(),
        method,
        type);
  }
}
