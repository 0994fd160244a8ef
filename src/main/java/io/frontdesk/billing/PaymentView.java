package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One payment attempt as the model sees it; the card number is masked ("•••• 1234"). */
@RegisterForReflection
public record PaymentView(
    String paymentId,
    String invoiceId,
    String orderId,
    BigDecimal amount,
    String currency,
    String method,
    String card,
    String status,
    String failureReason,
    OffsetDateTime createdAt)
    implements ToolOutput {}
