package io.frontdesk.guard;

import java.util.List;

/** What a detector saw in one text: an overall score (0..1) and the findings behind it. */
public record Detection(double score, List<GuardFinding> findings) {

  static final Detection NONE = new Detection(0.0, List.of());

  public Detection {
    findings = List.copyOf(findings);
  }
}
