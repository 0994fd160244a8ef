package io.frontdesk.toolgate;

import java.util.regex.Pattern;

/** Tool-name globs as policies and tiers write them: {@code *} any run, {@code ?} one character. */
final class Globs {

  private Globs() {}

  static boolean matches(String glob, String name) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.strip().toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.matches(regex.toString(), name);
  }
}
