package io.frontdesk.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/**
 * The in-process model (all-MiniLM-L6-v2, quantized, ONNX): 384 dimensions, no network, loaded
 * once. Its vectors come out unit length. One message ({@link #embed}) is embedded through its
 * {@link MessageWindow}; batches (document passages, cut to size by their indexer) as they are.
 */
public final class InProcessEmbedder implements Embedder {

  static final String MODEL_ID = "all-minilm-l6-v2-q";

  /**
   * Defaults of {@link EmbeddingConfig}: two threads per embedding, 48 + 32 tokens of a message.
   */
  public static final int THREADS = 2;

  public static final int HEAD_TOKENS = 48;
  public static final int TAIL_TOKENS = 32;

  private final EmbeddingModel model;
  private final MessageWindow window;

  InProcessEmbedder(EmbeddingModel model, MessageWindow window) {
    this.model = model;
    this.window = window;
  }

  /** Loads the model as the service does by default (unit tests, evaluations). */
  public static InProcessEmbedder load() {
    return load(THREADS, HEAD_TOKENS, TAIL_TOKENS);
  }

  /** Loads the model with other settings ({@link EmbeddingConfig}: threads, message window). */
  public static InProcessEmbedder load(int threads, int headTokens, int tailTokens) {
    return new InProcessEmbedder(
        MiniLmModel.load(threads), MessageWindow.load(headTokens, tailTokens));
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  /** The text {@link #embed} gives the model for {@code message} (evaluations embed it so too). */
  public String window(String message) {
    return window.apply(message);
  }

  @Override
  public float[] embed(String text) {
    return model.embed(window.apply(text)).content().vector();
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    // langchain4j spreads a batch over its own threads, one text each
    return model.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
        .map(e -> e.vector())
        .toList();
  }
}
