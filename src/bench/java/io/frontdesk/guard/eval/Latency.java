package io.frontdesk.guard.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Per-call latency of one detector over a list of texts, after warm-up passes. */
public final class Latency {

  private Latency() {}

  public record Result(
      int calls,
      double p50Micros,
      double p99Micros,
      double maxMicros,
      int longest,
      double p99MicrosPerKiloChar) {
    public String cells() {
      if (calls == 0) {
        return "0 (no texts: sets missing) | – | – | – | – | –";
      }
      return String.format(
          Locale.ROOT,
          "%d | %.1f | %.1f | %.0f | %d | %.0f",
          calls,
          p50Micros,
          p99Micros,
          maxMicros,
          longest,
          p99MicrosPerKiloChar);
    }
  }

  /** Timed passes; each text's cost is its median over them, so one preemption is not a tail. */
  static final int ROUNDS = 5;

  public static Result measure(List<String> texts, Consumer<String> call) {
    if (texts.isEmpty()) {
      // every set it would time is missing: nothing measured, and the report says so
      return new Result(0, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
    }
    for (int round = 0; round < 3; round++) {
      texts.forEach(call);
    }
    long[][] runs = new long[texts.size()][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (int i = 0; i < texts.size(); i++) {
        long start = System.nanoTime();
        call.accept(texts.get(i));
        runs[i][round] = System.nanoTime() - start;
      }
    }
    long[] nanos = new long[texts.size()];
    double[] perKiloChar = new double[texts.size()];
    int longest = 0;
    for (int i = 0; i < texts.size(); i++) {
      Arrays.sort(runs[i]);
      nanos[i] = runs[i][ROUNDS / 2];
      int length = texts.get(i).length();
      // short texts are dominated by fixed costs; per-size cost only means something from 1 kB
      perKiloChar[i] = nanos[i] / 1000.0 / Math.max(1000, length) * 1000;
      longest = Math.max(longest, length);
    }
    Arrays.sort(nanos);
    Arrays.sort(perKiloChar);
    return new Result(
        nanos.length,
        nanos[(int) Math.floor(0.50 * (nanos.length - 1))] / 1000.0,
        nanos[(int) Math.floor(0.99 * (nanos.length - 1))] / 1000.0,
        nanos[nanos.length - 1] / 1000.0,
        longest,
        perKiloChar[(int) Math.floor(0.99 * (perKiloChar.length - 1))]);
  }
}
