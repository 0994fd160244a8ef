package io.frontdesk.agent.routing;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.embedding.InProcessEmbedder;
import io.frontdesk.embedding.References;
import io.frontdesk.turn.Route;
import java.util.concurrent.ForkJoinPool;

/** The router as the service trains it (shipped examples, default settings), once per test JVM. */
public final class TrainedRouter {

  private static Embedder embedder;
  private static RouterModel model;

  private TrainedRouter() {}

  public static synchronized Embedder embedder() {
    if (embedder == null) {
      embedder = InProcessEmbedder.load();
    }
    return embedder;
  }

  public static synchronized RouterModel model() {
    if (model == null) {
      var examples = Router.asRead(Router.shipped());
      model =
          RouterModel.train(
              examples.stream().map(RouteExamples.Example::label).toList(),
              embedder().embedAll(examples.stream().map(RouteExamples.Example::text).toList()),
              Router.settings(Defaults.L2),
              Defaults.THRESHOLD,
              ForkJoinPool.commonPool());
    }
    return model;
  }

  /** The route of a message as the service reads it (without its references). */
  public static Route route(String message) {
    return model().classify(embedder().embed(References.strip(message)));
  }

  /** The defaults of RouterConfig, read from its annotations so they never drift apart. */
  static final class Defaults {
    static final double L2 = value("l2");
    static final double THRESHOLD = value("confidenceThreshold");

    private static double value(String method) {
      try {
        return Double.parseDouble(
            RouterConfig.class
                .getMethod(method)
                .getAnnotation(io.smallrye.config.WithDefault.class)
                .value());
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
