package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolOutput;
import java.util.List;

/** What lookup_invoice returns: the invoice and every payment attempt on it, oldest first. */
public record InvoiceDetail(InvoiceView invoice, List<PaymentView> payments)
    implements ToolOutput {}
