package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits retrieved text into sentences and fenced code blocks, by offsets into the original, so
 * that a guard can replace one sentence and leave every other character as it was.
 */
final class Segments {

  private static final String FENCE = "```";

  private Segments() {}

  static List<Segment> split(String text) {
    List<Segment> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    boolean paragraph = true;
    while (i < n) {
      int newlines = 0;
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        if (text.charAt(i) == '\n') {
          newlines++;
        }
        i++;
      }
      if (i >= n) {
        break;
      }
      paragraph |= newlines >= 2;
      if (text.startsWith(FENCE, i)) {
        int close = text.indexOf(FENCE, i + FENCE.length());
        int end = close < 0 ? n : close + FENCE.length();
        out.add(new Segment(i, end, true, paragraph));
        paragraph = false;
        i = end;
        continue;
      }
      int end = sentenceEnd(text, i);
      out.add(new Segment(i, end, false, paragraph));
      paragraph = false;
      i = end;
    }
    return out;
  }

  private static int sentenceEnd(String text, int start) {
    int n = text.length();
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' || text.startsWith(FENCE, i) && i > start) {
        return i;
      }
      if ((c == '.' || c == '!' || c == '?')
          && (i + 1 == n || Character.isWhitespace(text.charAt(i + 1)))) {
        return i + 1;
      }
    }
    return n;
  }
}
