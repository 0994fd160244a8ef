package io.frontdesk.embedding;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.frontdesk.startup.StartupPhases;
import java.util.List;
import org.jboss.logging.Logger;

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

  private static final Logger LOG = Logger.getLogger(InProcessEmbedder.class);

  /** A load started early with these settings ({@link #preload}), taken by the first load. */
  private record Preloaded(
      int threads,
      int headTokens,
      int tailTokens,
      StartupPhases.Background<InProcessEmbedder> load) {

    boolean matches(int threads, int headTokens, int tailTokens) {
      return this.threads == threads
          && this.headTokens == headTokens
          && this.tailTokens == tailTokens;
    }
  }

  private static volatile Preloaded preloaded;

  private final EmbeddingModel model;
  private final MessageWindow window;
  private final String fingerprint;

  InProcessEmbedder(EmbeddingModel model, MessageWindow window) {
    this(model, window, MODEL_ID);
  }

  private InProcessEmbedder(EmbeddingModel model, MessageWindow window, String fingerprint) {
    this.model = model;
    this.window = window;
    this.fingerprint = fingerprint;
  }

  /** Loads the model as the service does by default (unit tests, evaluations). */
  public static InProcessEmbedder load() {
    return load(THREADS, HEAD_TOKENS, TAIL_TOKENS);
  }

  /** Loads the model with other settings ({@link EmbeddingConfig}: threads, message window). */
  public static InProcessEmbedder load(int threads, int headTokens, int tailTokens) {
    Preloaded early = takePreloaded();
    if (early != null) {
      if (early.matches(threads, headTokens, tailTokens)) {
        // its failure, if it failed, is this load's failure
        return early.load().join();
      }
      LOG.infof(
          "The embedding model was preloaded with other settings (%d threads, %d + %d tokens);"
              + " loading it again",
          early.threads(), early.headTokens(), early.tailTokens());
    }
    return StartupPhases.timed("embedding model", () -> loadNow(threads, headTokens, tailTokens));
  }

  /**
   * Starts loading the model on a thread of its own (at process start, before the framework and
   * while the database starts), with its first embedding done, which costs far more than any later
   * one. The next {@link #load} with the same settings takes it.
   */
  public static void preload(int threads, int headTokens, int tailTokens) {
    preloaded =
        new Preloaded(
            threads,
            headTokens,
            tailTokens,
            StartupPhases.inBackground(
                "embedding model",
                () -> {
                  InProcessEmbedder embedder = loadNow(threads, headTokens, tailTokens);
                  embedder.embed("warm-up");
                  return embedder;
                }));
  }

  /**
   * Drops a preloaded model that will not be used (configuration chose the remote embedder), so it
   * is not held for the life of the process.
   */
  public static void dropPreloaded() {
    if (takePreloaded() != null) {
      LOG.info("The preloaded in-process embedding model is not used: the remote embedder is");
    }
  }

  private static synchronized Preloaded takePreloaded() {
    Preloaded early = preloaded;
    preloaded = null;
    return early;
  }

  private static InProcessEmbedder loadNow(int threads, int headTokens, int tailTokens) {
    MiniLmModel model = MiniLmModel.load(threads);
    return new InProcessEmbedder(
        model, MessageWindow.load(headTokens, tailTokens), MODEL_ID + ":" + model.digest());
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
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
