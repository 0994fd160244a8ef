package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolOutput;
import java.util.List;

/** What list_invoices returns: a one-line summary and the newest invoices first. */
public record InvoiceList(String summary, List<InvoiceView> invoices) implements ToolOutput {}
