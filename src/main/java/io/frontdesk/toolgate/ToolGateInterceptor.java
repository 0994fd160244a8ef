package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.Tool;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Routes every {@code @Tool} method of a {@link GatedTools} bean through the {@link ToolGate}: a
 * call the gate already admitted (through {@link GateWrapper}) runs; any other call of a tool — the
 * offline model's, an approved call's — passes the whole gate here.
 */
@GatedTools
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ToolGateInterceptor {

  private final ToolGate gate;

  ToolGateInterceptor(ToolGate gate) {
    this.gate = gate;
  }

  @AroundInvoke
  Object gate(InvocationContext ic) throws Exception {
    Tool tool = ic.getMethod().getAnnotation(Tool.class);
    if (tool == null) {
      return ic.proceed();
    }
    ToolInvocation invocation = ToolInvocation.of(ic.getMethod(), ic.getParameters());
    if (ToolGate.entering(invocation.tool())) {
      return ic.proceed();
    }
    return gate.execute(invocation, ic::proceed);
  }
}
