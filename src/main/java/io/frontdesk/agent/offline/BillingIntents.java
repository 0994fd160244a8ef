package io.frontdesk.agent.offline;

import static io.frontdesk.agent.offline.OfflineReplies.answered;

import io.frontdesk.billing.BillingTools;
import io.frontdesk.billing.InvoiceDetail;
import io.frontdesk.billing.InvoiceList;
import io.frontdesk.billing.InvoiceView;
import io.frontdesk.billing.PaymentView;
import io.frontdesk.billing.RefundResult;
import io.frontdesk.toolgate.ToolRefused;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/** The offline model's billing answers: invoices, payments and refunds, through the gate. */
final class BillingIntents {

  private final BillingTools billing;

  BillingIntents(BillingTools billing) {
    this.billing = billing;
  }

  String invoices(ToolSession s, String message, boolean latestOnly) {
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
  String payment(ToolSession s, String message) {
    Matcher payment = MessageFacts.PAYMENT_ID.matcher(message);
    if (payment.find()) {
      String id = payment.group();
      return answered(
          s.call(
              "lookup_payment",
              Map.of("payment_id", id),
              () -> billing.lookupPayment(id, s.turn())),
          OfflineReplies::payment,
          "The payment could not be found",
          message);
    }
    Matcher named = MessageFacts.INVOICE_ID.matcher(message);
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
            "lookup_invoice", Map.of("invoice_id", id), () -> billing.lookupInvoice(id, s.turn())),
        BillingIntents::latestPayment,
        "The invoice could not be found",
        message);
  }

  /**
   * A refund of the order the message names: of the amount it names, else of all that is left to
   * refund on it; the gate checks the order is the customer's and its policy asks a person to
   * approve. Without an order, the customer is asked which one (with those that can be refunded).
   */
  String refund(ToolSession s, String message) {
    Matcher order = MessageFacts.ORDER_ID.matcher(message);
    String id = order.find() ? order.group() : null;
    Optional<BigDecimal> amount = MessageFacts.amount(message);
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

  /**
   * "Charged twice": a duplicate is a second invoice of the same amount for the same period (same
   * description, issued within {@value #SAME_PERIOD_DAYS} days), or an invoice paid more than its
   * total. Found, it is named by invoice number and its refund offered; not found, the customer is
   * told so with their latest charges.
   */
  String duplicates(ToolSession s, String message) {
    Optional<InvoiceList> list = listInvoices(s);
    if (list.isEmpty()) {
      return OfflineReplies.escalate("Invoices could not be looked up", message);
    }
    List<InvoiceView> invoices = list.get().invoices();
    for (int later = 0; later < invoices.size(); later++) {
      InvoiceView b = invoices.get(later);
      if (b.paid() != null && b.total() != null && b.paid().compareTo(b.total()) > 0) {
        return OfflineReplies.paidTwice(b);
      }
      for (int earlier = later + 1; earlier < invoices.size(); earlier++) {
        InvoiceView a = invoices.get(earlier);
        if (samePeriod(a, b) && b.refundable() != null && b.refundable().signum() > 0) {
          return OfflineReplies.duplicate(a, b);
        }
      }
    }
    return OfflineReplies.noDuplicate(invoices);
  }

  static final int SAME_PERIOD_DAYS = 27;

  private static boolean samePeriod(InvoiceView a, InvoiceView b) {
    return a.total().compareTo(b.total()) == 0
        && a.description().equals(b.description())
        && a.issuedAt() != null
        && b.issuedAt() != null
        && Math.abs(java.time.Duration.between(a.issuedAt(), b.issuedAt()).toDays())
            <= SAME_PERIOD_DAYS;
  }

  private String processRefund(ToolSession s, String order, BigDecimal amount, String message) {
    Optional<RefundResult> refund =
        s.call(
            "process_refund",
            Map.of("order_id", order, "amount", amount.toPlainString()),
            () -> billing.processRefund(order, amount, s.turn()));
    if (refund.isEmpty() && ToolRefused.isNotYours(s.refusal())) {
      return OfflineReplies.notYours("order " + order, "refund");
    }
    return answered(refund, OfflineReplies::refunded, s.refused("The refund"), message);
  }

  private static String latestPayment(InvoiceDetail detail) {
    List<PaymentView> payments = detail.payments();
    return payments.isEmpty()
        ? OfflineReplies.noPayment(detail.invoice())
        : OfflineReplies.payment(payments.getLast());
  }

  private Optional<InvoiceList> listInvoices(ToolSession s) {
    return s.call("list_invoices", Map.of(), () -> billing.listInvoices(s.turn()));
  }
}
