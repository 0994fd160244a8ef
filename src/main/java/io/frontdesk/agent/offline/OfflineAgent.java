package io.frontdesk.agent.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import io.frontdesk.account.AccountTools;
import io.frontdesk.agent.DeskAgent;
import io.frontdesk.agent.HandoffTools;
import io.frontdesk.agent.routing.Route;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.billing.InvoiceDetail;
import io.frontdesk.billing.InvoiceList;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.billing.PaymentView;
import io.frontdesk.billing.RefundResult;
import io.frontdesk.conversation.ToolRecord;
import io.frontdesk.conversation.TurnContext;
import io.frontdesk.conversation.TurnRegistry;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.technical.RestartResult;
import io.frontdesk.technical.ServiceList;
import io.frontdesk.technical.ServiceSummary;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.ToolRefused;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.math.BigDecimal;
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
 * (account actions, billing look-ups, service status, knowledge passages) are answered; refunds and
 * restarts are asked of the gate, whose approval policy decides whether a person must approve
 * first, after a clarifying question when the message does not say which order or service;
 * everything else (disputes, out of scope, unsure) goes to a person.
 */
@ApplicationScoped
@Typed(OfflineAgent.class)
public class OfflineAgent implements DeskAgent {

  private static final Pattern PAYMENT_ID = Pattern.compile("\\bpay_\\d+\\b");
  private static final Pattern INVOICE_ID =
      Pattern.compile("\\b(inv_\\d+|SKY-\\d{4}-\\d+)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern SERVICE_ID = Pattern.compile("\\bsvc_\\d+\\b");
  private static final Pattern ORDER_ID = Pattern.compile("\\bord_\\d+\\b");

  /** An amount: 13.20, €13, 13 EUR (a bare integer could be a count or a date). */
  private static final Pattern AMOUNT =
      Pattern.compile(
          "[$€£]\\s?(\\d+(?:[.,]\\d{1,2})?)|(?<![\\w.,-])(\\d+[.,]\\d{2})(?!\\d)"
              + "|(?<![\\w.,-])(\\d+(?:[.,]\\d{1,2})?)\\s?(?:eur|usd|gbp|euros?|dollars?|pounds?)\\b",
          Pattern.CASE_INSENSITIVE);

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
                String asked = OfflineReplies.askedFor(lastAnswer(turn.memory().messages()));
                ToolSession session =
                    new ToolSession(conversationId, turn.memory(), emitter::emit, json, message);
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
    if (OfflineReplies.REFUND.equals(asked) && ORDER_ID.matcher(message).find()) {
      return refund(s, message);
    }
    if (OfflineReplies.RESTART.equals(asked) && SERVICE_ID.matcher(message).find()) {
      return restart(s, message);
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
      case "latest_invoice" -> invoices(s, message, true);
      case "list_invoices" -> invoices(s, message, false);
      case "payment_status" -> payment(s, message);
      case "service_status" -> services(s, route, message);
      case "knowledge" -> knowledge(s, route, message);
      case "refund" -> refund(s, message);
      case "restart" -> restart(s, message);
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

  /**
   * A refund of the order the message names: of the amount it names, else of all that is left to
   * refund on it; the gate checks the order is the customer's and its policy asks a person to
   * approve. Without an order, the customer is asked which one (with those that can be refunded).
   */
  private String refund(ToolSession s, String message) {
    Matcher order = ORDER_ID.matcher(message);
    String id = order.find() ? order.group() : null;
    Optional<BigDecimal> amount = amount(message);
    if (id != null && amount.isPresent()) {
      return processRefund(s, id, amount.get(), message);
    }
    Optional<InvoiceList> list = listInvoices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Invoices could not be looked up", message);
    }
    List<InvoiceView> invoices = list.get().invoices();
    if (id == null) {
      return OfflineReplies.whichOrder(invoices);
    }
    Optional<InvoiceView> invoice =
        invoices.stream().filter(i -> id.equals(i.orderId())).findFirst();
    if (invoice.isEmpty()) {
      return OfflineReplies.orderNotFound(id, invoices);
    }
    BigDecimal refundable = invoice.get().refundable();
    if (refundable == null || refundable.signum() <= 0) {
      return OfflineReplies.nothingToRefund(invoice.get());
    }
    return processRefund(s, id, refundable, message);
  }

  private String processRefund(ToolSession s, String order, BigDecimal amount, String message) {
    Optional<RefundResult> refund =
        s.call(
            "process_refund",
            Map.of("order_id", order, "amount", amount.toPlainString()),
            () -> billing.processRefund(order, amount, s.conversationId()));
    if (refund.isEmpty() && ToolRefused.isNotYours(s.refusal())) {
      return OfflineReplies.notYours("order " + order, "refund");
    }
    return answered(refund, RefundResult::message, refused("The refund", s), message);
  }

  /**
   * A restart of the service the message names (id, else name); the gate checks it is the
   * customer's and its policy decides whether a person approves first. Without one, the customer is
   * asked which.
   */
  private String restart(ToolSession s, String message) {
    Matcher id = SERVICE_ID.matcher(message);
    String serviceId;
    if (id.find()) {
      serviceId = id.group();
    } else {
      Optional<List<ServiceSummary>> list = listServices(s);
      if (list.isEmpty()) {
        return OfflineReplies.escalate("Services could not be looked up", message);
      }
      List<ServiceSummary> services = list.get();
      Optional<ServiceSummary> target = named(services, message);
      if (target.isEmpty()) {
        return OfflineReplies.whichService(services);
      }
      serviceId = target.get().serviceId();
    }
    String target = serviceId;
    Optional<RestartResult> restart =
        s.call(
            "restart_service",
            Map.of("service_id", target),
            () -> technical.restartService(target, s.conversationId()));
    if (restart.isEmpty() && ToolRefused.isNotYours(s.refusal())) {
      return OfflineReplies.notYours("service " + target, "restart");
    }
    return answered(restart, RestartResult::message, refused("The restart", s), message);
  }

  /** The customer's services through the gate (empty when the call failed or was refused). */
  private Optional<List<ServiceSummary>> listServices(ToolSession s) {
    return s.call("list_services", Map.of(), () -> technical.listServices(s.conversationId()))
        .map(ServiceList::services);
  }

  private static String refused(String what, ToolSession s) {
    return s.refusal() == null ? what + " was refused" : what + " was refused: " + s.refusal();
  }

  /** The amount the message names, if any. */
  static Optional<BigDecimal> amount(String message) {
    Matcher m = AMOUNT.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return Optional.of(new BigDecimal(m.group(g).replace(',', '.')));
      }
    }
    return Optional.empty();
  }

  private static String latestPayment(InvoiceDetail detail) {
    List<PaymentView> payments = detail.payments();
    return payments.isEmpty()
        ? OfflineReplies.noPayment(detail.invoice())
        : OfflineReplies.payment(payments.getLast());
  }

  /**
   * The service the message names (id or name), else one that is not running, else all. A report
   * that something is broken (a case routed to a workflow, not a status question) that names no
   * service while all of them run goes to a person: "all your services are running" would answer a
   * question the customer did not ask, from a guess at what they meant.
   */
  private String services(ToolSession s, Route route, String message) {
    Optional<List<ServiceSummary>> list = listServices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Services could not be looked up", message);
    }
    List<ServiceSummary> services = list.get();
    Optional<ServiceSummary> target = named(services, message);
    if (target.isEmpty()) {
      target = services.stream().filter(x -> !"running".equals(x.status())).findFirst();
    }
    if (target.isEmpty() && route.route().startsWith(HandoffTools.WORKFLOW)) {
      return OfflineReplies.escalate(OfflineReplies.faultNotFound(services), message);
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

  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
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
