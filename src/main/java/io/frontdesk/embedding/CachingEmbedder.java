package io.frontdesk.embedding;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of recent texts, so the customer's message is embedded once per turn
 * however many parts (router, retrieval, guards) ask for it. Counted in {@code
 * frontdesk.embedding.texts} (tag {@code by}: model, cache), single texts only.
 */
final class CachingEmbedder implements Embedder {

  static final String METRIC = "frontdesk.embedding.texts";

  private final Embedder delegate;
  private final Map<String, float[]> recent;
  private final Counter embedded;
  private final Counter remembered;

  CachingEmbedder(Embedder delegate, int capacity) {
    this(delegate, capacity, new SimpleMeterRegistry());
  }

  CachingEmbedder(Embedder delegate, int capacity, MeterRegistry metrics) {
    this.delegate = delegate;
    this.embedded = counter(metrics, "model");
    this.remembered = counter(metrics, "cache");
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public String fingerprint() {
    return delegate.fingerprint();
  }

  @Override
  public float[] embed(String text) {
    float[] known = cached(text);
    if (known != null) {
      remembered.increment();
      return known;
    }
    float[] vector = delegate.embed(text);
    embedded.increment();
    remember(text, vector);
    return vector;
  }

  private static Counter counter(MeterRegistry metrics, String by) {
    return Counter.builder(METRIC)
        .description("Single texts (messages, queries) embedded by the model or found in the cache")
        .tag("by", by)
        .register(metrics);
  }

  /** Batches (documents, training examples) are not cached: they are embedded once anyway. */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    return new ArrayList<>(delegate.embedAll(texts));
  }

  private synchronized float[] cached(String text) {
    return recent.get(text);
  }

  private synchronized void remember(String text, float[] vector) {
    recent.put(text, vector);
  }
}
