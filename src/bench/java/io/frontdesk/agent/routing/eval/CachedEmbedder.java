package io.frontdesk.agent.routing.eval;

import io.frontdesk.embedding.Embedder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The evaluation's embedder: the service's model, with the vectors of the ~30,000 evaluation texts
 * kept on disk under target/ between runs (the vectors are deterministic, so a cached one equals a
 * fresh one). Timings are never taken through this class.
 */
public final class CachedEmbedder implements Embedder {

  private final Embedder model;
  private final Path file;
  private final Map<String, float[]> vectors = new HashMap<>();
  private int added;

  public CachedEmbedder(Embedder model, Path directory) {
    this.model = model;
    this.file = directory.resolve(model.modelId() + ".vectors");
    load();
  }

  Embedder model() {
    return model;
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  @Override
  public float[] embed(String text) {
    return embedAll(List.of(text)).getFirst();
  }

  @Override
  public synchronized List<float[]> embedAll(List<String> texts) {
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      if (!vectors.containsKey(key(t)) && !missing.contains(t)) {
        missing.add(t);
      }
    }
    for (int from = 0; from < missing.size(); from += 512) {
      List<String> batch = missing.subList(from, Math.min(missing.size(), from + 512));
      List<float[]> fresh = model.embedAll(batch);
      for (int i = 0; i < batch.size(); i++) {
        vectors.put(key(batch.get(i)), fresh.get(i));
      }
      added += batch.size();
      System.out.printf("embedded %d / %d new texts%n", from + batch.size(), missing.size());
      if ((from / 512) % 8 == 7) {
        // a long first run keeps what it embedded if it is stopped
        save();
      }
    }
    return texts.stream().map(t -> vectors.get(key(t))).toList();
  }

  /** Writes the vectors added in this run. */
  public synchronized void save() {
    if (added == 0) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      try (DataOutputStream out =
          new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
        out.writeInt(vectors.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (float f : e.getValue()) {
            out.writeFloat(f);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String key = in.readUTF();
        float[] v = new float[in.readInt()];
        for (int d = 0; d < v.length; d++) {
          v[d] = in.readFloat();
        }
        vectors.put(key, v);
      }
    } catch (IOException e) {
      // a damaged cache is only slower: start afresh
      vectors.clear();
    }
  }

  private static String key(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
