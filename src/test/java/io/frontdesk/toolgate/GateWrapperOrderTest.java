package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkiverse.langchain4j.runtime.tool.QuarkusToolExecutor;
import io.quarkus.arc.All;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * quarkus-langchain4j nests the tool wrappers in the order of this list, the last outermost: the
 * gate must be that one, so no other wrapper (the tool span, tool guardrails) runs before it.
 */
@QuarkusTest
class GateWrapperOrderTest {

  @Inject @All List<QuarkusToolExecutor.Wrapper> wrappers;

  @Test
  void theGateIsTheOutermostToolWrapper() {
    assertTrue(wrappers.size() > 1, "quarkus-langchain4j's own wrappers are there: " + wrappers);
    assertEquals(
        GateWrapper.class,
        io.quarkus.arc.ClientProxy.unwrap(wrappers.getLast()).getClass(),
        "wrappers in nesting order: " + wrappers);
  }
}
