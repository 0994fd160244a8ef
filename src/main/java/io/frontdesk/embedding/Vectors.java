package io.frontdesk.embedding;

/** Small vector arithmetic over float arrays. */
public final class Vectors {

  private Vectors() {}

  /** The dot product; for unit vectors, their cosine similarity. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different models: " + a.length + " vs " + b.length + " dimensions");
    }
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** The vector scaled to unit length (a zero vector stays zero). */
  public static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm == 0) {
      return v;
    }
    float scale = (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * scale;
    }
    return out;
  }
}
