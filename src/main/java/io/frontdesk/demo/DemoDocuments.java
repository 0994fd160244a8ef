package io.frontdesk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the demo knowledge base and documentation from their Markdown resource files. */
public final class DemoDocuments {

  /** One article or page: {@code ## ID | category | Title}, a {@code Tags:} line, a body. */
  public record Entry(String id, String category, String title, String tags, String body) {}

  private static final Pattern HEADER =
      Pattern.compile("^## ([A-Z]+-\\d+) \\| ([a-z-]+) \\| (.+)$", Pattern.MULTILINE);

  private DemoDocuments() {}

  public static List<Entry> knowledgeBase() {
    return parse(resource("demo/knowledge-base.md"));
  }

  public static List<Entry> documentation() {
    return parse(resource("demo/documentation.md"));
  }

  static List<Entry> parse(String markdown) {
    List<Entry> entries = new ArrayList<>();
    Matcher header = HEADER.matcher(markdown);
    List<int[]> spans = new ArrayList<>();
    List<String[]> heads = new ArrayList<>();
    while (header.find()) {
      spans.add(new int[] {header.start(), header.end()});
      heads.add(new String[] {header.group(1), header.group(2), header.group(3).strip()});
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : markdown.length();
      String rest = markdown.substring(spans.get(i)[1], end).strip();
      String tags = "";
      if (rest.startsWith("Tags:")) {
        int eol = rest.indexOf('\n');
        tags = (eol < 0 ? rest.substring(5) : rest.substring(5, eol)).strip();
        rest = eol < 0 ? "" : rest.substring(eol + 1).strip();
      }
      String[] head = heads.get(i);
      entries.add(new Entry(head[0], head[1], head[2], tags, rest));
    }
    return entries;
  }

  private static String resource(String path) {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing demo resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
