package io.frontdesk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.toolgate.RiskLevel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the fields of one connector file, each by its dotted path, and turns any mistake into a
 * {@link ConnectorFileError} naming the file and that path. Secrets and {@code ${NAME}}
 * placeholders are resolved from the configuration (environment variables included) here, at start.
 */
final class FileReader {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

  private final String file;
  private final Config config;

  FileReader(String file, Config config) {
    this.file = file;
    this.config = config;
  }

  String file() {
    return file;
  }

  ConnectorFileError error(String field, String problem) {
    return new ConnectorFileError(file, field, problem);
  }

  static JsonNode at(JsonNode node, String path) {
    JsonNode at = node;
    for (String part : path.split("\\.")) {
      at = at == null ? null : at.get(part);
    }
    return at == null || at.isNull() ? null : at;
  }

  String text(JsonNode root, String path) {
    return optionalText(root, path).orElseThrow(() -> error(path, "is missing"));
  }

  Optional<String> optionalText(JsonNode root, String path) {
    JsonNode node = at(root, path);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw error(path, "must be non-empty text");
    }
    return Optional.of(node.asText().strip());
  }

  long number(JsonNode root, String path, long fallback, long min, long max) {
    JsonNode node = at(root, path);
    if (node == null) {
      return fallback;
    }
    if (!node.canConvertToLong() || !node.isIntegralNumber()) {
      throw error(path, "must be a whole number");
    }
    long value = node.asLong();
    if (value < min || value > max) {
      throw error(path, "must be between %d and %d (found %d)".formatted(min, max, value));
    }
    return value;
  }

  double fraction(JsonNode root, String path, double fallback) {
    JsonNode node = at(root, path);
    if (node == null) {
      return fallback;
    }
    if (!node.isNumber() || node.asDouble() <= 0 || node.asDouble() > 1) {
      throw error(path, "must be a number above 0 and at most 1");
    }
    return node.asDouble();
  }

  String oneOf(JsonNode root, String path, String fallback, Set<String> allowed) {
    String value = optionalText(root, path).orElse(fallback);
    if (value == null) {
      throw error(path, "is missing (one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
    }
    if (!allowed.contains(value)) {
      throw error(
          path,
          "must be one of %s (found '%s')"
              .formatted(String.join(", ", new TreeSet<>(allowed)), value));
    }
    return value;
  }

  RiskLevel risk(JsonNode root, String path, String fallback) {
    String code =
        oneOf(root, path, fallback, Set.of("read-only", "data-modification", "irreversible"));
    return RiskLevel.of(code.replace('-', '_'));
  }

  List<String> texts(JsonNode root, String path) {
    JsonNode node = at(root, path);
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (!node.isArray()) {
      throw error(path, "must be a list");
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw error(path, "must list non-empty text only");
      }
      values.add(item.asText().strip());
    }
    return values;
  }

  Map<String, String> textMap(JsonNode root, String path) {
    JsonNode node = at(root, path);
    Map<String, String> values = new LinkedHashMap<>();
    if (node == null) {
      return values;
    }
    if (!node.isObject()) {
      throw error(path, "must be a map of names to text");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw error(path + "." + e.getKey(), "must be text");
      }
      values.put(e.getKey(), resolve(path + "." + e.getKey(), e.getValue().asText()));
    }
    return values;
  }

  /** A secret named by an environment variable (or configuration key) that must be set. */
  String secret(JsonNode root, String path) {
    String name = text(root, path);
    return config
        .getOptionalValue(name, String.class)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> error(path, "names the secret " + name + ", which is not set"));
  }

  /** Replaces {@code ${NAME}} with the configuration's (or environment's) value. */
  String resolve(String path, String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          config
              .getOptionalValue(name, String.class)
              .orElseThrow(() -> error(path, "uses ${" + name + "}, which is not set"));
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
