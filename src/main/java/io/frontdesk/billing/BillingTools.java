package io.frontdesk.billing;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolMemoryId;
import io.frontdesk.database.ReactiveBridge;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.GateCall;
import io.frontdesk.toolgate.GatedTools;
import io.frontdesk.toolgate.Owned;
import io.frontdesk.toolgate.OwnedResource;
import io.frontdesk.toolgate.RiskLevel;
import io.frontdesk.toolgate.ToolCalls;
import io.frontdesk.toolgate.ToolRisk;
import io.frontdesk.turn.RunningTurn;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/**
 * Refunds, invoices and payments as the model sees them: thin adapters over {@link BillingService}.
 * The customer is the gate's caller, never an argument. Parameter names are snake_case because the
 * model sees them.
 */
@ApplicationScoped
@GatedTools
public class BillingTools {

  private final BillingService billing;
  private final ToolCalls calls;
  private final ReactiveBridge bridge;

  BillingTools(BillingService billing, ToolCalls calls, ReactiveBridge bridge) {
    this.billing = billing;
    this.calls = calls;
    this.bridge = bridge;
  }

  @Tool(
      name = "process_refund",
      value =
          "Refund part or all of one of the customer's orders to its original payment. The amount"
              + " is in the order's currency and at most what was paid minus earlier refunds (the"
              + " invoice's refundable). A human colleague may have to approve it first; repeating"
              + " the same call in this conversation does not refund twice.")
  @ToolRisk(RiskLevel.DATA_MODIFICATION)
  public RefundResult processRefund(
      @P("the order id, e.g. ord_000123") @Owned(OwnedResource.ORDER) String order_id,
      @P("amount to refund in the order's currency, as a decimal number, e.g. 49.00")
          BigDecimal amount,
      @ToolMemoryId RunningTurn turn) {
    GateCall call = calls.current();
    return calls.effect(
        BackendGuards.BILLING,
        tx ->
            billing.refund(
                tx,
                call.caller().customerId(),
                call.idempotencyKey(),
                call.conversationId().toString(),
                order_id,
                amount),
        RefundResult.class);
  }

  @Tool(
      name = "lookup_invoice",
      value =
          "Look up one of the customer's invoices: amounts incl. tax, status, issued/due/paid"
              + " dates, the order it bills, what can still be refunded, and its payment"
              + " attempts.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public InvoiceDetail lookupInvoice(
      @P("the invoice id (inv_000123) or the number printed on it (SKY-2026-000123)")
          @Owned(OwnedResource.INVOICE)
          String invoice_id,
      @ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> billing.invoice(customerId, invoice_id));
  }

  @Tool(
      name = "list_invoices",
      value =
          "List the customer's 12 most recent invoices, newest first: number, order id, amounts"
              + " incl. tax, status, issued/due/paid dates and what can still be refunded.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public InvoiceList listInvoices(@ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> billing.invoices(customerId));
  }

  @Tool(
      name = "lookup_payment",
      value =
          "Look up one of the customer's payments: amount, method, masked card, status, and why"
              + " it failed if it did.")
  @ToolRisk(RiskLevel.READ_ONLY)
  public PaymentView lookupPayment(
      @P("the payment id, e.g. pay_000123") @Owned(OwnedResource.PAYMENT) String payment_id,
      @ToolMemoryId RunningTurn turn) {
    String customerId = calls.caller().customerId();
    return bridge.await(() -> billing.payment(customerId, payment_id));
  }
}
