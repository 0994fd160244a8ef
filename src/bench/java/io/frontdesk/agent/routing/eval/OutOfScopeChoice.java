package io.frontdesk.agent.routing.eval;

import static io.frontdesk.agent.routing.eval.Report.f3;

import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.turn.Route;
import java.util.List;

/**
 * The shipped router's out-of-scope probability ({@code frontdesk.router.out-of-scope-at}), by
 * 5-fold cross-validation on the demo examples' training part: the lowest setting (most messages
 * sent out of scope) whose route accuracy is not below the likeliest route's alone.
 */
final class OutOfScopeChoice {

  static final double[] GRID = {RouterModel.NEVER, 0.5, 0.4, 0.3, 0.2, 0.1};

  private OutOfScopeChoice() {}

  static double write(
      StringBuilder md, List<Classification.Sample> train, double l2, double configured) {
    md.append(
            "### Out of scope at (cross-validation on the training part, l2 = %s)\n\n"
                .formatted(l2))
        .append(
            "The out-of-scope route is taken once its probability reaches this, even when another route is likelier.\n\n")
        .append(
            "| out of scope at | route accuracy | out_of_scope recall | out_of_scope precision |\n|---|---|---|---|\n");
    double chosen = RouterModel.NEVER;
    double floor = -1;
    for (double q : GRID) {
      List<Classification.Scored> cv =
          Classification.crossValidate(
              train, 5, l2, s -> s.example().fold(5), m -> m.withOutOfScopeAt(q));
      double accuracy = Classification.routeAccuracy(cv);
      long gold = cv.stream().filter(s -> s.example().label().equals(Route.OUT_OF_SCOPE)).count();
      long said = cv.stream().filter(s -> s.predicted().route().equals(Route.OUT_OF_SCOPE)).count();
      long both =
          cv.stream()
              .filter(s -> s.example().label().equals(Route.OUT_OF_SCOPE))
              .filter(s -> s.predicted().route().equals(Route.OUT_OF_SCOPE))
              .count();
      md.append(
          "| %s | %s | %s | %s |\n"
              .formatted(
                  IntentSection.f(q),
                  f3(accuracy),
                  f3(both / (double) Math.max(1, gold)),
                  f3(both / (double) Math.max(1, said))));
      if (floor < 0) {
        floor = accuracy;
      }
      if (accuracy >= floor) {
        chosen = q;
      }
    }
    md.append(
        "\nLowest setting whose route accuracy is not below the likeliest route's alone: **%s** (configured: %s).\n\n"
            .formatted(IntentSection.f(chosen), configured));
    return chosen;
  }
}
