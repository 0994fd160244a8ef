package io.frontdesk.toolgate;

import java.util.Locale;

/** How much a tool call can change, in increasing order (seed 001's risk levels). */
public enum RiskLevel {
  READ_ONLY,
  DATA_MODIFICATION,
  IRREVERSIBLE;

  /** The configuration and API spelling: read_only, data_modification, irreversible. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RiskLevel of(String code) {
    return valueOf(code.strip().toUpperCase(Locale.ROOT));
  }

  public boolean exceeds(RiskLevel other) {
    return compareTo(other) > 0;
  }
}
