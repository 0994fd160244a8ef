package io.frontdesk.guard;

/**
 * The model-backed input guards: injection and toxicity heads over the turn's embedding (either may
 * be null: that head is not loaded).
 */
public record EmbeddingHeads(EmbeddingHead injection, EmbeddingHead toxicity) {

  public static final String INJECTION_GUARD = "injection_model";
  public static final String TOXICITY_GUARD = "toxicity_model";

  public static EmbeddingHeads none() {
    return new EmbeddingHeads(null, null);
  }

  /** The heads shipped as resources. */
  public static EmbeddingHeads shipped() {
    return new EmbeddingHeads(
        EmbeddingHead.load(EmbeddingHead.INJECTION), EmbeddingHead.load(EmbeddingHead.TOXICITY));
  }
}
