package io.frontdesk.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an article or page into passages of at most {@value #MAX_WORDS} words on paragraph (and, for
 * long paragraphs, sentence) boundaries. Each passage is embedded together with the document's
 * title, so a passage keeps the subject its text leaves implicit.
 */
public final class Chunker {

  /** The embedding model reads at most ~256 word pieces well; 120 words stay below that. */
  public static final int MAX_WORDS = 120;

  /**
   * One passage: its place in the document, its text (what a search result quotes) and the text
   * that is embedded.
   */
  public record Chunk(int ordinal, String content, String embedded) {}

  private Chunker() {}

  public static List<Chunk> chunk(String title, String body) {
    List<String> pieces = new ArrayList<>();
    for (String block : body.strip().split("\\n\\s*\\n")) {
      String text = block.strip();
      if (!text.isEmpty()) {
        pieces.addAll(words(text) > MAX_WORDS ? sentences(text) : List.of(text));
      }
    }
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int currentWords = 0;
    for (String piece : pieces) {
      int n = words(piece);
      boolean heading = piece.startsWith("#");
      if (currentWords > 0 && (currentWords + n > MAX_WORDS || heading)) {
        chunks.add(chunk(chunks.size(), title, current.toString()));
        current.setLength(0);
        currentWords = 0;
      }
      current.append(current.isEmpty() ? "" : "\n\n").append(piece);
      currentWords += n;
    }
    if (currentWords > 0 || chunks.isEmpty()) {
      chunks.add(chunk(chunks.size(), title, current.toString()));
    }
    return chunks;
  }

  private static Chunk chunk(int ordinal, String title, String content) {
    String text = content.strip();
    return new Chunk(ordinal, text, text.isEmpty() ? title : title + "\n\n" + text);
  }

  /** A paragraph too long for one passage, cut between sentences into pieces that fit. */
  private static List<String> sentences(String paragraph) {
    List<String> out = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
      if (!piece.isEmpty() && words(piece.toString()) + words(sentence) > MAX_WORDS) {
        out.add(piece.toString());
        piece.setLength(0);
      }
      piece.append(piece.isEmpty() ? "" : " ").append(sentence);
    }
    if (!piece.isEmpty()) {
      out.add(piece.toString());
    }
    return out;
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
