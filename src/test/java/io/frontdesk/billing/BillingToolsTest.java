package io.frontdesk.billing;

import static io.frontdesk.testing.ToolSurface.toolsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the model sees of the billing tools: snake_case names, and never a customer id. */
class BillingToolsTest {

  @Test
  void toolsAndParametersAsTheModelSeesThem() {
    assertEquals(
        Map.of(
            "process_refund", List.of("order_id", "amount"),
            "lookup_invoice", List.of("invoice_id"),
            "list_invoices", List.of(),
            "lookup_payment", List.of("payment_id")),
        toolsOf(BillingTools.class));
  }
}
