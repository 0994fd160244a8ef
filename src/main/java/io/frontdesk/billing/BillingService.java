package io.frontdesk.billing;

import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  private static final String INVOICE_COLUMNS =
      """
      select i.id, i.number, i.order_id, o.description, i.amount_cents, i.tax_cents, i.currency,
             i.status, i.issued_at, i.due_at, i.paid_at,
             (select coalesce(sum(p.amount_cents), 0) from payment p
               where p.invoice_id = i.id and p.status = 'succeeded') as paid_cents,
             (select coalesce(sum(r.amount_cents), 0) from refund r
               where r.order_id = i.order_id and r.status <> 'failed') as refunded_cents,
             count(*) over () as total_count
        from invoice i join orders o on o.id = i.order_id
      """;

  private final Pool pool;

  BillingService(Pool pool) {
    this.pool = pool;
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
    return lockOrder(conn, customerId, id)
        .chain(order -> issue(conn, customerId, conversationId, order, cents, idempotencyKey));
  }

  @Backend(BackendGuards.BILLING)
  public Uni<InvoiceList> invoices(String customerId) {
    return pool.preparedQuery(
            INVOICE_COLUMNS
                + " where i.customer_id = $1 order by i.issued_at desc, i.id desc limit "
                + MAX_INVOICES)
        .execute(Tuple.of(customerId))
        .map(
            rows -> {
              List<InvoiceView> invoices = new ArrayList<>();
              long total = 0;
              for (Row r : rows) {
                invoices.add(invoice(r));
                total = r.getLong("total_count");
              }
              String summary =
                  invoices.isEmpty()
                      ? "The customer has no invoices."
                      : invoices.size() == total
                          ? "All %d invoices, newest first.".formatted(total)
                          : "The %d newest of %d invoices.".formatted(invoices.size(), total);
              return new InvoiceList(summary, invoices);
            });
  }

  /** One invoice by id (inv_000123) or by the number printed on it (SKY-2026-000123). */
  @Backend(BackendGuards.BILLING)
  public Uni<InvoiceDetail> invoice(String customerId, String invoiceId) {
    String id = invoiceId.strip();
    return pool.preparedQuery(
            INVOICE_COLUMNS + " where (i.id = $1 or i.number = $1) and i.customer_id = $2")
        .execute(Tuple.of(id, customerId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(ToolRefused.notYours("invoice", id));
              }
              InvoiceView invoice = invoice(rows.iterator().next());
              return pool.preparedQuery(
                      "select p.*, $2::text as order_id from payment p where p.invoice_id = $1"
                          + " order by p.created_at, p.id")
                  .execute(Tuple.of(invoice.invoiceId(), invoice.orderId()))
                  .map(
                      payments -> {
                        List<PaymentView> list = new ArrayList<>();
                        payments.forEach(p -> list.add(payment(p)));
                        return new InvoiceDetail(invoice, list);
                      });
            });
  }

  @Backend(BackendGuards.BILLING)
  public Uni<PaymentView> payment(String customerId, String paymentId) {
    String id = paymentId.strip();
    return pool.preparedQuery(
            "select p.*, i.order_id from payment p join invoice i on i.id = p.invoice_id"
                + " where p.id = $1 and p.customer_id = $2")
        .execute(Tuple.of(id, customerId))
        .chain(
            rows ->
                rows.iterator().hasNext()
                    ? Uni.createFrom().item(payment(rows.iterator().next()))
                    : Uni.createFrom().failure(ToolRefused.notYours("payment", id)));
  }

  /**
   * The order, locked until the transaction ends, with what was paid (succeeded payments on its
   * invoice) and refunded (refunds in flight count too); refused when it is not this customer's.
   */
  private static Uni<LockedOrder> lockOrder(SqlConnection conn, String customerId, String orderId) {
    return conn.preparedQuery(
            "select id, currency, status from orders where id = $1 and customer_id = $2 for update")
        .execute(Tuple.of(orderId, customerId))
        .chain(
            rows -> {
              if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(ToolRefused.notYours("order", orderId));
              }
              Row order = rows.iterator().next();
              return conn.preparedQuery(
                      """
                      select coalesce(sum(p.amount_cents), 0) as paid,
                             (array_agg(p.id order by p.created_at desc, p.id desc))[1] as payment_id,
                             (select coalesce(sum(r.amount_cents), 0) from refund r
                               where r.order_id = $1 and r.status <> 'failed') as refunded
                        from invoice i
                        join payment p on p.invoice_id = i.id and p.status = 'succeeded'
                       where i.order_id = $1
                      """)
                  .execute(Tuple.of(orderId))
                  .map(
                      balance -> {
                        Row b = balance.iterator().next();
                        return new LockedOrder(
                            order.getString("id"),
                            order.getString("currency"),
                            order.getString("status"),
                            b.getLong("paid"),
                            b.getLong("refunded"),
                            b.getString("payment_id"));
                      });
            });
  }

  private static Uni<RefundResult> issue(
      SqlConnection conn,
      String customerId,
      String conversationId,
      LockedOrder order,
      long cents,
      String key) {
    long refundable = order.refundable();
    if (order.paid() == 0) {
      return refused("order %s has no successful payment to refund".formatted(order.id()));
    }
    if (cents > refundable) {
      return refused(
          "cannot refund %s on order %s: paid %s, already refunded %s, at most %s can be refunded"
              .formatted(
                  cents == Long.MAX_VALUE ? "that amount" : Money.format(cents, order.currency()),
                  order.id(),
                  Money.format(order.paid(), order.currency()),
                  Money.format(order.refunded(), order.currency()),
                  Money.format(refundable, order.currency())));
    }
    long remaining = refundable - cents;
    String status = remaining == 0 ? "refunded" : "partially_refunded";
    // PostgreSQL keeps microseconds; the result reports exactly what was stored.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    return conn.preparedQuery(
            "insert into refund (id, customer_id, order_id, payment_id, amount_cents, currency,"
                + " reason, status, idempotency_key, created_at) values ('ref_' ||"
                + " lpad(nextval('refund_number_seq')::text, 6, '0'), $1, $2, $3, $4, $5, $6,"
                + " 'succeeded', $7, $8) returning id")
        .execute(
            Tuple.from(
                Arrays.asList(
                    customerId,
                    order.id(),
                    order.paymentId(),
                    Math.toIntExact(cents),
                    order.currency(),
                    "Issued by the Frontdesk support agent in conversation " + conversationId,
                    key,
                    now)))
        .chain(
            rows -> {
              String refundId = rows.iterator().next().getString("id");
              return conn.preparedQuery("update orders set status = $2 where id = $1")
                  .execute(Tuple.of(order.id(), status))
                  .replaceWith(
                      new RefundResult(
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
                              + " can still be refunded."));
            });
  }

  private static InvoiceView invoice(Row r) {
    long amount = r.getInteger("amount_cents");
    long tax = r.getInteger("tax_cents");
    long paid = r.getLong("paid_cents");
    long refunded = r.getLong("refunded_cents");
    return new InvoiceView(
        r.getString("id"),
        r.getString("number"),
        r.getString("order_id"),
        r.getString("description"),
        Money.of(amount),
        Money.of(tax),
        Money.of(amount + tax),
        r.getString("currency"),
        r.getString("status"),
        r.getOffsetDateTime("issued_at"),
        r.getOffsetDateTime("due_at"),
        r.getOffsetDateTime("paid_at"),
        Money.of(paid),
        Money.of(refunded),
        Money.of(Math.max(0, paid - refunded)));
  }

  private static PaymentView payment(Row r) {
    String last4 = r.getString("card_last4");
    return new PaymentView(
        r.getString("id"),
        r.getString("invoice_id"),
        r.getString("order_id"),
        Money.of(r.getInteger("amount_cents")),
        r.getString("currency"),
        r.getString("method"),
        last4 == null ? null : "•••• " + last4,
        r.getString("status"),
        r.getString("failure_reason"),
        r.getOffsetDateTime("created_at"));
  }

  private static <T> Uni<T> refused(String message) {
    return Uni.createFrom().failure(new ToolRefused(message));
  }

  private record LockedOrder(
      String id, String currency, String status, long paid, long refunded, String paymentId) {
    long refundable() {
      return Math.max(0, paid - refunded);
    }
  }
}
