package io.frontdesk.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.List;

/**
 * The in-process model (all-MiniLM-L6-v2, quantized, ONNX): 384 dimensions, no network, loaded
 * once. Its vectors come out unit length.
 */
public final class InProcessEmbedder implements Embedder {

  static final String MODEL_ID = "all-minilm-l6-v2-q";

  private final EmbeddingModel model;

  InProcessEmbedder(EmbeddingModel model) {
    this.model = model;
  }

  /** Loads the model outside the application (unit tests, evaluations). */
  public static InProcessEmbedder load() {
    return new InProcessEmbedder(new AllMiniLmL6V2QuantizedEmbeddingModel());
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public float[] embed(String text) {
    return model.embed(text).content().vector();
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
