package io.frontdesk.billing;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What list_invoices returns: a one-line summary and the newest invoices first. */
@RegisterForReflection
public record InvoiceList(String summary, List<InvoiceView> invoices) implements ToolOutput {}
