package io.frontdesk.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * all-MiniLM-L6-v2 (quantized, from langchain4j's jar) on an ONNX session of our own, so the
 * threads one embedding uses are set: the library's default session spreads every call over all
 * cores with spinning workers, which on a busy (shared, or small-pod) machine waits on the slowest
 * core and makes the latency tail. Batches still run in parallel, one text per executor thread.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {

  static final String MODEL = "all-minilm-l6-v2-q.onnx";

  private final OnnxBertBiEncoder encoder;

  private MiniLmModel(OnnxBertBiEncoder encoder) {
    super(null);
    this.encoder = encoder;
  }

  /** The model with {@code threads} intra-op threads per embedding (1: the calling thread). */
  static MiniLmModel load(int threads) {
    try (InputStream model = resource(MODEL);
        InputStream tokenizer = resource(MessageWindow.TOKENIZER);
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(Math.max(1, threads));
      options.setInterOpNumThreads(1);
      // idle workers sleep instead of spinning, leaving the cores to the rest of the turn
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(model.readAllBytes(), options);
      return new MiniLmModel(
          new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the embedding model " + MODEL, e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = MiniLmModel.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing embedding model resource " + name);
    }
    return in;
  }

  @Override
  protected OnnxBertBiEncoder model() {
    return encoder;
  }
}
