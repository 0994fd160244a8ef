package io.frontdesk.knowledge;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.GatedTools;
import io.frontdesk.toolgate.RiskLevel;
import io.frontdesk.toolgate.ToolRisk;
import io.frontdesk.turn.RunningTurn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The documentation tool as the model sees it: a thin adapter over {@link KnowledgeService}. */
@ApplicationScoped
@GatedTools
public class DocumentationTools {

  private final KnowledgeService knowledge;
  private final ReactiveBridge bridge;

  DocumentationTools(KnowledgeService knowledge, ReactiveBridge bridge) {
    this.knowledge = knowledge;
    this.bridge = bridge;
  }

  @Tool(
      name = "search_documentation",
      value =
          "Search the product documentation for technical help (API, CLI, deployments,"
              + " monitoring, integrations, security, data export, troubleshooting).")
  @ToolRisk(RiskLevel.READ_ONLY)
  public KnowledgeAnswer searchDocumentation(
      @P("what to look for, in plain words") String query, @ToolMemoryId RunningTurn turn) {
    Optional<QueryVectors> vector = knowledge.embedHere(query);
    return KnowledgeAnswer.of(
        "documentation pages",
        "No relevant documentation found",
        bridge.await(
            () -> knowledge.search(Collection.DOCUMENTATION, query, KnowledgeTools.TOP_K, vector)));
  }
}
