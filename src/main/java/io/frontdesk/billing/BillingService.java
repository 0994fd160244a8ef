package io.frontdesk.billing;

import io.frontdesk.billing.BillingRepository.LockedOrder;
import io.frontdesk.billing.BillingRepository.NewRefund;
import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Refunds, invoices and payments of one customer. Another customer's records are reported exactly
 * like missing ones, so an id never reveals whether it exists.
 *
 * <p>Look-ups have the billing backend's fault tolerance ({@link BackendGuards}: 3 attempts,
 * backoff 500 ms doubling up to 5 s, 10 s per attempt, one circuit breaker). A refusal is an
 * answer, not a fault: never retried, never counted. A refund runs in the tool gate's transaction,
 * and the gate applies the same policy around the whole transaction, so a retry repeats it as one.
 */
@ApplicationScoped
public class BillingService {

  static final int MAX_INVOICES = 12;

  private final BillingRepository billing;

  BillingService(BillingRepository billing) {
    this.billing = billing;
  }

  /**
   * Refunds {@code amount} of an order to its succeeded payment, inside the tool gate's transaction
   * ({@code conn}: the idempotency record and the audit row commit with it), holding the order's
   * row lock so concurrent refunds cannot together exceed what was paid. The gate's idempotency key
   * is stored on the refund too, a second unique guard against refunding twice.
   */
  public Uni<RefundResult> refund(
      SqlConnection conn,
      String customerId,
      String idempotencyKey,
      String conversationId,
      String orderId,
      BigDecimal amount) {
    long cents;
    try {
      cents = Money.cents(amount);
    } catch (ToolRefused refused) {
      return Uni.createFrom().failure(refused);
    }
    String id = orderId.strip();
    return billing
        .lockOrder(conn, customerId, id)
        .chain(
            order ->
                order.isEmpty()
                    ? Uni.createFrom().failure(ToolRefused.notYours("order", id))
                    : issue(conn, customerId, conversationId, order.get(), cents, idempotencyKey));
  }

  @Backend(BackendGuards.BILLING)
  public Uni<InvoiceList> invoices(String customerId) {
    return billing
        .invoices(customerId, MAX_INVOICES)
        .map(
            page -> {
              int shown = page.invoices().size();
              String summary =
                  shown == 0
                      ? "The customer has no invoices."
                      : shown == page.total()
                          ? "All %d invoices, newest first.".formatted(page.total())
                          : "The %d newest of %d invoices.".formatted(shown, page.total());
              return new InvoiceList(summary, page.invoices());
            });
  }

  /** One invoice by id (inv_000123) or by the number printed on it (SKY-2026-000123). */
  @Backend(BackendGuards.BILLING)
  public Uni<InvoiceDetail> invoice(String customerId, String invoiceId) {
    String id = invoiceId.strip();
    return billing
        .invoice(customerId, id)
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().failure(ToolRefused.notYours("invoice", id))
                    : billing
                        .payments(found.get())
                        .map(payments -> new InvoiceDetail(found.get(), payments)));
  }

  @Backend(BackendGuards.BILLING)
  public Uni<PaymentView> payment(String customerId, String paymentId) {
    String id = paymentId.strip();
    return billing
        .payment(customerId, id)
        .chain(
            found ->
                found.isPresent()
                    ? Uni.createFrom().item(found.get())
                    : Uni.createFrom().failure(ToolRefused.notYours("payment", id)));
  }

  private Uni<RefundResult> issue(
      SqlConnection conn,
      String customerId,
      String conversationId,
      LockedOrder order,
      long cents,
      String key) {
    String refusal = refusal(order, cents);
    if (refusal != null) {
      return Uni.createFrom().failure(new ToolRefused(refusal));
    }
    long remaining = order.refundable() - cents;
    String status = remaining == 0 ? "refunded" : "partially_refunded";
    // PostgreSQL keeps microseconds; the result reports exactly what was stored.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    NewRefund refund =
        new NewRefund(
            customerId,
            order.id(),
            order.paymentId(),
            cents,
            order.currency(),
            "Issued by the Frontdesk support agent in conversation " + conversationId,
            key,
            now);
    return billing
        .insertRefund(conn, refund)
        .call(() -> billing.setOrderStatus(conn, order.id(), status))
        .map(refundId -> refunded(refundId, order, cents, remaining, status));
  }

  /** Why this refund cannot be made, or null when it can. */
  private static String refusal(LockedOrder order, long cents) {
    if (order.paid() == 0) {
      return "order %s has no successful payment to refund".formatted(order.id());
    }
    if (cents > order.refundable()) {
      return "cannot refund %s on order %s: paid %s, already refunded %s, at most %s can be refunded"
          .formatted(
              cents == Long.MAX_VALUE ? "that amount" : Money.format(cents, order.currency()),
              order.id(),
              Money.format(order.paid(), order.currency()),
              Money.format(order.refunded(), order.currency()),
              Money.format(order.refundable(), order.currency()));
    }
    return null;
  }

  private static RefundResult refunded(
      String refundId, LockedOrder order, long cents, long remaining, String status) {
    return new RefundResult(
        refundId,
        order.id(),
        Money.of(cents),
        order.currency(),
        Money.of(remaining),
        status,
        "Refunded %s on order %s to the original payment %s (refund %s); %s"
                .formatted(
                    Money.format(cents, order.currency()),
                    order.id(),
                    order.paymentId(),
                    refundId,
                    Money.format(remaining, order.currency()))
            + " can still be refunded.");
  }
}
