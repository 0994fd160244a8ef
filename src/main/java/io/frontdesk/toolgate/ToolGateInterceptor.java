package io.frontdesk.toolgate;

import dev.langchain4j.agent.tool.Tool;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Routes every {@code @Tool} method of a {@link GatedTools} bean through the {@link ToolGate}. */
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
    if (!ic.getMethod().isAnnotationPresent(Tool.class)) {
      return ic.proceed();
    }
    return gate.execute(ToolInvocation.of(ic.getMethod(), ic.getParameters()), ic::proceed);
  }
}
