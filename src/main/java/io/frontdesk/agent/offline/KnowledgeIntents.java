package io.frontdesk.agent.offline;

import io.frontdesk.account.AccountActionResult;
import io.frontdesk.account.AccountTools;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.knowledge.Collection;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.knowledge.KnowledgeService;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.turn.Route;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The offline model's help-centre answers: the closest passage, quoted, or a person; a yes/no
 * question about a feature some plans have is answered yes or no for the customer's plan first,
 * with the plans that have it.
 */
final class KnowledgeIntents {

  /** What finds the help centre's plan comparison (its category is "plans"). */
  static final String PLANS_QUERY =
      "What plans does Skyline offer? Compare the Free, Pro and Enterprise plans";

  private final KnowledgeTools knowledge;
  private final DocumentationTools documentation;
  private final AccountTools account;
  private final KnowledgeService articles;
  private final ReactiveBridge bridge;
  private final OfflineConfig config;

  KnowledgeIntents(
      KnowledgeTools knowledge,
      DocumentationTools documentation,
      AccountTools account,
      KnowledgeService articles,
      ReactiveBridge bridge,
      OfflineConfig config) {
    this.knowledge = knowledge;
    this.documentation = documentation;
    this.account = account;
    this.articles = articles;
    this.bridge = bridge;
    this.config = config;
  }

  /**
   * The closest passage of the help centre (articles and documentation both searched, the route's
   * own first), quoted with its id and title when it is close enough in meaning; otherwise a person
   * answers.
   */
  String knowledge(ToolSession s, Route route, String message) {
    return closest(s, route.route().equals("technical"), message)
        .map(OfflineReplies::passage)
        .orElseGet(
            () -> OfflineReplies.escalate("No help article answers this closely enough", message));
  }

  /**
   * A yes/no question about a feature that only some plans have ("Can I use SSO with Okta?"): yes
   * or no for the customer's plan, the plans that have it, and, when theirs does, the passage that
   * says how to use it. Empty when the question is not one (then it is answered as any other).
   */
  Optional<String> planGated(ToolSession s, String message) {
    if (!MessageFacts.yesNoQuestion(message)) {
      return Optional.empty();
    }
    Optional<PlanFeatures.Gate> gate = plans(s).flatMap(p -> p.gate(message));
    if (gate.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> plan =
        s.call(
                "perform_account_action",
                Map.of("action", "subscription_info"),
                () -> account.performAccountAction("subscription_info", s.turn()))
            .map(AccountActionResult::details)
            .map(d -> d.get("plan"))
            .map(String::valueOf);
    boolean theirs =
        plan.isPresent()
            && gate.get().included().keySet().stream()
                .anyMatch(p -> p.equalsIgnoreCase(plan.get()));
    Optional<KnowledgeAnswer.Passage> how = theirs ? closest(s, true, message) : Optional.empty();
    return Optional.of(PlanReplies.answer(gate.get(), plan.orElse(null), how.orElse(null)));
  }

  /** The plan comparison, found by a search and read whole (it lists every plan's features). */
  private Optional<PlanFeatures> plans(ToolSession s) {
    return s.call(
            "search_knowledge_base",
            Map.of("query", PLANS_QUERY),
            () -> knowledge.searchKnowledgeBase(PLANS_QUERY, s.turn()))
        .flatMap(a -> a.results().stream().filter(p -> "plans".equals(p.category())).findFirst())
        .map(
            p ->
                PlanFeatures.parse(
                    bridge.await(() -> articles.get(Collection.KNOWLEDGE_BASE, p.id())).body()))
        .filter(p -> p.plans().size() > 1);
  }

  private Optional<KnowledgeAnswer.Passage> closest(
      ToolSession s, boolean technicalFirst, String message) {
    return Stream.of(technicalFirst, !technicalFirst)
        .map(documentationPages -> search(s, documentationPages, message))
        .flatMap(Optional::stream)
        .filter(this::closeEnough)
        .max(Comparator.comparingDouble(KnowledgeAnswer.Passage::similarity));
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
