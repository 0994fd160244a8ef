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
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every gated tool, discovered once from the {@link GatedTools} beans: name, declared risk, owned
 * arguments and schema. A {@code @Tool} without {@link ToolRisk} stops the start. It also runs a
 * stored call again (an approved one) through the bean, so the gate sees it like any other.
 */
@ApplicationScoped
public class ToolCatalog {

  private final Map<String, ToolDescriptor> tools = new LinkedHashMap<>();
  private final ObjectMapper json;

  ToolCatalog(BeanManager beans, ObjectMapper json) {
    this.json = json;
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
    return Optional.ofNullable(tools.get(name));
  }

  public Map<String, ToolDescriptor> all() {
    return Map.copyOf(tools);
  }

  /**
   * Calls the tool through its CDI bean (so it passes the gate) with stored arguments, as the
   * model's call would have been made.
   */
  public Object invoke(ToolDescriptor tool, Map<String, Object> arguments, RunningTurn turn)
      throws Exception {
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
