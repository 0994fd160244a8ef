package io.frontdesk.agent.routing;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.embedding.References;
import io.frontdesk.guard.LogRedaction;
import io.frontdesk.startup.StartupPhases;
import io.frontdesk.turn.Route;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.jboss.logging.Logger;

/**
 * Places a customer message on a route with a confidence: the trained head over the in-process
 * embeddings, trained from the shipped examples ({@code routing/examples.txt}) and the operator's
 * extra files, or loaded from {@link RouterCache} when those, the embedding model and the trainer
 * are what it was trained on. Training is deterministic, so every replica routes alike.
 */
@Startup
@ApplicationScoped
public class Router {

  public static final String EXAMPLES = "routing/examples.txt";
  private static final Logger LOG = Logger.getLogger(Router.class);

  private final Embedder embedder;
  private final RouterCache cache;
  private final RouterConfig config;
  private final Vertx vertx;
  private final Timer timer;
  private volatile RouterModel model;

  Router(
      Embedder embedder,
      RouterCache cache,
      RouterConfig config,
      Vertx vertx,
      MeterRegistry registry) {
    this.embedder = embedder;
    this.cache = cache;
    this.config = config;
    this.vertx = vertx;
    this.timer =
        Timer.builder("frontdesk.router.understand")
            .description("Embedding and routing one customer message")
            .register(registry);
  }

  @PostConstruct
  void train() {
    if (!config.enabled()) {
      LOG.info("Router disabled: every message goes to the agents");
      return;
    }
    long start = System.nanoTime();
    Prepared prepared = prepare(asRead(examples()));
    model = prepared.model().withOutOfScopeAt(config.outOfScopeAt());
    StartupPhases.done(
        "router",
        start,
        String.format(
            " (%s: %d labels, %d routes)",
            prepared.trained() ? "trained on its examples" : "loaded the head trained before",
            model.labels().size(),
            model.routes().size()));
  }

  /** A router model and whether it was trained now (or loaded from {@link RouterCache}). */
  record Prepared(RouterModel model, boolean trained) {}

  /**
   * The head for these examples: the stored one when its key (examples, embedding model, trainer)
   * matches, else trained now and stored. A failing cache read or write costs a training, never the
   * start.
   */
  Prepared prepare(List<RouteExamples.Example> examples) {
    SoftmaxRegression.Settings settings = settings(config.l2());
    Optional<String> key = RouterCache.key(examples, embedder.fingerprint(), settings);
    if (key.isPresent()) {
      try {
        Optional<RouterModel> stored = cache.load(key.get(), config.confidenceThreshold());
        if (stored.isPresent()) {
          return new Prepared(stored.get(), false);
        }
      } catch (RuntimeException e) {
        LOG.warnf("Stored router head not read (%s): training it", e.toString());
      }
    }
    List<float[]> vectors = embedder.embedAll(examples.stream().map(e -> e.text()).toList());
    RouterModel trained =
        RouterModel.train(
            examples.stream().map(RouteExamples.Example::label).toList(),
            vectors,
            settings,
            config.confidenceThreshold(),
            ForkJoinPool.commonPool());
    if (key.isPresent()) {
      try {
        cache.store(key.get(), trained);
      } catch (RuntimeException e) {
        LOG.warnf("Trained router head not stored (%s): the next start trains again", e.toString());
      }
    }
    return new Prepared(trained, true);
  }

  /**
   * The examples as the router reads a message: without its references ({@link References}), so the
   * head learns from what it will be given.
   */
  public static List<RouteExamples.Example> asRead(List<RouteExamples.Example> examples) {
    return examples.stream()
        .map(e -> new RouteExamples.Example(e.label(), References.strip(e.text())))
        .toList();
  }

  /** The training settings the service uses; evaluations train with exactly these. */
  public static SoftmaxRegression.Settings settings(double l2) {
    SoftmaxRegression.Settings defaults = SoftmaxRegression.Settings.defaults();
    return new SoftmaxRegression.Settings(l2, defaults.maxIterations(), defaults.tolerance());
  }

  /** The routes the examples define (for checking them against the desk's agents). */
  public List<String> routes() {
    return model == null ? List.of() : model.routes();
  }

  /** Where a message belongs, from its vector (the turn's, embedded once). */
  public Route route(float[] vector) {
    return model == null || vector == null ? Route.none() : model.classify(vector);
  }

  /**
   * Embeds the message once and routes it, on a worker thread (the model is CPU work). Never fails:
   * without a vector the message is simply not routed. The message is read without its references
   * ("Ref abc-12", {@link References}); that one vector routes it, the knowledge search reuses it
   * (the embedder's cache) and the guards' heads score it. The heads lose nothing a reference could
   * carry, and the guards' rules still read the message as written.
   */
  public Uni<RoutedMessage> understand(String message) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> understandNow(message)), false);
  }

  private RoutedMessage understandNow(String message) {
    long start = System.nanoTime();
    try {
      String meaning = References.strip(message);
      float[] vector = embedder.embed(meaning);
      Route route = route(vector);
      if (route.is(Route.SMALLTALK) && !meaning.strip().equals(message.strip())) {
        // "It's ord_000254, in full please" reads as a polite closing once its order is left out,
        // but a message that names a record asks for something: the agent answers it
        route = new Route(route.route(), route.action(), route.confidence(), false);
      }
      return new RoutedMessage(vector, route);
    } catch (RuntimeException e) {
      LOG.warnf("Message not embedded (%s): not routed", LogRedaction.redact(e.toString()));
      return RoutedMessage.unknown();
    } finally {
      timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private List<RouteExamples.Example> examples() {
    List<RouteExamples.Example> all = new ArrayList<>(shipped());
    for (String file : config.extraExamples().orElse(List.of())) {
      try {
        all.addAll(RouteExamples.parse(Files.readString(Path.of(file)), file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read router examples " + file, e);
      }
    }
    return all;
  }

  /** The examples shipped with the service. */
  public static List<RouteExamples.Example> shipped() {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(EXAMPLES)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + EXAMPLES);
      }
      return RouteExamples.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), EXAMPLES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
