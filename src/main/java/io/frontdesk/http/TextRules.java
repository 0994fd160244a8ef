package io.frontdesk.http;

/**
 * What text from outside may contain, on every channel: no NUL (PostgreSQL cannot store it), no
 * control characters other than tab, line feed and carriage return, and no unpaired surrogate (a
 * string that is not well-formed Unicode would be rewritten silently on its way to the database).
 */
public final class TextRules {

  private TextRules() {}

  /** Whether the text keeps every rule. */
  public static boolean plain(String text) {
    return problem(text) == null;
  }

  /**
   * The first rule the text breaks, as the end of a sentence ("contains a NUL character"), or null
   * when it keeps them all.
   */
  public static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return "contains a NUL character";
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
        return "contains the control character U+%04X".formatted((int) c);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate U+%04X (not well-formed Unicode)".formatted((int) c);
      }
    }
    return null;
  }
}
