package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.internal.Json;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.runtime.tool.QuarkusToolExecutor;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;
import java.util.function.BiFunction;

/**
 * Puts every {@code @Tool} call a model makes through the gate before langchain4j maps its
 * arguments, so the gate sees the arguments exactly as the model wrote them (names the schema does
 * not have, wrong JSON types) and the model's call id. Calls made without a model (the offline
 * model, approved calls) enter through {@link ToolGateInterceptor} instead.
 *
 * <p>The outermost wrapper: quarkus-langchain4j nests its wrappers in the order of their priority
 * (the last is outermost), and without one that order follows bean discovery, so it changed when
 * beans were added. The lowest priority keeps the gate first, before the tool span and the tool
 * guardrails, whatever else is added.
 */
@Singleton
@Priority(Integer.MIN_VALUE)
public class GateWrapper implements QuarkusToolExecutor.Wrapper {

  private final ToolGate gate;

  GateWrapper(ToolGate gate) {
    this.gate = gate;
  }

  @Override
  public ToolExecutionResult wrap(
      ToolExecutionRequest request,
      InvocationContext context,
      BiFunction<ToolExecutionRequest, InvocationContext, ToolExecutionResult> next,
      QuarkusToolExecutor executor) {
    RunningTurn turn = ToolInvocation.turnOf(request.name(), context.chatMemoryId());
    ToolInvocation invocation = ToolInvocation.fromModel(gate, request, turn);
    try {
      Object result = gate.execute(invocation, () -> next.apply(request, context).result());
      return ToolExecutionResult.builder()
          .result(result)
          .resultText(result instanceof String text ? text : Json.toJson(result))
          .build();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
