package io.frontdesk.agent.offline;

import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.turn.Route;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The offline model's help-centre answers: the closest passage, quoted, or a person. */
final class KnowledgeIntents {

  private final KnowledgeTools knowledge;
  private final DocumentationTools documentation;
  private final OfflineConfig config;

  KnowledgeIntents(
      KnowledgeTools knowledge, DocumentationTools documentation, OfflineConfig config) {
    this.knowledge = knowledge;
    this.documentation = documentation;
    this.config = config;
  }

  /**
   * The closest passage of the help centre (articles and documentation both searched, the route's
   * own first), quoted with its id and title when it is close enough in meaning; otherwise a person
   * answers.
   */
  String knowledge(ToolSession s, Route route, String message) {
    boolean technicalFirst = route.route().equals("technical");
    return Stream.of(technicalFirst, !technicalFirst)
        .map(documentationPages -> search(s, documentationPages, message))
        .flatMap(Optional::stream)
        .filter(this::closeEnough)
        .max(Comparator.comparingDouble(KnowledgeAnswer.Passage::similarity))
        .map(OfflineReplies::passage)
        .orElseGet(
            () -> OfflineReplies.escalate("No help article answers this closely enough", message));
  }

  private Optional<KnowledgeAnswer.Passage> search(
      ToolSession s, boolean documentationPages, String message) {
    Optional<KnowledgeAnswer> answer =
        documentationPages
            ? s.call(
                "search_documentation",
                Map.of("query", message),
                () -> documentation.searchDocumentation(message, s.turn()))
            : s.call(
                "search_knowledge_base",
                Map.of("query", message),
                () -> knowledge.searchKnowledgeBase(message, s.turn()));
    return answer.flatMap(
        a ->
            a.results().stream()
                .max(Comparator.comparingDouble(KnowledgeAnswer.Passage::similarity)));
  }

  private boolean closeEnough(KnowledgeAnswer.Passage p) {
    return p.similarity() >= config.minPassageSimilarity();
  }
}
