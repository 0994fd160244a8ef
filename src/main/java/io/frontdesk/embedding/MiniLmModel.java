package io.frontdesk.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * all-MiniLM-L6-v2 (quantized, from langchain4j's jar) on an ONNX session of our own, so the
 * threads one embedding uses are set: the library's default session spreads every call over all
 * cores with spinning workers, which on a busy (shared, or small-pod) machine waits on the slowest
 * core and makes the latency tail. Batches still run in parallel, one text per executor thread.
 */
final class MiniLmModel extends AbstractInProcessEmbeddingModel {

  static final String MODEL = "all-minilm-l6-v2-q.onnx";

  private final OnnxBertBiEncoder encoder;
  private final String digest;

  private MiniLmModel(OnnxBertBiEncoder encoder, String digest) {
    super(null);
    this.encoder = encoder;
    this.digest = digest;
  }

  /** SHA-256 of the model's and the tokenizer's files: what its vectors depend on. */
  String digest() {
    return digest;
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
      // no arena: an arena keeps the largest message's buffers for ever (RSS, issue 28); a
      // message's tensors are a few hundred KB, allocated and freed per embedding
      options.setCPUArenaAllocator(false);
      byte[] modelBytes = model.readAllBytes();
      byte[] tokenizerBytes = tokenizer.readAllBytes();
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(modelBytes);
      sha256.update(tokenizerBytes);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(modelBytes, options);
      return new MiniLmModel(
          new OnnxBertBiEncoder(
              environment, session, new ByteArrayInputStream(tokenizerBytes), PoolingMode.MEAN),
          HexFormat.of().formatHex(sha256.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
