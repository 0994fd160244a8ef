package io.frontdesk.technical;

import static io.frontdesk.testing.ToolSurface.toolsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the model sees of the technical tools: snake_case names, and never a customer id. */
class TechnicalToolsTest {

  @Test
  void toolsAndParametersAsTheModelSeesThem() {
    assertEquals(
        Map.of(
            "list_services", List.of(),
            "get_service_logs", List.of("service_id", "since"),
            "run_diagnostics", List.of("service_id"),
            "restart_service", List.of("service_id")),
        toolsOf(TechnicalTools.class));
  }
}
