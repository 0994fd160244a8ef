package io.frontdesk.billing;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One invoice as the model sees it: amounts in the currency's units (total = amount + tax), and
 * what was paid, refunded and can still be refunded on the order it bills.
 */
@RegisterForReflection
public record InvoiceView(
    String invoiceId,
    String number,
    String orderId,
    String description,
    BigDecimal amount,
    BigDecimal tax,
    BigDecimal total,
    String currency,
    String status,
    OffsetDateTime issuedAt,
    OffsetDateTime dueAt,
    OffsetDateTime paidAt,
    BigDecimal paid,
    BigDecimal refunded,
    BigDecimal refundable) {}
