package io.frontdesk.account;

import io.frontdesk.toolgate.ToolOutput;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** What perform_account_action tells the model. */
@RegisterForReflection
public record AccountActionResult(
    String action, String status, String message, Map<String, Object> details)
    implements ToolOutput {}
