package io.frontdesk.connectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The operator's connector folder read at start: every {@code *.yaml}, {@code *.yml} and {@code
 * *.json} file (JSON is read as YAML), each an HTTP tool ({@code kind: http}, the default) or an
 * MCP server ({@code kind: mcp}), checked field by field. The first mistake stops the start with
 * one sentence naming the file and the field.
 */
final class ConnectorFiles {

  private static final YAMLMapper YAML = new YAMLMapper();
  static final Set<String> HTTP_FIELDS =
      Set.of(
          "kind",
          "name",
          "description",
          "agents",
          "risk",
          "arguments",
          "backend",
          "request",
          "ownership",
          "response");

  /** What the folder declares. */
  record Declared(List<HttpToolSpec> http, List<McpServerSpec> mcp) {}

  private ConnectorFiles() {}

  static Declared read(Path dir, Config config) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "frontdesk.connectors.dir is " + dir.toAbsolutePath() + ", which is not a folder.");
    }
    List<HttpToolSpec> http = new ArrayList<>();
    List<McpServerSpec> mcp = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    for (Path path : files(dir)) {
      FileReader reader = new FileReader(path.getFileName().toString(), config);
      JsonNode root = parse(path, reader);
      String kind = reader.oneOf(root, "kind", "http", Set.of("http", "mcp"));
      String name = reader.text(root, "name");
      String earlier = names.putIfAbsent(name, reader.file());
      if (earlier != null) {
        throw reader.error("name", "is '" + name + "', already declared by " + earlier);
      }
      if (kind.equals("mcp")) {
        unknownFields(reader, root, McpServerSpecs.FIELDS);
        mcp.add(McpServerSpecs.read(reader, root));
      } else {
        unknownFields(reader, root, HTTP_FIELDS);
        http.add(HttpToolSpecs.read(reader, root));
      }
    }
    return new Declared(List.copyOf(http), List.copyOf(mcp));
  }

  /** Reads one file on its own (the loader's unit, and the docs' worked example's check). */
  static JsonNode parse(Path path, FileReader reader) {
    try {
      JsonNode root = YAML.readTree(path.toFile());
      if (root == null || !root.isObject()) {
        throw reader.error("(top level)", "must be a map of fields");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw reader.error(
          at == null
              ? "(syntax)"
              : "(line %d, column %d)".formatted(at.getLineNr(), at.getColumnNr()),
          "cannot be read as YAML or JSON (" + problem(e) + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("Connector file " + path + " cannot be read", e);
    }
  }

  /** The parser's problem in a few words, on one line. */
  private static String problem(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
        return yaml.getProblem().replaceAll("\\s+", " ").strip();
      }
    }
    return e.getOriginalMessage().replaceAll("\\s+", " ").strip();
  }

  private static void unknownFields(FileReader reader, JsonNode root, Set<String> known) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!known.contains(field)) {
        throw reader.error(
            field,
            "is not a connector field (known: "
                + String.join(", ", known.stream().sorted().toList())
                + ")");
      }
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(ConnectorFiles::isConnectorFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("The connector folder " + dir + " cannot be read", e);
    }
  }

  static boolean isConnectorFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(path)
        && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
  }
}
