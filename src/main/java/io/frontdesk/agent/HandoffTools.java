package io.frontdesk.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.frontdesk.toolgate.OfferedTools;
import io.frontdesk.toolgate.ToolGate;
import io.frontdesk.toolgate.ToolInvocation;
import io.frontdesk.turn.Handoff;
import io.frontdesk.turn.HumanRequested;
import io.quarkus.arc.Arc;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Handoff tools generated from the agent catalog: {@code transfer_to_<agent>} for every other agent
 * of the topology, and {@code escalate_to_human}. No per-pair code: a new specialist gets its
 * transfer tool, and is offered one to every other agent, by existing. Calls pass the gate. The
 * connector tools the agent may use ({@link OfferedTools}) are offered beside them.
 */
@ApplicationScoped
public class HandoffTools implements ToolProvider {

  static final String TRANSFER_PREFIX = "transfer_to_";
  static final String ESCALATE = "escalate_to_human";

  /** Handoff targets that are workflows carry this prefix. */
  public static final String WORKFLOW = "workflow:";

  private final AgentCatalog catalog;
  private final WorkflowConfig workflows;
  private final ToolGate gate;
  private final OfferedTools connectors;

  HandoffTools(
      AgentCatalog catalog, WorkflowConfig workflows, ToolGate gate, OfferedTools connectors) {
    this.catalog = catalog;
    this.workflows = workflows;
    this.gate = gate;
    this.connectors = connectors;
  }

  @Override
  public ToolProviderResult provideTools(ToolProviderRequest request) {
    String self = ToolInvocation.turnOf("transfer tools", request.chatMemoryId()).agent();
    ToolProviderResult.Builder tools = ToolProviderResult.builder();
    for (AgentCatalog.Entry target : catalog.active()) {
      if (!target.name().equals(self)) {
        tools.add(transferSpec(target), transfer(target.name()));
      }
    }
    workflows
        .cases()
        .forEach(
            (name, workflow) -> {
              String tool = TRANSFER_PREFIX + name.replace('-', '_') + "_workflow";
              tools.add(
                  ToolSpecification.builder()
                      .name(tool)
                      .description("Run the " + name + " workflow: " + workflow.handles())
                      .parameters(stringParameter("reason", "why this case needs the workflow"))
                      .build(),
                  transfer(WORKFLOW + name));
            });
    tools.add(
        ToolSpecification.builder()
            .name(ESCALATE)
            .description(
                "Hand the conversation to a human colleague when no agent can resolve it or the"
                    + " customer needs a person. A ticket is opened.")
            .parameters(stringParameter("summary", "one sentence for the human colleague"))
            .build(),
        (call, memoryId) -> {
          String summary = argument(call, "summary");
          return gated(call, memoryId, Map.of("summary", summary), new HumanRequested(summary));
        });
    connectors.addTo(self, tools);
    return tools.build();
  }

  private static ToolSpecification transferSpec(AgentCatalog.Entry target) {
    return ToolSpecification.builder()
        .name(TRANSFER_PREFIX + target.name())
        .description(
            "Hand the conversation to the " + target.name() + " agent: " + target.handles())
        .parameters(stringParameter("reason", "why this agent should take over, in a few words"))
        .build();
  }

  private ToolExecutor transfer(String target) {
    return (call, memoryId) -> {
      String reason = argument(call, "reason");
      return gated(
          call,
          memoryId,
          Map.of("reason", reason),
          new Handoff(call.id(), call.name(), target, reason));
    };
  }

  /** Runs the control action through the gate (validated, recorded, audited), which throws it. */
  private String gated(
      ToolExecutionRequest call, Object memoryId, Map<String, Object> args, RuntimeException act) {
    try {
      gate.execute(
          new ToolInvocation(call.name(), args, ToolInvocation.turnOf(call.name(), memoryId)),
          () -> {
            throw act;
          });
      throw new IllegalStateException("the gate returned from a control tool");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String argument(ToolExecutionRequest call, String name) {
    try {
      String value = new JsonObject(call.arguments()).getString(name);
      return value == null || value.isBlank() ? "not given" : value;
    } catch (RuntimeException e) {
      return "not given";
    }
  }

  private static JsonObjectSchema stringParameter(String name, String description) {
    return JsonObjectSchema.builder().addStringProperty(name, description).required(name).build();
  }

  /** How {@code @RegisterAiService(toolProviderSupplier = …)} reaches this bean. */
  @ApplicationScoped
  public static class Provider implements Supplier<ToolProvider> {

    @Override
    public ToolProvider get() {
      return Arc.container().instance(HandoffTools.class).get();
    }
  }
}
