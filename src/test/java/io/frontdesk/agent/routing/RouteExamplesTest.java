package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.turn.Route;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RouteExamplesTest {

  @Test
  void sectionsLabelTheLinesBelowThem() {
    List<RouteExamples.Example> examples =
        RouteExamples.parse(
            """
            # a comment
            [billing/refund]
            I want my money back

            [human]
              get me a person
            [workflow:service-outage/service_status]
            my site is down
            """,
            "test");
    assertEquals(3, examples.size());
    assertEquals("billing/refund", examples.get(0).label());
    assertEquals("billing", examples.get(0).route());
    assertEquals("get me a person", examples.get(1).text());
    assertEquals("human", examples.get(1).route());
    assertEquals("workflow:service-outage", examples.get(2).route());
  }

  @Test
  void malformedFilesNameTheLine() {
    IllegalArgumentException before =
        assertThrows(
            IllegalArgumentException.class, () -> RouteExamples.parse("hello\n[smalltalk]", "f"));
    assertTrue(before.getMessage().contains("f line 1"), before.getMessage());
    IllegalArgumentException header =
        assertThrows(
            IllegalArgumentException.class, () -> RouteExamples.parse("[Billing Refund]\nx", "f"));
    assertTrue(header.getMessage().contains("line 1"), header.getMessage());
  }

  @Test
  void theShippedExamplesCoverEveryRouteTheDeskAnswersOrHandsOn() {
    Set<String> routes =
        Router.shipped().stream().map(RouteExamples.Example::route).collect(Collectors.toSet());
    assertEquals(
        Set.of(
            "billing",
            "technical",
            "general",
            "workflow:service-outage",
            Route.SMALLTALK,
            Route.HUMAN,
            Route.OUT_OF_SCOPE),
        routes);
  }
}
