package io.frontdesk.billing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.conversation.TurnRegistry;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.GatedTools;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/**
 * Refunds, invoices and payments as the model sees them: thin adapters over {@link BillingService}.
 * The customer is the turn's, never an argument. Parameter names are snake_case because the model
 * sees them.
 */
@ApplicationScoped
@GatedTools
public class BillingTools {

  private final BillingService billing;
  private final TurnRegistry turns;
  private final ReactiveBridge bridge;

  BillingTools(BillingService billing, TurnRegistry turns, ReactiveBridge bridge) {
    this.billing = billing;
    this.turns = turns;
    this.bridge = bridge;
  }

  @Tool(
      name = "process_refund",
      value =
          "Refund part or all of one of the customer's orders to its original payment. The amount"
              + " is in the order's currency and at most what was paid minus earlier refunds (the"
              + " invoice's refundable). Repeating the same call in this conversation does not"
              + " refund twice.")
  public RefundResult processRefund(
      @P("the order id, e.g. ord_000123") String order_id,
      @P("amount to refund in the order's currency, as a decimal number, e.g. 49.00")
          BigDecimal amount,
      @ToolMemoryId String conversationId) {
    String customerId = turns.require(conversationId).customerId();
    return bridge.await(() -> billing.refund(customerId, conversationId, order_id, amount));
  }

  @Tool(
      name = "lookup_invoice",
      value =
          "Look up one of the customer's invoices: amounts incl. tax, status, issued/due/paid"
              + " dates, the order it bills, what can still be refunded, and its payment"
              + " attempts.")
  public InvoiceDetail lookupInvoice(
      @P("the invoice id (inv_000123) or the number printed on it (SKY-2026-000123)")
          String invoice_id,
      @ToolMemoryId String conversationId) {
    String customerId = turns.require(conversationId).customerId();
    return bridge.await(() -> billing.invoice(customerId, invoice_id));
  }

  @Tool(
      name = "list_invoices",
      value =
          "List the customer's 12 most recent invoices, newest first: number, order id, amounts"
              + " incl. tax, status, issued/due/paid dates and what can still be refunded.")
  public InvoiceList listInvoices(@ToolMemoryId String conversationId) {
    String customerId = turns.require(conversationId).customerId();
    return bridge.await(() -> billing.invoices(customerId));
  }

  @Tool(
      name = "lookup_payment",
      value =
          "Look up one of the customer's payments: amount, method, masked card, status, and why"
              + " it failed if it did.")
  public PaymentView lookupPayment(
      @P("the payment id, e.g. pay_000123") String payment_id,
      @ToolMemoryId String conversationId) {
    String customerId = turns.require(conversationId).customerId();
    return bridge.await(() -> billing.payment(customerId, payment_id));
  }
}
