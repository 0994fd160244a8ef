package io.frontdesk.knowledge;

import java.util.List;

/**
 * A query's meaning: the vector of its whole text and, for a long query that is focused ({@link
 * FocusedQuery}), its sentences with their vectors (empty otherwise).
 */
public record QueryVectors(float[] whole, List<String> sentences, List<float[]> sentenceVectors) {

  public static QueryVectors of(float[] whole) {
    return new QueryVectors(whole, List.of(), List.of());
  }

  public boolean focusable() {
    return !sentences.isEmpty() && sentences.size() == sentenceVectors.size();
  }
}
