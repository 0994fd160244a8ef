package io.frontdesk.agent.routing.eval;

import java.util.Locale;

/** Small formatting helpers for the markdown report. */
final class Report {

  private Report() {}

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** A measured value against its target, with a plain verdict. */
  static String against(double value, double target) {
    return "**"
        + f3(value)
        + "** "
        + (value >= target
            ? "(target ≥ " + f3(target) + " met)"
            : "(target ≥ " + f3(target) + " **missed**)");
  }

  static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
