package io.frontdesk.billing;

import io.frontdesk.toolgate.EffectTrace;
import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;

/** What process_refund tells the model: the refund, and what is left to refund on the order. */
@RegisterForReflection
public record RefundResult(
    String refundId,
    String orderId,
    BigDecimal amount,
    String currency,
    BigDecimal remainingRefundable,
    String orderStatus,
    String message)
    implements ToolOutput, EffectTrace {

  /** What the customer reads in the transcript. */
  @Override
  public String trace() {
    return "A refund of %s %s on order %s was made to the original payment (refund %s)."
        .formatted(amount.toPlainString(), currency, orderId, refundId);
  }
}
