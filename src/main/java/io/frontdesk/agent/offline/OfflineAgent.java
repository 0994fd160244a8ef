package io.frontdesk.agent.offline;

import static io.frontdesk.agent.offline.OfflineReplies.answered;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.account.AccountTools;
import io.frontdesk.agent.DeskAgent;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.turn.Route;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.Map;

/**
 * The offline model (DESIGN §7): answers a turn without an LLM, from the router's route and action,
 * with the same gated tools an agent would call, and streams the same events. The safe cases
 * (account actions, billing look-ups, service status, knowledge passages) are answered; refunds and
 * restarts are asked of the gate, whose approval policy decides whether a person must approve
 * first, after a clarifying question when the message does not say which order or service;
 * everything else (disputes, out of scope, unsure) goes to a person.
 */
@ApplicationScoped
@Typed(OfflineAgent.class)
public class OfflineAgent implements DeskAgent {

  private final AccountTools account;
  private final BillingIntents billing;
  private final ServiceIntents services;
  private final KnowledgeIntents knowledge;
  private final ObjectMapper json;
  private final MeterRegistry registry;

  OfflineAgent(
      AccountTools account,
      BillingTools billing,
      TechnicalTools technical,
      KnowledgeTools knowledge,
      DocumentationTools documentation,
      ObjectMapper json,
      OfflineConfig config,
      MeterRegistry registry) {
    this.account = account;
    this.billing = new BillingIntents(billing);
    this.services = new ServiceIntents(technical);
    this.knowledge = new KnowledgeIntents(knowledge, documentation, config);
    this.json = json;
    this.registry = registry;
  }

  /** Runs on a worker thread: the gated tools block on the database through the bridge. */
  @Override
  public Multi<ChatEvent> chat(RunningTurn turn, String message) {
    return Multi.createFrom()
        .<ChatEvent>emitter(
            emitter -> {
              try {
                // calls made before the agent runs are an approval's (the resuming turn's
                // prelude): the answer reports them
                List<ToolRecord> approved = turn.tools();
                String asked = OfflineReplies.askedFor(lastAnswer(turn.memory().messages()));
                ToolSession session = new ToolSession(turn, emitter::emit, json, message);
                String answer =
                    approved.isEmpty()
                        ? respond(session, turn.route(), message, asked)
                        : OfflineReplies.approved(approved.getLast());
                count(turn.route(), answer);
                session.answer(answer);
                emitter.complete();
              } catch (RuntimeException e) {
                emitter.fail(e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  /** Offline turns by route and whether they were answered or went to a person. */
  private void count(Route route, String answer) {
    registry
        .counter(
            "frontdesk.offline.answers",
            "route",
            route.route(),
            "outcome",
            answer.startsWith(OfflineReplies.ESCALATE) ? "person" : "answered")
        .increment();
  }

  /** The text of the desk's last answer in the conversation's memory, or null. */
  private static String lastAnswer(List<ChatMessage> history) {
    for (int i = history.size() - 1; i >= 0; i--) {
      if (history.get(i) instanceof AiMessage ai && ai.text() != null) {
        return ai.text();
      }
    }
    return null;
  }

  /**
   * @param asked the action the desk's last answer asked about (refund, restart), or null: a reply
   *     that names the order or service continues it, whatever the router makes of the reply alone
   */
  private String respond(ToolSession s, Route route, String message, String asked) {
    if (OfflineReplies.REFUND.equals(asked) && MessageFacts.ORDER_ID.matcher(message).find()) {
      return billing.refund(s, message);
    }
    if (OfflineReplies.RESTART.equals(asked) && MessageFacts.SERVICE_ID.matcher(message).find()) {
      return services.restart(s, message);
    }
    if (!route.sure()) {
      return OfflineReplies.escalate(
          "Could not tell what the customer needs (best guess %s at %.2f)"
              .formatted(route.route(), route.confidence()),
          message);
    }
    if (route.route().equals(Route.OUT_OF_SCOPE)) {
      return OfflineReplies.escalate("Outside what the support desk handles", message);
    }
    String action = route.action() == null ? "" : route.action();
    return switch (action) {
      case "password_reset", "email_update", "subscription_info" -> account(s, action, message);
      case "latest_invoice" -> billing.invoices(s, message, true);
      case "list_invoices" -> billing.invoices(s, message, false);
      case "payment_status" -> billing.payment(s, message);
      case "service_status" -> services.services(s, route, message);
      case "knowledge" -> knowledge.knowledge(s, route, message);
      case "refund" -> billing.refund(s, message);
      case "restart" -> services.restart(s, message);
      default ->
          OfflineReplies.escalate(
              "A %s request needs a person"
                  .formatted(action.isEmpty() ? route.route() : action.replace('_', ' ')),
              message);
    };
  }

  private String account(ToolSession s, String action, String message) {
    return answered(
        s.call(
            "perform_account_action",
            Map.of("action", action),
            () -> account.performAccountAction(action, s.turn())),
        OfflineReplies::accountAction,
        "The account action was refused",
        message);
  }
}
