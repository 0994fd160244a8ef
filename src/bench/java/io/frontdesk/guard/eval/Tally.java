package io.frontdesk.guard.eval;

import java.util.Locale;

/** Hits out of a count, split by DEV and HELD-OUT, formatted for the report. */
final class Tally {

  int all;
  int hits;
  int dev;
  int devHits;
  int held;
  int heldHits;

  void add(String text, boolean hit) {
    all++;
    hits += hit ? 1 : 0;
    if (Split.of(text) == Split.DEV) {
      dev++;
      devHits += hit ? 1 : 0;
    } else {
      held++;
      heldHits += hit ? 1 : 0;
    }
  }

  double rate() {
    return all == 0 ? Double.NaN : (double) hits / all;
  }

  double heldRate() {
    return held == 0 ? Double.NaN : (double) heldHits / held;
  }

  static String pct(int hits, int n) {
    return n == 0 ? "–" : String.format(Locale.ROOT, "%.1f %% (%d/%d)", 100.0 * hits / n, hits, n);
  }

  static String ratio(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
  }

  /** "all | DEV | HELD-OUT" cells. */
  String cells() {
    return pct(hits, all) + " | " + pct(devHits, dev) + " | " + pct(heldHits, held);
  }
}
