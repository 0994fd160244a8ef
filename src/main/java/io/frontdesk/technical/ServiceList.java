package io.frontdesk.technical;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What list_services returns: a one-line summary and the customer's services. */
@RegisterForReflection
public record ServiceList(String summary, List<ServiceSummary> services) implements ToolOutput {}
