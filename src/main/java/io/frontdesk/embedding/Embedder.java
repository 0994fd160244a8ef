package io.frontdesk.embedding;

import java.util.List;

/**
 * Turns text into a unit-length vector: the in-process model by default, or a remote
 * OpenAI-compatible {@code /v1/embeddings} endpoint. Vectors of one embedder compare by dot product
 * (= cosine); vectors of different embedders never compare.
 */
public interface Embedder {

  /** Names the model, so vectors stored under another model are recognised and recomputed. */
  String modelId();

  /**
   * What this embedder's vectors depend on, for caches of things derived from them (the trained
   * router): the model's name, and for the in-process model a digest of its files.
   */
  default String fingerprint() {
    return modelId();
  }

  /** One text; blocking (CPU or network): call it on a worker or virtual thread. */
  float[] embed(String text);

  /** Many texts at once, in order; cheaper per text than one call each. */
  List<float[]> embedAll(List<String> texts);
}
