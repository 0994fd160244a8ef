package io.frontdesk.guard.eval;

/**
 * Plants an indirect-injection payload in a help-centre article the way BIPIA plants it in an
 * e-mail or a web page: as its own paragraph, at a position that varies with the example.
 */
final class ToolOutputEmbedding {

  private ToolOutputEmbedding() {}

  static String embed(String article, String payload, int seed) {
    String[] paragraphs = article.split("\n\n");
    int at = Math.floorMod(seed * 7 + 1, paragraphs.length + 1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i <= paragraphs.length; i++) {
      if (i == at) {
        out.append(payload.strip()).append("\n\n");
      }
      if (i < paragraphs.length) {
        out.append(paragraphs[i]).append("\n\n");
      }
    }
    return out.toString().strip();
  }
}
