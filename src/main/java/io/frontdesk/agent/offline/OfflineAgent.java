package io.frontdesk.agent.offline;

import static io.frontdesk.agent.offline.OfflineReplies.answered;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.account.AccountTools;
import io.frontdesk.agent.DeskAgent;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeService;
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
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The offline model (DESIGN §7): answers a turn without an LLM, from the router's route and action,
 * with the same gated tools an agent would call, and streams the same events. The safe cases
 * (account actions, billing look-ups, service status, knowledge passages) are answered; refunds and
 * restarts are asked of the gate, whose approval policy decides whether a person must approve
 * first, after a clarifying question when the message does not say which order or service;
 * everything else (disputes, out of scope, unsure) goes to a person. The conversation's subject
 * carries over: "restart it" is the service just discussed, "yes" takes up the desk's offer, a
 * correction repeats the last action on what the customer meant.
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
      KnowledgeService articles,
      ReactiveBridge bridge,
      ObjectMapper json,
      OfflineConfig config,
      MeterRegistry registry) {
    this.account = account;
    this.billing = new BillingIntents(billing);
    this.services = new ServiceIntents(technical);
    this.knowledge =
        new KnowledgeIntents(knowledge, documentation, account, articles, bridge, config);
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
                Subject subject = Subject.of(turn.memory().messages());
                ToolSession session = new ToolSession(turn, emitter::emit, json, message);
                String answer =
                    approved.isEmpty()
                        ? OfflineReplies.withCare(
                            turn, respond(session, turn.route(), message, subject))
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

  /**
   * The answer: a reply to what the desk last asked or offered, else what the message says whatever
   * its route (frustration, a double charge, an incident, logs, a feature of some plans), else by
   * the router's route and action.
   */
  private String respond(ToolSession s, Route route, String message, Subject subject) {
    if (MessageFacts.notEnglish(message)) {
      return OfflineReplies.escalate(
          "The message is not in English, which the offline model reads only", message);
    }
    return Stream.<Supplier<Optional<String>>>of(
            () -> followUp(s, message, subject), () -> beforeRoute(s, route, message, subject))
        .map(Supplier::get)
        .flatMap(Optional::stream)
        .findFirst()
        .orElseGet(() -> routed(s, route, message, subject));
  }

  /**
   * A reply to the desk's last question or offer: the order or service it asked for, or "yes" to
   * refunding a duplicate charge it found (the order is named in the offer).
   */
  private Optional<String> followUp(ToolSession s, String message, Subject subject) {
    String asked = OfflineReplies.askedFor(subject.lastAnswer());
    if (OfflineReplies.REFUND.equals(asked) && MessageFacts.ORDER_ID.matcher(message).find()) {
      return Optional.of(billing.refund(s, message));
    }
    if (OfflineReplies.RESTART.equals(asked) && MessageFacts.SERVICE_ID.matcher(message).find()) {
      return Optional.of(services.restart(s, message, subject));
    }
    if (OfflineReplies.DUPLICATE.equals(asked) && MessageFacts.agrees(message)) {
      var order = MessageFacts.ORDER_ID.matcher(subject.lastAnswer());
      if (order.find()) {
        return Optional.of(billing.refund(s, order.group()));
      }
    }
    return Optional.empty();
  }

  /**
   * What the message says whatever the router made of it: frustration or abuse (acknowledged, a
   * person offered, not a status dump), a charge taken twice, an incident question, a service's
   * logs, a yes/no question about a feature some plans have.
   */
  private Optional<String> beforeRoute(
      ToolSession s, Route route, String message, Subject subject) {
    boolean person = MessageFacts.wantsPerson(message);
    // a message the guards asked to answer with care is answered when it asks something the
    // router is sure of (withCare adds the apology and the offer); venting alone is acknowledged
    boolean answerable = s.turn().care() && route.sure() && route.action() != null;
    if (MessageFacts.frustrated(message)
        && !person
        && !answerable
        && !MessageFacts.namesAnId(message)) {
      return Optional.of(OfflineReplies.acknowledge());
    }
    if (MessageFacts.chargedTwice(message) && !person) {
      return Optional.of(billing.duplicates(s, message));
    }
    if (MessageFacts.asksAboutIncident(message)) {
      return Optional.of(services.incident(s, message));
    }
    if (MessageFacts.asksForLogs(message) && !"knowledge".equals(route.action())) {
      Optional<String> logs = services.logs(s, message, subject);
      if (logs.isPresent()) {
        return logs;
      }
    }
    if (!MessageFacts.SERVICE_ID.matcher(message).find()
        && (!route.sure() || "knowledge".equals(route.action()))) {
      return knowledge.planGated(s, message);
    }
    return Optional.empty();
  }

  /** By the router's route and action; an unsure route still answers what the message names. */
  private String routed(ToolSession s, Route route, String message, Subject subject) {
    if (!route.sure()) {
      return unsure(s, route, message, subject);
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
      case "service_status" -> services.services(s, route, message, subject);
      case "knowledge" -> knowledge.knowledge(s, route, message);
      case "refund" -> billing.refund(s, message);
      case "restart" -> services.restart(s, message, subject);
      default ->
          OfflineReplies.escalate(
              "A %s request needs a person"
                  .formatted(action.isEmpty() ? route.route() : action.replace('_', ' ')),
              message);
    };
  }

  /**
   * A message the router could not place: a refund or restart it asks for by name (safe: the
   * customer is asked which, or the gate's policy decides), a service of theirs it names or points
   * back at; anything else goes to a person.
   */
  private String unsure(ToolSession s, Route route, String message, Subject subject) {
    if (!MessageFacts.wantsPerson(message)) {
      if (MessageFacts.asksForRefund(message)) {
        return billing.refund(s, message);
      }
      if (MessageFacts.asksForRestart(message)) {
        return services.restart(s, message, subject);
      }
      boolean technical =
          route.route().equals("technical") || route.route().startsWith("workflow:");
      if (technical
          || MessageFacts.corrects(message)
          || subject.hasService()
          || MessageFacts.namesAService(message)) {
        Optional<String> service = services.aboutAService(s, message, subject);
        if (service.isPresent()) {
          return service.get();
        }
      }
    }
    return OfflineReplies.escalate(
        "Could not tell what the customer needs (best guess %s at %.2f)"
            .formatted(route.route(), route.confidence()),
        message);
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
