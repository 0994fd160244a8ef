package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What lookup_invoice returns: the invoice and every payment attempt on it, oldest first. */
@RegisterForReflection
public record InvoiceDetail(InvoiceView invoice, List<PaymentView> payments)
    implements ToolOutput {}
