package io.frontdesk.agent.offline;

import io.frontdesk.account.AccountActionResult;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.billing.PaymentView;
import io.frontdesk.billing.RefundResult;
import io.frontdesk.knowledge.KnowledgeAnswer;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.technical.RestartResult;
import io.frontdesk.technical.ServiceSummary;
import io.frontdesk.turn.RunningTurn;
import io.frontdesk.turn.ToolRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The offline model's answers, composed from what the tools returned (never from anything else):
 * the one place their wording lives.
 */
final class OfflineReplies {

  /** Without a model the desk cannot answer everything; an ESCALATE answer opens the ticket. */
  static final String ESCALATE = "ESCALATE: ";

  /** The actions a clarifying question of the offline model can be about. */
  static final String REFUND = "refund";

  static final String RESTART = "restart";

  /** The desk offered to refund a duplicate charge it found. */
  static final String DUPLICATE = "duplicate";

  private static final String OFFER_DUPLICATE = "Shall I refund the duplicate";

  private static final String WHICH_ORDER = "Which order should I refund, and how much?";
  private static final String WHICH_SERVICE = "Which service should I restart?";

  private OfflineReplies() {}

  /** The answer composed from a tool's result; a call the gate or the tool refused, a person's. */
  static <T> String answered(
      Optional<T> result, Function<T, String> compose, String refused, String message) {
    return result.map(compose).orElseGet(() -> escalate(refused, message));
  }

  /** The action an earlier answer asked the customer about (REFUND, RESTART), or null. */
  static String askedFor(String answer) {
    if (answer == null) {
      return null;
    }
    if (answer.contains(OFFER_DUPLICATE)) {
      return DUPLICATE;
    }
    return answer.startsWith(WHICH_ORDER) || answer.contains("so I can't refund it")
        ? REFUND
        : answer.startsWith(WHICH_SERVICE) ? RESTART : null;
  }

  /**
   * Frustration or abuse: an apology and two ways forward, the offer of a person last (a question:
   * the customer chooses, no ticket opens unasked).
   */
  static String acknowledge() {
    return "I'm sorry it has been so frustrating. Tell me what isn't working (a service, a charge,"
        + " your account) and I'll look into it right away. Or would you like me to bring in a"
        + " person from our team?";
  }

  /**
   * An answer in a turn the input guards asked to answer with care (the customer is upset or swears
   * at the situation): the apology first, the answer, the offer of a person last, in the notices'
   * words. An answer that goes to a person, or that acknowledges the frustration already, is left
   * as it is.
   */
  static String withCare(RunningTurn turn, String answer) {
    if (!turn.care() || answer.startsWith(ESCALATE) || answer.equals(acknowledge())) {
      return answer;
    }
    return Notices.text(turn.language(), Notice.CARE_APOLOGY)
        + " "
        + answer
        + "\n\n"
        + Notices.text(turn.language(), Notice.CARE_OFFER);
  }

  /** A duplicate charge found: both invoices by number, and the offer to refund the later one. */
  static String duplicate(InvoiceView first, InvoiceView again) {
    return ("You were charged twice for %s: invoice %s (%s) and invoice %s (%s), %s %s each. %s"
            + " (order %s, %s %s) to your original payment?")
        .formatted(
            first.description(),
            first.number(),
            date(first.issuedAt()),
            again.number(),
            date(again.issuedAt()),
            first.total().toPlainString(),
            first.currency(),
            OFFER_DUPLICATE + ", invoice " + again.number(),
            again.orderId(),
            again.refundable().toPlainString(),
            again.currency());
  }

  /** One invoice paid more than once: the excess and the offer to refund it. */
  static String paidTwice(InvoiceView i) {
    java.math.BigDecimal excess = i.paid().subtract(i.total());
    return ("Invoice %s (%s) was paid %s %s but bills %s %s: you were charged twice. %s (order %s,"
            + " %s %s) to your original payment?")
        .formatted(
            i.number(),
            i.description(),
            i.paid().toPlainString(),
            i.currency(),
            i.total().toPlainString(),
            i.currency(),
            OFFER_DUPLICATE,
            i.orderId(),
            excess.toPlainString(),
            i.currency());
  }

