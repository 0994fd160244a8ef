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

/** The knowledge-base tool as the model sees it: a thin adapter over {@link KnowledgeService}. */
@ApplicationScoped
@GatedTools
public class KnowledgeTools {

  static final int TOP_K = 3;

  private final KnowledgeService knowledge;
  private final ReactiveBridge bridge;

  KnowledgeTools(KnowledgeService knowledge, ReactiveBridge bridge) {
    this.knowledge = knowledge;
    this.bridge = bridge;
  }

  @Tool(
      name = "search_knowledge_base",
      value =
          "Search the help-centre knowledge base for answers to customer questions (accounts,"
              + " billing, refunds, plans, outages, integrations). Returns the best articles with"
              + " id, title and the matching passage.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public KnowledgeAnswer searchKnowledgeBase(
      @P("what to look for, in plain words") String query, @ToolMemoryId RunningTurn turn) {
    Optional<QueryVectors> vector = knowledge.embedHere(query);
    return KnowledgeAnswer.of(
        "articles",
        "No relevant articles found",
        bridge.await(() -> knowledge.search(Collection.KNOWLEDGE_BASE, query, TOP_K, vector)));
  }
}
