package io.frontdesk.agent.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The trained router head in PostgreSQL (table {@code router_model}), keyed by a hash of what
 * training depends on, so a restart (or another replica) with the same examples, embedding model
 * and trainer loads it instead of training. A row is used only if its key matches and its weights
 * still hash to what was stored; otherwise the router trains, as on a first start.
 */
@ApplicationScoped
class RouterCache {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final RouterModelRepository heads;

  RouterCache(RouterModelRepository heads) {
    this.heads = heads;
  }

  /**
   * The key of a training: SHA-256 over the examples in order (label and text), the embedder's
   * fingerprint, the settings and the bytecode of the trainer's classes (a changed trainer is a
   * changed key, with no version to remember to raise). Empty where the bytecode cannot be read (a
   * native image): the router then trains at every start.
   */
  static Optional<String> key(
      List<RouteExamples.Example> examples,
      String embedderFingerprint,
      SoftmaxRegression.Settings settings) {
    MessageDigest sha256 = sha256();
    update(sha256, "router-head\n" + embedderFingerprint + "\n" + settings + "\n");
    for (Class<?> trainer : List.of(SoftmaxRegression.class, RouterModel.class)) {
      for (Class<?> member : trainer.getNestMembers()) {
        Optional<byte[]> code = bytecode(member);
        if (code.isEmpty()) {
          return Optional.empty();
        }
        sha256.update(code.get());
      }
    }
    for (RouteExamples.Example e : examples) {
      update(sha256, e.label() + "\t" + e.text() + "\n");
    }
    return Optional.of(HexFormat.of().formatHex(sha256.digest()));
  }

  /** The head stored under {@code key}, if there is one and its weights are intact. */
  Optional<RouterModel> load(String key, double threshold) {
    return heads.find(key).await().atMost(WAIT).flatMap(head -> intact(head, threshold));
  }

  /** Stores a trained head under {@code key} (a row already there, from a replica, stays). */
  void store(String key, RouterModel model) {
    float[] weights = model.head().weights();
    ByteBuffer bytes = ByteBuffer.allocate(weights.length * Float.BYTES);
    bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(weights);
    byte[] raw = bytes.array();
    RouterModelRepository.StoredHead head =
        new RouterModelRepository.StoredHead(
            model.labels(),
            model.head().dims(),
            raw,
            HexFormat.of().formatHex(sha256().digest(raw)));
    heads.store(key, head).await().atMost(WAIT);
  }

  private static Optional<RouterModel> intact(
      RouterModelRepository.StoredHead head, double threshold) {
    byte[] bytes = head.weights();
    if (!HexFormat.of().formatHex(sha256().digest(bytes)).equals(head.weightsSha256())
        || bytes.length % Float.BYTES != 0) {
      return Optional.empty();
    }
    float[] weights = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(weights);
    try {
      SoftmaxRegression regression =
          SoftmaxRegression.of(head.labels().size(), head.dims(), weights);
      return Optional.of(RouterModel.of(head.labels(), regression, threshold));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> bytecode(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
