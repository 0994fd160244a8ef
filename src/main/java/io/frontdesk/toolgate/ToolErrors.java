package io.frontdesk.toolgate;

import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.turn.TurnControl;
import io.vertx.core.json.JsonObject;

/**
 * What the model is told when a tool call fails; shared by every agent's
 * {@code @HandleToolExecutionError}. Turn control (stop, handoff, human) is re-thrown so that the
 * agent makes no further model call and the engine takes over.
 */
public final class ToolErrors {

  private ToolErrors() {}

  public static ToolErrorHandlerResult handle(Throwable error, ToolErrorContext context) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TurnControl control) {
        throw control;
      }
      if (t instanceof ToolRefused refused) {
        return ToolErrorHandlerResult.text(
            new JsonObject().put("error", refused.getMessage()).encode());
      }
    }
    return ToolErrorHandlerResult.text(
        new JsonObject().put("error", "the tool failed; do not retry it").encode());
  }
}