  /** No duplicate among the invoices: said plainly, with the latest charges to compare. */
  static String noDuplicate(List<InvoiceView> invoices) {
    if (invoices.isEmpty()) {
      return "You have no invoices, so nothing was charged twice.";
    }
    StringBuilder out =
        new StringBuilder(
            "I checked your invoices and found no duplicate: no two charges of the same amount for"
                + " the same period. Your latest charges:");
    invoices.stream().limit(3).forEach(i -> out.append("\n- ").append(invoice(i)));
    out.append(
        "\nIf your bank shows two charges, one may be a card authorisation that drops off within a"
            + " few days.");
    return out.toString();
  }

  /** A clarifying question: which order, with those the customer could have refunded. */
  static String whichOrder(List<InvoiceView> invoices) {
    return WHICH_ORDER + refundable(invoices);
  }

  static String orderNotFound(String orderId, List<InvoiceView> invoices) {
    return "I can't find order %s among your recent invoices, so I can't refund it.%s"
        .formatted(orderId, refundable(invoices));
  }

  static String nothingToRefund(InvoiceView i) {
    return "Order %s (invoice %s) has nothing left to refund: %s %s of %s %s was refunded already."
        .formatted(
            i.orderId(),
            i.number(),
            i.refunded().toPlainString(),
            i.currency(),
            i.paid().toPlainString(),
            i.currency());
  }

  /** The gate found no such thing on the customer's account: the answer, not a failure. */
  static String notYours(String thing, String verb) {
    return "I can't find %s on your account, so I can't %s it.".formatted(thing, verb);
  }

  /** A clarifying question: which service, with the customer's services. */
  static String whichService(List<ServiceSummary> services) {
    if (services.isEmpty()) {
      return "You have no services deployed, so there is nothing to restart.";
    }
    return WHICH_SERVICE
        + " Yours are: "
        + services.stream()
            .map(x -> "%s (%s)".formatted(x.name(), x.status()))
            .collect(Collectors.joining(", "))
        + ".";
  }

  private static String refundable(List<InvoiceView> invoices) {
    List<InvoiceView> open =
        invoices.stream()
            .filter(i -> i.refundable() != null && i.refundable().signum() > 0)
            .limit(5)
            .toList();
    if (open.isEmpty()) {
      return " None of your recent orders has anything left to refund.";
    }
    return " Orders you can get refunded: "
        + open.stream()
            .map(
                i ->
                    "%s (invoice %s, up to %s %s)"
                        .formatted(
                            i.orderId(), i.number(), i.refundable().toPlainString(), i.currency()))
            .collect(Collectors.joining(", "))
        + ".";
  }

  static String accountAction(AccountActionResult result) {
    Map<String, Object> d = result.details();
    return switch (result.action()) {
      case "subscription_info" ->
          d.isEmpty()
              ? "You have no subscription at the moment."
              : "none".equals(d.get("billing_cycle"))
                  ? "You are on the %s plan (%s); it costs nothing and does not renew."
                      .formatted(capitalised(d.get("plan")), d.get("status"))
                  : "You are on the %s plan (%s billing, %s) at %s; %s."
                      .formatted(
                          capitalised(d.get("plan")),
                          d.get("billing_cycle"),
                          d.get("status"),
                          d.get("price"),
                          renewal(String.valueOf(d.get("renews_at"))));
      case "password_reset" ->
          "I've emailed a password reset link to %s. It works once and expires %s."
              .formatted(d.get("sent_to"), expiry(d));
      case "email_update" ->
          ("I've emailed a confirmation link to your current address, %s. Follow it to enter the"
                  + " new address, which you then confirm from there too; the link expires %s.")
              .formatted(d.get("sent_to"), expiry(d));
      default -> result.message();
    };
  }

  static String latestInvoice(List<InvoiceView> invoices) {
    if (invoices.isEmpty()) {
      return "You have no invoices yet.";
    }
    return "Your latest invoice is " + invoice(invoices.getFirst()) + ".";
  }

  static String invoices(List<InvoiceView> invoices) {
    if (invoices.isEmpty()) {
      return "You have no invoices yet.";
    }
    int shown = Math.min(5, invoices.size());
    StringBuilder out =
        new StringBuilder("Your %d most recent invoices, newest first:".formatted(shown));
    invoices.stream().limit(shown).forEach(i -> out.append("\n- ").append(invoice(i)));
    return out.toString();
  }

