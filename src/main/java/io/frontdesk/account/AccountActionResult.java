package io.frontdesk.account;

import io.frontdesk.toolgate.ToolOutput;
import java.util.Map;

/** What perform_account_action tells the model. */
public record AccountActionResult(
    String action, String status, String message, Map<String, Object> details)
    implements ToolOutput {}
