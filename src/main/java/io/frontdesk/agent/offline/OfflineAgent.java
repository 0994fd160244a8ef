package io.frontdesk.agent.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.account.AccountTools;
import io.frontdesk.agent.DeskAgent;
import io.frontdesk.agent.routing.Route;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.billing.InvoiceDetail;
import io.frontdesk.billing.InvoiceList;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.billing.PaymentView;
import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.conversation.TurnContext;
import io.frontdesk.conversation.TurnRegistry;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.technical.ServiceList;
import io.frontdesk.technical.ServiceSummary;
import io.frontdesk.technical.TechnicalTools;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline model (DESIGN §7): answers a turn without an LLM, from the router's route and action,
 * with the same gated tools an agent would call, and streams the same events. The safe cases
 * (account actions, billing look-ups, service status, knowledge passages) are answered; everything
 * else (refunds, restarts, disputes, out of scope, unsure) goes to a person.
 */
@ApplicationScoped
@Typed(OfflineAgent.class)
public class OfflineAgent implements DeskAgent {

  private static final Pattern PAYMENT_ID = Pattern.compile("\\bpay_\\d+\\b");
  private static final Pattern INVOICE_ID =
      Pattern.compile("\\b(inv_\\d+|SKY-\\d{4}-\\d+)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SERVICE_ID = Pattern.compile("\\bsvc_\\d+\\b");

  private final TurnRegistry turns;
  private final AccountTools account;
  private final BillingTools billing;
  private final TechnicalTools technical;
  private final KnowledgeTools knowledge;
  private final DocumentationTools documentation;
  private final ObjectMapper json;
  private final OfflineConfig config;
  private final MeterRegistry registry;

  OfflineAgent(
      TurnRegistry turns,
      AccountTools account,
      BillingTools billing,
      TechnicalTools technical,
      KnowledgeTools knowledge,
      DocumentationTools documentation,
      ObjectMapper json,
      OfflineConfig config,
      MeterRegistry registry) {
    this.turns = turns;
    this.account = account;
    this.billing = billing;
    this.technical = technical;
    this.knowledge = knowledge;
    this.documentation = documentation;
    this.json = json;
    this.config = config;
    this.registry = registry;
  }

  /** Runs on a worker thread: the gated tools block on the database through the bridge. */
  @Override
  public Multi<ChatEvent> chat(String conversationId, String message) {
    return Multi.createFrom()
        .<ChatEvent>emitter(
            emitter -> {
              try {
                TurnContext turn = turns.require(conversationId);
                // calls made before the agent runs are an approval's (the resuming turn's
                // prelude): the answer reports them
                List<ToolRecord> approved = turn.tools();
                ToolSession session =
                    new ToolSession(conversationId, turn.memory(), emitter::emit, json, message);
                String answer =
                    approved.isEmpty()
                        ? respond(session, turn.route(), message)
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

  private String respond(ToolSession s, Route route, String message) {
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
      case "latest_invoice" -> invoices(s, message, true);
      case "list_invoices" -> invoices(s, message, false);
      case "payment_status" -> payment(s, message);
      case "service_status" -> services(s, message);
      case "knowledge" -> knowledge(s, route, message);
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
            () -> account.performAccountAction(action, s.conversationId())),
        OfflineReplies::accountAction,
        "The account action was refused",
        message);
  }

  private String invoices(ToolSession s, String message, boolean latestOnly) {
    return answered(
        listInvoices(s),
        list ->
            latestOnly
                ? OfflineReplies.latestInvoice(list.invoices())
                : OfflineReplies.invoices(list.invoices()),
        "Invoices could not be looked up",
        message);
  }

  /** A payment named in the message, else the latest attempt on the newest unpaid invoice. */
  private String payment(ToolSession s, String message) {
    Matcher payment = PAYMENT_ID.matcher(message);
    if (payment.find()) {
      String id = payment.group();
      return answered(
          s.call(
              "lookup_payment",
              Map.of("payment_id", id),
              () -> billing.lookupPayment(id, s.conversationId())),
          OfflineReplies::payment,
          "The payment could not be found",
          message);
    }
    Matcher named = INVOICE_ID.matcher(message);
    Optional<String> invoiceId =
        named.find()
            ? Optional.of(named.group())
            : listInvoices(s)
                .flatMap(
                    list ->
                        list.invoices().stream()
                            .filter(i -> "open".equals(i.status()))
                            .findFirst()
                            .or(() -> list.invoices().stream().findFirst()))
                .map(InvoiceView::invoiceId);
    if (invoiceId.isEmpty()) {
      return "You have no invoices, so there are no payments to check.";
    }
    String id = invoiceId.get();
    return answered(
        s.call(
            "lookup_invoice",
            Map.of("invoice_id", id),
            () -> billing.lookupInvoice(id, s.conversationId())),
        OfflineAgent::latestPayment,
        "The invoice could not be found",
        message);
  }

  /** The answer composed from a tool's result; a call the gate or the tool refused, a person's. */
  private static <T> String answered(
      Optional<T> result, Function<T, String> compose, String refused, String message) {
    return result.map(compose).orElseGet(() -> OfflineReplies.escalate(refused, message));
  }

  private static String latestPayment(InvoiceDetail detail) {
    List<PaymentView> payments = detail.payments();
    return payments.isEmpty()
        ? OfflineReplies.noPayment(detail.invoice())
        : OfflineReplies.payment(payments.getLast());
  }

  /** The service the message names (id or name), else one that is not running, else all. */
  private String services(ToolSession s, String message) {
    Optional<ServiceList> list =
        s.call("list_services", Map.of(), () -> technical.listServices(s.conversationId()));
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Services could not be looked up", message);
    }
    List<ServiceSummary> services = list.get().services();
    Optional<ServiceSummary> target = named(services, message);
    if (target.isEmpty()) {
      target = services.stream().filter(x -> !"running".equals(x.status())).findFirst();
    }
    if (target.isEmpty()) {
      return OfflineReplies.servicesRunning(services);
    }
    String id = target.get().serviceId();
    return answered(
        s.call(
            "run_diagnostics",
            Map.of("service_id", id),
            () -> technical.runDiagnostics(id, s.conversationId())),
        OfflineReplies::diagnosis,
        "Diagnostics could not run",
        message);
  }

  /**
   * The service the message names: its id, else the one sharing most words with the message (its
   * name's parts, e.g. "checkout" of checkout-api, or its type, e.g. api); none if no word matches.
   */
  static Optional<ServiceSummary> named(List<ServiceSummary> services, String message) {
    Matcher id = SERVICE_ID.matcher(message);
    if (id.find()) {
      String wanted = id.group();
      return services.stream().filter(x -> x.serviceId().equals(wanted)).findFirst();
    }
    Set<String> words = words(message);
    ServiceSummary best = null;
    long bestOverlap = 0;
    for (ServiceSummary service : services) {
      Set<String> own = words(service.name() + " " + service.type());
      long overlap = own.stream().filter(words::contains).count();
      if (overlap > bestOverlap) {
        best = service;
        bestOverlap = overlap;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.length() > 2) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The closest passage of the help centre (articles and documentation both searched, the route's
   * own first), quoted with its id and title when it is close enough in meaning; otherwise a person
   * answers.
   */
  private String knowledge(ToolSession s, Route route, String message) {
    boolean technicalFirst = route.route().equals("technical");
    return java.util.stream.Stream.of(technicalFirst, !technicalFirst)
        .map(documentation -> search(s, documentation, message))
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
                () -> documentation.searchDocumentation(message, s.conversationId()))
            : s.call(
                "search_knowledge_base",
                Map.of("query", message),
                () -> knowledge.searchKnowledgeBase(message, s.conversationId()));
    return answer.flatMap(
        a ->
            a.results().stream()
                .max(Comparator.comparingDouble(KnowledgeAnswer.Passage::similarity)));
  }

  private boolean closeEnough(KnowledgeAnswer.Passage p) {
    return p.similarity() >= config.minPassageSimilarity();
  }

  private Optional<InvoiceList> listInvoices(ToolSession s) {
    return s.call("list_invoices", Map.of(), () -> billing.listInvoices(s.conversationId()));
  }
}
