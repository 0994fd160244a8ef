package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.turn.Route;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class RouterModelTest {

  // two actions of one route share a direction; a second route another
  private static final List<String> LABELS =
      List.of(
          "billing/refund",
          "billing/refund",
          "billing/invoice",
          "billing/invoice",
          "human",
          "human");
  private static final List<float[]> VECTORS =
      List.of(
          new float[] {1, 0.2f, 0},
          new float[] {1, 0.3f, 0},
          new float[] {1, -0.2f, 0},
          new float[] {1, -0.3f, 0},
          new float[] {0, 0, 1},
          new float[] {0, 0.1f, 1});

  private static RouterModel model(double threshold) {
    return RouterModel.train(
        LABELS, VECTORS, Router.settings(1e-3), threshold, new ForkJoinPool(1));
  }

  @Test
  void aRouteIsAsSureAsAllItsActionsTogether() {
    // between the two billing actions: each is unsure, the route is not
    Route route = model(0.8).classify(new float[] {1, 0, 0});
    assertEquals("billing", route.route());
    assertTrue(route.confidence() > 0.8, "route confidence " + route.confidence());
    assertTrue(route.sure());
  }

  @Test
  void theActionIsTheBestWithinTheRoute() {
    assertEquals("refund", model(0.5).classify(new float[] {1, 0.25f, 0}).action());
    assertEquals("invoice", model(0.5).classify(new float[] {1, -0.25f, 0}).action());
    Route human = model(0.5).classify(new float[] {0, 0, 1});
    assertEquals(Route.HUMAN, human.route());
    assertEquals(null, human.action());
  }

  @Test
  void belowTheThresholdItIsNotSure() {
    Route between = model(0.99).classify(new float[] {0.5f, 0, 0.5f});
    assertFalse(between.sure());
    assertFalse(between.is(between.route()));
  }

  @Test
  void labelsAreSortedSoSectionOrderDoesNotMatter() {
    assertEquals(List.of("billing/invoice", "billing/refund", "human"), model(0.5).labels());
    assertEquals(List.of("billing", "human"), model(0.5).routes());
  }

  @Test
  void outOfScopeWinsOnceItsProbabilityReachesTheSettingEvenWhenAnotherRouteIsLikelier() {
    RouterModel model =
        RouterModel.train(
            List.of("billing/refund", "billing/refund", "out_of_scope", "out_of_scope"),
            List.of(
                new float[] {1, 0.1f, 0},
                new float[] {1, -0.1f, 0},
                new float[] {0, 0, 1},
                new float[] {0, 0.1f, 1}),
            Router.settings(1e-3),
            0.5,
            new ForkJoinPool(1));
    float[] leaningToBilling = {0.55f, 0, 0.45f};
    Route alone = model.classify(leaningToBilling);
    assertEquals("billing", alone.route(), "without the rule the likeliest route decides");
    double outOfScope = 1 - alone.confidence();
    assertTrue(outOfScope > 0.05 && outOfScope < 0.5, "out-of-scope probability " + outOfScope);

    Route withRule = model.withOutOfScopeAt(outOfScope - 0.01).classify(leaningToBilling);
    assertEquals(Route.OUT_OF_SCOPE, withRule.route());
    assertTrue(withRule.sure());
    assertEquals(
        "billing",
        model.withOutOfScopeAt(outOfScope + 0.01).classify(leaningToBilling).route(),
        "below the setting the likeliest route still decides");
  }
}
