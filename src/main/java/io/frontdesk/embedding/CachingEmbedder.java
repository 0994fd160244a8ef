package io.frontdesk.embedding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the vectors of recent texts, so the customer's message is embedded once per turn
 * however many parts (router, retrieval, guards) ask for it.
 */
final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final Map<String, float[]> recent;

  CachingEmbedder(Embedder delegate, int capacity) {
    this.delegate = delegate;
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
  public float[] embed(String text) {
    float[] known = cached(text);
    if (known != null) {
      return known;
    }
    float[] vector = delegate.embed(text);
    remember(text, vector);
    return vector;
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
