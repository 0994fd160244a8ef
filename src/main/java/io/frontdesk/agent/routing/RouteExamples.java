package io.frontdesk.agent.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Labelled example messages for the router, in the text format of {@code routing/examples.txt}: a
 * {@code [route]} or {@code [route/action]} header, then one customer message per line; {@code #}
 * starts a comment line. Operators extend the desk by adding sections or lines, no code.
 */
public final class RouteExamples {

  /** One example: what a customer wrote and where it belongs. */
  public record Example(String label, String text) {

    /** The route: a specialist agent, {@code workflow:<case>}, or a route the router answers. */
    public String route() {
      return Label.route(label);
    }
  }

  private static final Pattern HEADER = Pattern.compile("^\\[([a-z][a-z0-9_:-]*(/[a-z0-9_-]+)?)]$");

  private RouteExamples() {}

  /**
   * Parses one examples file.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException on a malformed header or an example before any header
   */
  public static List<Example> parse(String text, String source) {
    List<Example> examples = new ArrayList<>();
    String label = null;
    String[] lines = text.split("\\R");
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        Matcher header = HEADER.matcher(line);
        if (!header.matches()) {
          throw new IllegalArgumentException(
              "%s line %d: a header is [route] or [route/action] in lower case: %s"
                  .formatted(source, n + 1, line));
        }
        label = header.group(1);
        continue;
      }
      if (label == null) {
        throw new IllegalArgumentException(
            "%s line %d: example before the first [route] header".formatted(source, n + 1));
      }
      examples.add(new Example(label, line));
    }
    return examples;
  }
}
