package io.frontdesk.console;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a canned reply ({@code {{customer.name}}}, {@code {{customer.first_name}}},
 * {@code {{agent}}}): the ones a reply may use, and a reply filled for one conversation.
 */
final class Placeholders {

  static final Set<String> KNOWN = Set.of("customer.name", "customer.first_name", "agent");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_.]+)\\s*}}");

  private Placeholders() {}

  /** The placeholders in the text that are not known, sorted; empty when all are. */
  static Set<String> unknown(String text) {
    Set<String> unknown = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!KNOWN.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }
    return unknown;
  }

  /** The text with every known placeholder replaced by its value. */
  static String fill(String text, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
  }

  /** The values for a customer and the agent replying. */
  static Map<String, String> of(String customerName, String agent) {
    String name = customerName == null ? "" : customerName.strip();
    int space = name.indexOf(' ');
    return Map.of(
        "customer.name",
        name,
        "customer.first_name",
        space < 0 ? name : name.substring(0, space),
        "agent",
        agent);
  }
}
