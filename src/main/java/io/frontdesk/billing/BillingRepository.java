package io.frontdesk.billing;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Orders, invoices, payments and refunds over the reactive SQL client. Look-ups are scoped to the
 * customer in the statement itself; a refund's statements run in the tool gate's transaction.
 */
@ApplicationScoped
public class BillingRepository {

  /** One page of a customer's invoices, newest first, and how many they have in all. */
  record InvoicePage(List<InvoiceView> invoices, long total) {}

  /**
   * An order locked until the transaction ends, with what was paid on it (succeeded payments on its
   * invoice), refunded (refunds in flight count too) and the newest succeeded payment.
   */
  record LockedOrder(
      String id, String currency, String status, long paid, long refunded, String paymentId) {
    long refundable() {
      return Math.max(0, paid - refunded);
    }
  }

  /** A refund about to be stored. */
  record NewRefund(
      String customerId,
      String orderId,
      String paymentId,
      long cents,
      String currency,
      String reason,
      String idempotencyKey,
      OffsetDateTime createdAt) {}

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

  BillingRepository(Pool pool) {
    this.pool = pool;
  }

  /** The customer's newest {@code limit} invoices. */
  Uni<InvoicePage> invoices(String customerId, int limit) {
    return pool.preparedQuery(
            INVOICE_COLUMNS
                + " where i.customer_id = $1 order by i.issued_at desc, i.id desc limit $2")
        .execute(Tuple.of(customerId, limit))
        .map(
            rows -> {
              long total = 0;
              for (Row r : rows) {
                total = r.getLong("total_count");
              }
              return new InvoicePage(Rows.list(rows, BillingRepository::invoice), total);
            });
  }

  /** One of the customer's invoices by id or by its printed number. */
  Uni<Optional<InvoiceView>> invoice(String customerId, String idOrNumber) {
    return pool.preparedQuery(
            INVOICE_COLUMNS + " where (i.id = $1 or i.number = $1) and i.customer_id = $2")
        .execute(Tuple.of(idOrNumber, customerId))
        .map(rows -> Rows.optional(rows, BillingRepository::invoice));
  }

  /** Every payment attempt on an invoice, oldest first. */
  Uni<List<PaymentView>> payments(InvoiceView invoice) {
    return pool.preparedQuery(
            "select p.*, $2::text as order_id from payment p where p.invoice_id = $1"
                + " order by p.created_at, p.id")
        .execute(Tuple.of(invoice.invoiceId(), invoice.orderId()))
        .map(rows -> Rows.list(rows, BillingRepository::payment));
  }

  /** One of the customer's payments. */
  Uni<Optional<PaymentView>> payment(String customerId, String paymentId) {
    return pool.preparedQuery(
            "select p.*, i.order_id from payment p join invoice i on i.id = p.invoice_id"
                + " where p.id = $1 and p.customer_id = $2")
        .execute(Tuple.of(paymentId, customerId))
        .map(rows -> Rows.optional(rows, BillingRepository::payment));
  }

  /**
   * The customer's order, row-locked in {@code conn}'s transaction so concurrent refunds cannot
   * together exceed what was paid; empty when it is not this customer's.
   */
  Uni<Optional<LockedOrder>> lockOrder(SqlConnection conn, String customerId, String orderId) {
    return conn.preparedQuery(
            "select id, currency, status from orders where id = $1 and customer_id = $2 for update")
        .execute(Tuple.of(orderId, customerId))
        .chain(
            rows -> {
              Optional<Row> order = Rows.optional(rows, r -> r);
              return order.isEmpty()
                  ? Uni.createFrom().item(Optional.<LockedOrder>empty())
                  : balance(conn, order.get()).map(Optional::of);
            });
  }

  private static Uni<LockedOrder> balance(SqlConnection conn, Row order) {
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
        .execute(Tuple.of(order.getString("id")))
        .map(Rows::first)
        .map(
            b ->
                new LockedOrder(
                    order.getString("id"),
                    order.getString("currency"),
                    order.getString("status"),
                    b.getLong("paid"),
                    b.getLong("refunded"),
                    b.getString("payment_id")));
  }

  /** Stores a succeeded refund (numbered ref_000123) and answers its id. */
  Uni<String> insertRefund(SqlConnection conn, NewRefund refund) {
    return conn.preparedQuery(
            "insert into refund (id, customer_id, order_id, payment_id, amount_cents, currency,"
                + " reason, status, idempotency_key, created_at) values ('ref_' ||"
                + " lpad(nextval('refund_number_seq')::text, 6, '0'), $1, $2, $3, $4, $5, $6,"
                + " 'succeeded', $7, $8) returning id")
        .execute(
            Tuple.from(
                Arrays.asList(
                    refund.customerId(),
                    refund.orderId(),
                    refund.paymentId(),
                    Math.toIntExact(refund.cents()),
                    refund.currency(),
                    refund.reason(),
                    refund.idempotencyKey(),
                    refund.createdAt())))
        .map(rows -> Rows.first(rows).getString("id"));
  }

  Uni<Void> setOrderStatus(SqlConnection conn, String orderId, String status) {
    return conn.preparedQuery("update orders set status = $2 where id = $1")
        .execute(Tuple.of(orderId, status))
        .replaceWithVoid();
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
}
