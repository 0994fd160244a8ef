package io.frontdesk.http;

/** What text from outside may contain. */
public final class TextRules {

  private TextRules() {}

  /** No NUL and no control characters other than tab, line feed and carriage return. */
  public static boolean plain(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return false;
      }
    }
    return true;
  }
}
