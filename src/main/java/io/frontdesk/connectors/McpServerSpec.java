package io.frontdesk.connectors;

import io.frontdesk.toolgate.RiskLevel;
import java.util.Map;
import java.util.Set;

/**
 * One MCP server as its connector file declares it: where it answers (streamable HTTP), which
 * agents are offered its tools and under what prefix, and the risk the operator declares per tool.
 * A tool the file does not declare gets {@code defaultRisk}; with none declared it is taken as
 * irreversible, so no approval policy but an explicit one lets it run without a person.
 */
record McpServerSpec(
    String file,
    String name,
    String prefix,
    Set<String> agents,
    HttpToolSpec.Backend server,
    Map<String, RiskLevel> toolRisks,
    RiskLevel defaultRisk,
    boolean listedOnly,
    String customerHeader,
    int maxChars) {

  boolean offeredTo(String agent) {
    return agents.isEmpty() || agents.contains(agent);
  }

  /** The risk of one of the server's tools, or null when it is not offered at all. */
  RiskLevel riskOf(String tool) {
    RiskLevel declared = toolRisks.get(tool);
    if (declared != null) {
      return declared;
    }
    return listedOnly ? null : defaultRisk;
  }
}
