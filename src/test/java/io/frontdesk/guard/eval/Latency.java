package io.frontdesk.guard.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Per-call latency of one detector over a list of texts, after a warm-up pass. */
final class Latency {

  private Latency() {}

  record Result(
      int calls,
      double p50Micros,
      double p99Micros,
      double maxMicros,
      int longest,
      double p99MicrosPerKiloChar) {
    String cells() {
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

  static Result measure(List<String> texts, Consumer<String> call) {
    for (int round = 0; round < 3; round++) {
      texts.forEach(call);
    }
    long[] nanos = new long[texts.size()];
    double[] perKiloChar = new double[texts.size()];
    int longest = 0;
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      long start = System.nanoTime();
      call.accept(text);
      nanos[i] = System.nanoTime() - start;
      // short texts are dominated by fixed costs; per-size cost only means something from 1 kB
      perKiloChar[i] = nanos[i] / 1000.0 / Math.max(1000, text.length()) * 1000;
      longest = Math.max(longest, text.length());
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
