package io.frontdesk.toolgate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One spelling for the same arguments: keys sorted, text stripped, numbers without trailing zeros
 * ({@code 49}, {@code 49.0} and {@code "49.00"} written by a model are one amount). Identical calls
 * are recognised by it, and idempotency keys are built from it.
 */
final class CanonicalArguments {

  /** A number the model wrote as text (compiled once: every tool call's arguments pass here). */
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private CanonicalArguments() {}

  static String of(Map<String, Object> arguments) {
    StringBuilder out = new StringBuilder("{");
    new TreeMap<>(arguments)
        .forEach(
            (k, v) -> {
              if (out.length() > 1) {
                out.append(',');
              }
              out.append(k).append('=').append(value(v));
            });
    return out.append('}').toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number n) {
      try {
        return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      } catch (NumberFormatException e) {
        return n.toString();
      }
    }
    if (v instanceof String s) {
      String t = s.strip();
      try {
        // a number the model wrote as text is the same number
        return NUMBER.matcher(t).matches()
            ? new BigDecimal(t).stripTrailingZeros().toPlainString()
            : t;
      } catch (NumberFormatException e) {
        return t;
      }
    }
    return v.toString();
  }
}
