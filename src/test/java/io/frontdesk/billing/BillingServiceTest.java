package io.frontdesk.billing;

import static io.frontdesk.testing.Database.count;
import static io.frontdesk.testing.Database.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.toolgate.ToolRefused;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Refunds, invoices and payments against the demo data. Orders are picked by SQL among customers
 * above cus_0150, which other tests leave alone; each refunding test takes an order nobody refunded
 * yet, so the tests do not depend on their order.
 */
@QuarkusTest
class BillingServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Inject BillingService billing;
  @Inject Pool pool;
  @Inject MeterRegistry metrics;

  /** A paid order, never refunded, with one succeeded payment of at least 10.00. */
  private record PaidOrder(String id, String customerId, String paymentId, long paidCents) {}

  private PaidOrder unrefundedOrder(String notOfCustomer) {
    Row r =
        rows(
                pool,
                """
                select o.id, o.customer_id, p.id as payment_id, p.amount_cents
                  from orders o
                  join invoice i on i.order_id = o.id
                  join payment p on p.invoice_id = i.id and p.status = 'succeeded'
                 where o.customer_id > 'cus_0150' and o.customer_id <> $1 and o.status = 'paid'
                   and p.amount_cents >= 1000
                   and (select count(*) from payment s
                         where s.invoice_id = i.id and s.status = 'succeeded') = 1
                   and not exists (select 1 from refund r where r.order_id = o.id)
                 order by o.id
                 limit 1
                """,
                notOfCustomer)
            .getFirst();
    return new PaidOrder(
        r.getString("id"),
        r.getString("customer_id"),
        r.getString("payment_id"),
        r.getInteger("amount_cents"));
  }

  private PaidOrder unrefundedOrder() {
    return unrefundedOrder("");
  }

  private static String conversation() {
    return UUID.randomUUID().toString();
  }

  private long refundsOf(String orderId) {
    return count(pool, "select count(*) from refund where order_id = $1", orderId);
  }

  private String statusOf(String orderId) {
    return rows(pool, "select status from orders where id = $1", orderId).getFirst().getString(0);
  }

  /**
   * A refund as the tool gate runs it: in one transaction (the gate adds its idempotency and audit
   * rows to it), under the key the gate computed.
   */
  private Uni<RefundResult> refund(
      String customerId, String conversation, String orderId, BigDecimal amount) {
    String key = "test:" + UUID.randomUUID();
    return pool.withTransaction(
        conn -> billing.refund(conn, customerId, key, conversation, orderId, amount));
  }

  private static ToolRefused refused(Uni<?> call) {
    return assertThrows(ToolRefused.class, () -> call.await().atMost(WAIT));
  }

  @Test
  void aRefundWithinWhatWasPaidIsWrittenAndMarksTheOrder() {
    PaidOrder order = unrefundedOrder();
    String conversation = conversation();
    long part = order.paidCents() / 4;

    RefundResult first =
        refund(order.customerId(), conversation, order.id(), Money.of(part)).await().atMost(WAIT);

    assertTrue(first.refundId().matches("ref_\\d{6}"), first.refundId());
    assertEquals(order.id(), first.orderId());
    assertEquals(Money.of(part), first.amount());
    assertEquals("USD", first.currency());
    assertEquals(Money.of(order.paidCents() - part), first.remainingRefundable());
    assertEquals("partially_refunded", first.orderStatus());
    assertEquals("partially_refunded", statusOf(order.id()));
    Row row =
        rows(
                pool,
                "select customer_id, order_id, payment_id, amount_cents, currency, status, reason,"
                    + " idempotency_key from refund where id = $1",
                first.refundId())
            .getFirst();
    assertEquals(order.customerId(), row.getString("customer_id"));
    assertEquals(order.paymentId(), row.getString("payment_id"));
    assertEquals(part, (long) row.getInteger("amount_cents"));
    assertEquals("succeeded", row.getString("status"));
    assertTrue(row.getString("reason").contains(conversation), row.getString("reason"));
    assertTrue(row.getString("idempotency_key").startsWith("test:"), "the gate's key is kept");

    RefundResult rest =
        refund(order.customerId(), conversation, order.id(), Money.of(order.paidCents() - part))
            .await()
            .atMost(WAIT);
    assertEquals("refunded", rest.orderStatus());
    assertEquals(BigDecimal.ZERO.setScale(2), rest.remainingRefundable());
    assertEquals("refunded", statusOf(order.id()));
    assertEquals(2, refundsOf(order.id()));

    ToolRefused more =
        refused(refund(order.customerId(), conversation, order.id(), new BigDecimal("0.01")));
    assertTrue(more.getMessage().contains("at most 0.00 USD can be refunded"), more.getMessage());
    assertEquals(2, refundsOf(order.id()));
  }

  @Test
  void aRefundAbovePaidMinusRefundedIsRefusedAndChangesNothing() {
    PaidOrder order = unrefundedOrder();
    long refundsBefore = count(pool, "select count(*) from refund");

    ToolRefused refusal =
        refused(
            refund(
                order.customerId(), conversation(), order.id(), Money.of(order.paidCents() + 1)));

    assertEquals(
        "cannot refund %s USD on order %s: paid %s USD, already refunded 0.00 USD, at most %s USD can be refunded"
            .formatted(
                Money.of(order.paidCents() + 1),
                order.id(),
                Money.of(order.paidCents()),
                Money.of(order.paidCents())),
        refusal.getMessage());
    assertEquals(refundsBefore, count(pool, "select count(*) from refund"));
    assertEquals("paid", statusOf(order.id()));
  }

  @Test
  void amountsThatAreNotPositiveCentsAreRefused() {
    PaidOrder order = unrefundedOrder();
    for (String amount : List.of("0", "0.00", "-5.00", "1.234")) {
      ToolRefused refusal =
          refused(refund(order.customerId(), conversation(), order.id(), new BigDecimal(amount)));
      assertTrue(refusal.getMessage().startsWith("amount must"), refusal.getMessage());
    }
    assertEquals(0, refundsOf(order.id()));
    assertEquals("paid", statusOf(order.id()));
  }

  @Test
  void anotherCustomersOrderIsRefusedExactlyLikeAMissingOne() {
    PaidOrder theirs = unrefundedOrder();
    PaidOrder mine = unrefundedOrder(theirs.customerId());
    long refundsBefore = count(pool, "select count(*) from refund");

    ToolRefused foreign =
        refused(refund(mine.customerId(), conversation(), theirs.id(), new BigDecimal("1.00")));
    ToolRefused missing =
        refused(refund(mine.customerId(), conversation(), "ord_999999", new BigDecimal("1.00")));

    assertEquals(
        "order %s not found for this customer".formatted(theirs.id()), foreign.getMessage());
    assertEquals(
        missing.getMessage().replace("ord_999999", theirs.id()),
        foreign.getMessage(),
        "existence never leaks");
    assertEquals(refundsBefore, count(pool, "select count(*) from refund"));
    assertEquals("paid", statusOf(theirs.id()));
  }

  @Test
  void concurrentRefundsCannotTogetherExceedWhatWasPaid() {
    PaidOrder order = unrefundedOrder();
    long slice = order.paidCents() * 3 / 10;
    List<CompletableFuture<RefundResult>> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(
          refund(order.customerId(), conversation(), order.id(), Money.of(slice))
              .subscribeAsCompletionStage());
    }

    int succeeded = 0;
    int refusedCalls = 0;
    for (CompletableFuture<RefundResult> call : calls) {
      try {
        call.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
        succeeded++;
      } catch (CompletionException e) {
        assertTrue(e.getCause() instanceof ToolRefused, "" + e.getCause());
        assertTrue(
            e.getCause().getMessage().startsWith("cannot refund"), e.getCause().getMessage());
        refusedCalls++;
      }
    }

    assertEquals(3, succeeded, "three slices of 30% fit");
    assertEquals(2, refusedCalls);
    assertEquals(3, refundsOf(order.id()));
    assertEquals(
        3 * slice,
        count(pool, "select sum(amount_cents) from refund where order_id = $1", order.id()));
    assertEquals("partially_refunded", statusOf(order.id()));
  }

  @Test
  void aRefusalIsNeitherRetriedNorCountedAsAFailure() {
    // the billing backend's guard meters every billing call under its own name
    String method = io.frontdesk.toolgate.BackendGuards.BILLING;
    double retriesBefore = counter("ft.retry.retries.total", method);
    double notRetryableBefore =
        counter(
            "ft.retry.calls.total",
            method,
            "retryResult",
            "exceptionNotRetryable",
            "retried",
            "false");

    refused(billing.invoice("cus_0151", "inv_999999"));

    assertEquals(retriesBefore, counter("ft.retry.retries.total", method));
    assertEquals(
        notRetryableBefore + 1,
        counter(
            "ft.retry.calls.total",
            method,
            "retryResult",
            "exceptionNotRetryable",
            "retried",
            "false"));
  }

  private double counter(String name, String method, String... tags) {
    var search = metrics.find(name).tag("method", method);
    for (int i = 0; i < tags.length; i += 2) {
      search = search.tag(tags[i], tags[i + 1]);
    }
    var found = search.counter();
    return found == null ? 0 : found.count();
  }

  @Test
  void invoicesAreListedNewestFirstWithTheirRefundableAmount() {
    PaidOrder order = unrefundedOrder();
    InvoiceList list = billing.invoices(order.customerId()).await().atMost(WAIT);

    long total =
        count(pool, "select count(*) from invoice where customer_id = $1", order.customerId());
    assertEquals(Math.min(total, BillingService.MAX_INVOICES), list.invoices().size());
    for (int i = 1; i < list.invoices().size(); i++) {
      assertFalse(
          list.invoices().get(i).issuedAt().isAfter(list.invoices().get(i - 1).issuedAt()),
          "newest first");
    }
    for (InvoiceView invoice : list.invoices()) {
      assertEquals(invoice.amount().add(invoice.tax()), invoice.total());
    }
  }

  @Test
  void anInvoiceIsFoundByIdOrNumberWithItsPayments() {
    PaidOrder order = unrefundedOrder();
    Row invoice =
        rows(pool, "select id, number from invoice where order_id = $1", order.id()).getFirst();

    InvoiceDetail byId =
        billing.invoice(order.customerId(), invoice.getString("id")).await().atMost(WAIT);
    InvoiceDetail byNumber =
        billing.invoice(order.customerId(), invoice.getString("number")).await().atMost(WAIT);

    assertEquals(byId, byNumber);
    assertEquals(order.id(), byId.invoice().orderId());
    assertEquals(Money.of(order.paidCents()), byId.invoice().paid());
    assertEquals(Money.of(order.paidCents()), byId.invoice().refundable());
    assertEquals(byId.invoice().total(), byId.invoice().paid(), "payments pay the total");
    assertTrue(byId.payments().stream().anyMatch(p -> p.paymentId().equals(order.paymentId())));

    PaidOrder theirs = unrefundedOrder(order.customerId());
    String theirInvoice =
        rows(pool, "select id from invoice where order_id = $1", theirs.id())
            .getFirst()
            .getString(0);
    assertEquals(
        "invoice %s not found for this customer".formatted(theirInvoice),
        refused(billing.invoice(order.customerId(), theirInvoice)).getMessage());
  }

  @Test
  void aPaymentShowsItsMaskedCardAndWhyItFailed() {
    Row failed =
        rows(
                pool,
                "select id, customer_id, card_last4, failure_reason from payment where status ="
                    + " 'failed' and method = 'card' and customer_id > 'cus_0150' order by id limit 1")
            .getFirst();

    PaymentView payment =
        billing
            .payment(failed.getString("customer_id"), failed.getString("id"))
            .await()
            .atMost(WAIT);

    assertEquals("•••• " + failed.getString("card_last4"), payment.card());
    assertEquals("failed", payment.status());
    assertEquals(failed.getString("failure_reason"), payment.failureReason());
    assertTrue(payment.orderId().startsWith("ord_"));
    assertEquals(
        "payment %s not found for this customer".formatted(failed.getString("id")),
        refused(billing.payment("cus_0001", failed.getString("id"))).getMessage());

    Row bank =
        rows(pool, "select id, customer_id from payment where method = 'bank_transfer' limit 1")
            .getFirst();
    assertNull(billing.payment(bank.getString(1), bank.getString(0)).await().atMost(WAIT).card());
  }

  @Test
  void resultsReachTheModelAsIsoTimesAndDecimalAmounts() {
    PaidOrder order = unrefundedOrder();
    String invoiceId =
        rows(pool, "select id from invoice where order_id = $1", order.id())
            .getFirst()
            .getString(0);
    InvoiceDetail detail = billing.invoice(order.customerId(), invoiceId).await().atMost(WAIT);

    // The same serialiser quarkus-langchain4j uses for tool results (it pretty-prints).
    String json = dev.langchain4j.internal.Json.toJson(detail).replaceAll("\\s+", "");

    assertTrue(json.contains("\"total\":" + detail.invoice().total().toPlainString() + ","), json);
    assertTrue(
        json.matches(".*\"issuedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\".*"), json);
    assertTrue(json.contains("\"card\":\"••••"), json);
  }
}
