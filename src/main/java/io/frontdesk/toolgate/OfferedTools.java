package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.Json;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.frontdesk.turn.RunningTurn;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Offers an agent the tools of the {@link ToolSource}s it may use (connectors), each call entering
 * the same gate as a built-in {@code @Tool}'s: the arguments as the model wrote them, its call id,
 * the running turn. Provider tools do not pass {@link GateWrapper} (quarkus-langchain4j wraps only
 * {@code @Tool} methods), so the executor here enters the gate itself.
 */
@ApplicationScoped
public class OfferedTools implements ToolProvider {

  private final ToolCatalog catalog;
  private final ToolGate gate;

  OfferedTools(ToolCatalog catalog, ToolGate gate) {
    this.catalog = catalog;
    this.gate = gate;
  }

  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    ToolProviderResult.Builder tools = ToolProviderResult.builder();
    String agent = ToolInvocation.turnOf("connector tools", request.chatMemoryId()).agent();
    addTo(agent, tools);
    return tools.build();
  }

  /** Adds the tools this agent is offered (for a provider that offers others too). */
  public void addTo(String agent, ToolProviderResult.Builder tools) {
    for (ToolDescriptor tool : catalog.external()) {
      if (tool.external().offeredTo(agent)) {
        tools.add(
            ToolSpecification.builder()
                .name(tool.name())
                .description(tool.external().description())
                .parameters(tool.parameters())
                .build(),
            executor(tool));
      }
    }
  }

  private ToolExecutor executor(ToolDescriptor tool) {
    return (ToolExecutionRequest request, Object memoryId) -> {
      RunningTurn turn = ToolInvocation.turnOf(request.name(), memoryId);
      ToolInvocation invocation = ToolInvocation.fromModel(gate, request, turn);
      try {
        Object result =
            gate.execute(invocation, () -> catalog.invoke(tool, invocation.arguments(), turn));
        return result instanceof String text ? text : Json.toJson(result);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** How {@code @RegisterAiService(toolProviderSupplier = …)} reaches this bean. */
  @ApplicationScoped
  public static class Provider implements Supplier<ToolProvider> {

    @Override
    public ToolProvider get() {
      return Arc.container().instance(OfferedTools.class).get();
    }
  }
}