  static String payment(PaymentView p) {
    String card = p.card() == null ? p.method() : "card " + p.card();
    String outcome =
        "failed".equals(p.status()) && p.failureReason() != null
            ? "failed: " + p.failureReason().replace('_', ' ')
            : p.status();
    return "Your payment of %s %s (%s) on %s: %s."
        .formatted(p.amount().toPlainString(), p.currency(), card, date(p.createdAt()), outcome);
  }

  static String noPayment(InvoiceView i) {
    return "Invoice %s (%s %s) has no payment attempts yet; it is %s, due %s."
        .formatted(
            i.number(), i.total().toPlainString(), i.currency(), i.status(), date(i.dueAt()));
  }

  static String servicesRunning(List<ServiceSummary> services) {
    if (services.isEmpty()) {
      return "You have no services deployed.";
    }
    return "All %d of your services are running: %s."
        .formatted(
            services.size(),
            services.stream().map(ServiceSummary::name).collect(Collectors.joining(", ")));
  }

  /** Why a reported fault goes to a person: no service is named and none is down. */
  static String faultNotFound(List<ServiceSummary> services) {
    return services.isEmpty()
        ? "The customer reports a fault but has no services deployed"
        : "The customer reports a fault but names no service, and all %d of theirs are running (%s)"
            .formatted(
                services.size(),
                services.stream().map(ServiceSummary::serviceId).collect(Collectors.joining(", ")));
  }

  static String diagnosis(Diagnostics d) {
    return ServiceReplies.diagnosis(d, null);
  }

  /** A call a colleague approved has run (an approval's resuming turn): what came of it. */
  static String approved(ToolRecord call) {
    if (!call.success()) {
      return "A colleague approved your request, but it could not be completed: %s. Our team will follow up."
          .formatted(call.error() == null ? "it failed" : call.error());
    }
    return "A colleague approved your request. "
        + switch (call.result()) {
          case AccountActionResult a -> accountAction(a);
          case RefundResult r -> refunded(r);
          case RestartResult r -> restarted(r);
          case null, default -> "It has been carried out.";
        };
  }

  /** A refund made, in the customer's words: their order, the amount, what is left. */
  static String refunded(RefundResult r) {
    return ("I've refunded %s %s on order %s to the original payment; %s %s can still be refunded"
            + " on it.")
        .formatted(
            r.amount().toPlainString(),
            r.currency(),
            r.orderId(),
            r.remainingRefundable().toPlainString(),
            r.currency());
  }

  /** A restart done, by the service's name. */
  static String restarted(RestartResult r) {
    return ("I've restarted %s: it was %s and is running now. A restart does not fix the cause;"
            + " ask me to run diagnostics on it to find it.")
        .formatted(r.name(), r.previousStatus());
  }

  static String passage(KnowledgeAnswer.Passage p) {
    return "From our help centre, %s \"%s\":\n\n%s".formatted(p.id(), p.title(), p.passage());
  }

  static String escalate(String why, String message) {
    String asked = message.length() > 200 ? message.substring(0, 200) + "…" : message;
    return ESCALATE
        + why
        + " (answered without a language model). Customer wrote: \""
        + asked
        + "\"";
  }

  private static String invoice(InvoiceView i) {
    String paid = i.paidAt() == null ? "" : " on " + date(i.paidAt());
    return "%s, issued %s: %s %s including %s %s tax (%s), %s%s"
        .formatted(
            i.number(),
            date(i.issuedAt()),
            i.total().toPlainString(),
            i.currency(),
            i.tax().toPlainString(),
            i.currency(),
            i.description(),
            i.status(),
            paid);
  }

  private static String renewal(String renewsAt) {
    return renewsAt.equals("not renewing")
        ? "it does not renew"
        : "it renews on " + renewsAt.substring(0, Math.min(10, renewsAt.length()));
  }

  /** "at 13:05 UTC on 2026-12-01", from the action's expires_at. */
  private static String expiry(Map<String, Object> details) {
    try {
      OffsetDateTime at = OffsetDateTime.parse(String.valueOf(details.get("expires_at")));
      return "at %s UTC on %s"
          .formatted(at.toLocalTime().withSecond(0).withNano(0), at.toLocalDate());
    } catch (RuntimeException e) {
      return "soon";
    }
  }

  static String capitalised(Object word) {
    String w = String.valueOf(word);
    return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  private static String date(OffsetDateTime t) {
    return t == null ? "-" : t.toLocalDate().toString();
  }
}
