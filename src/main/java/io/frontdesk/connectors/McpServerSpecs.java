package io.frontdesk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.frontdesk.toolgate.RiskLevel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads and checks an MCP server's connector file ({@code kind: mcp}). */
final class McpServerSpecs {

  static final Set<String> FIELDS =
      Set.of(
          "kind",
          "name",
          "prefix",
          "agents",
          "server",
          "tools",
          "default-risk",
          "listed-only",
          "customer-header",
          "max-chars");

  private McpServerSpecs() {}

  static McpServerSpec read(FileReader r, JsonNode root) {
    String name = r.text(root, "name");
    if (!HttpToolSpecs.NAME.matcher(name).matches()) {
      throw r.error("name", "must be lower case letters, digits and _ (found '" + name + "')");
    }
    String prefix = r.optionalText(root, "prefix").orElse(name + "_");
    Map<String, RiskLevel> risks = new LinkedHashMap<>();
    JsonNode tools = FileReader.at(root, "tools");
    if (tools != null && !tools.isObject()) {
      throw r.error("tools", "must map the server's tool names to their risk");
    }
    if (tools != null) {
      for (Iterator<String> it = tools.fieldNames(); it.hasNext(); ) {
        String tool = it.next();
        risks.put(tool, r.risk(root, "tools." + tool, null));
      }
    }
    JsonNode listed = FileReader.at(root, "listed-only");
    if (listed != null && !listed.isBoolean()) {
      throw r.error("listed-only", "must be true or false");
    }
    return new McpServerSpec(
        r.file(),
        name,
        prefix,
        new LinkedHashSet<>(r.texts(root, "agents")),
        HttpToolSpecs.backend(r, root, "server"),
        Map.copyOf(risks),
        r.optionalText(root, "default-risk").isPresent()
            ? r.risk(root, "default-risk", null)
            : RiskLevel.IRREVERSIBLE,
        listed != null && listed.asBoolean(),
        r.optionalText(root, "customer-header").orElse("X-Frontdesk-Customer"),
        (int) r.number(root, "max-chars", 4000, 100, 20_000));
  }
}
