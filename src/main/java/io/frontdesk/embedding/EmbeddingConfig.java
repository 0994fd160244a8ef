package io.frontdesk.embedding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Which embedding model turns text into vectors, for routing, retrieval and the guards. */
@ConfigMapping(prefix = "frontdesk.embedding")
public interface EmbeddingConfig {

  /** in-process (all-MiniLM-L6-v2, quantized, in the JVM) or remote (/v1/embeddings). */
  @WithDefault("in-process")
  Provider provider();

  /** The remote endpoint, used when provider is remote. */
  Remote remote();

  /** Recently embedded texts kept, so one message is embedded once per turn. */
  @WithDefault("512")
  int cacheSize();

  /**
   * Threads one in-process embedding may use (ONNX intra-op, the calling thread included; idle ones
   * sleep rather than spin); 1 keeps it on the calling thread.
   */
  @WithDefault("" + InProcessEmbedder.THREADS)
  int threads();

  /**
   * In-process: a message longer than head + tail tokens is embedded from its first this many
   * tokens and its last message-tail-tokens (the cost grows with tokens; an appended instruction
   * sits at the end). The guards' heads are trained on messages windowed the same way.
   */
  @WithDefault("" + InProcessEmbedder.HEAD_TOKENS)
  int messageHeadTokens();

  /** In-process: the last tokens of a long message that are embedded (see message-head-tokens). */
  @WithDefault("" + InProcessEmbedder.TAIL_TOKENS)
  int messageTailTokens();

  /** Where the vectors come from. */
  enum Provider {
    IN_PROCESS,
    REMOTE
  }

  /** An OpenAI-compatible embeddings endpoint. */
  interface Remote {

    /** Base URL ending in /v1 (the request goes to {base-url}/embeddings). */
    Optional<String> baseUrl();

    /** Bearer key for the endpoint; empty sends none. */
    Optional<String> apiKey();

    /** Model name the endpoint serves, e.g. text-embedding-3-small or nomic-embed-text. */
    @WithDefault("text-embedding-3-small")
    String model();

    /** Per-request timeout. */
    @WithDefault("10s")
    Duration timeout();
  }
}
