package io.frontdesk.agent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.embedding.Embedder;
import io.frontdesk.turn.Route;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The trained head stored in PostgreSQL: used again only for the same examples, embedding model and
 * trainer, and only while its weights are intact; anything else trains.
 */
@QuarkusTest
class RouterCacheTest {

  @Inject Router router;
  @Inject Embedder embedder;
  @Inject Pool pool;
  @Inject RouterConfig config;

  /** A small training set (fast to train), unique to the test so no other row matches it. */
  private static List<RouteExamples.Example> examples() {
    List<RouteExamples.Example> some = new ArrayList<>();
    for (RouteExamples.Example e : Router.shipped()) {
      if (some.stream().filter(s -> s.label().equals(e.label())).count() < 3) {
        some.add(e);
      }
    }
    RouteExamples.Example first = some.getFirst();
    some.set(0, withText(first, first.text() + " " + UUID.randomUUID()));
    return some;
  }

  private static RouteExamples.Example withText(RouteExamples.Example e, String text) {
    return new RouteExamples.Example(e.label(), text);
  }

  @Test
  void theSameExamplesLoadTheStoredHeadWhichRoutesAsTheTrainedOne() {
    List<RouteExamples.Example> examples = examples();
    Router.Prepared trained = router.prepare(examples);
    Router.Prepared loaded = router.prepare(examples);
    assertTrue(trained.trained());
    assertFalse(loaded.trained(), "the second start with the same examples loads the head");
    assertEquals(trained.model().labels(), loaded.model().labels());
    for (String text : List.of("I want my money back", "my server is down", "hi there")) {
      float[] v = embedder.embed(text);
      Route a = trained.model().classify(v);
      Route b = loaded.model().classify(v);
      assertEquals(a.route(), b.route(), text);
      assertEquals(a.confidence(), b.confidence(), 1e-9, text);
    }
  }

  @Test
  void changedTrainingDataIsTrainedAgain() {
    List<RouteExamples.Example> examples = examples();
    assertTrue(router.prepare(examples).trained());
    List<RouteExamples.Example> edited = new ArrayList<>(examples);
    RouteExamples.Example last = edited.getLast();
    edited.set(edited.size() - 1, withText(last, last.text() + " please"));
    assertTrue(router.prepare(edited).trained(), "an edited example is a new training");
    List<RouteExamples.Example> added = new ArrayList<>(examples);
    added.add(withText(examples.getFirst(), "one more example " + UUID.randomUUID()));
    assertTrue(router.prepare(added).trained(), "an added example is a new training");
    assertFalse(router.prepare(examples).trained(), "the first set's head is still stored");
  }

  @Test
  void aDamagedStoredHeadIsTrainedAgainAndReplaced() {
    List<RouteExamples.Example> examples = examples();
    assertTrue(router.prepare(examples).trained());
    String key = RouterCache.key(examples, embedder.fingerprint(), settings()).orElseThrow();
    int damaged =
        pool.preparedQuery(
                "update router_model set weights = overlay(weights placing '\\x00ff'::bytea"
                    + " from 9) where training_key = $1")
            .execute(Tuple.of(key))
            .await()
            .atMost(Duration.ofSeconds(10))
            .rowCount();
    assertEquals(1, damaged);
    assertTrue(router.prepare(examples).trained(), "weights that no longer hash are not used");
    assertFalse(router.prepare(examples).trained(), "and the new training replaced them");
  }

  @Test
  void theKeyCoversExamplesLabelsOrderEmbeddingModelAndSettings() {
    List<RouteExamples.Example> examples = examples();
    String key = RouterCache.key(examples, "model-a", settings()).orElseThrow();
    assertEquals(key, RouterCache.key(List.copyOf(examples), "model-a", settings()).orElseThrow());
    assertNotEquals(key, RouterCache.key(examples, "model-b", settings()).orElseThrow());
    assertNotEquals(key, RouterCache.key(examples, "model-a", Router.settings(0.5)).orElseThrow());
    List<RouteExamples.Example> relabelled = new ArrayList<>(examples);
    RouteExamples.Example first = relabelled.getFirst();
    relabelled.set(0, new RouteExamples.Example("human", first.text()));
    assertNotEquals(key, RouterCache.key(relabelled, "model-a", settings()).orElseThrow());
    List<RouteExamples.Example> reordered = new ArrayList<>(examples);
    reordered.add(reordered.removeFirst());
    assertNotEquals(key, RouterCache.key(reordered, "model-a", settings()).orElseThrow());
  }

  @Test
  void theInProcessModelsFingerprintNamesItsFiles() {
    assertTrue(
        embedder.fingerprint().matches("all-minilm-l6-v2-q:[0-9a-f]{64}"), embedder.fingerprint());
  }

  private SoftmaxRegression.Settings settings() {
    return Router.settings(config.l2());
  }
}
