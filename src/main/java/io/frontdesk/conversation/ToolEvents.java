package io.frontdesk.conversation;

import io.frontdesk.turn.TurnEvent;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import java.util.List;

/** The tool-call events of an agent's stream, as turn events. */
final class ToolEvents {

  private ToolEvents() {}

  static List<TurnEvent> of(ChatEvent event) {
    return switch (event) {
      case ChatEvent.BeforeToolExecutionEvent b ->
          List.of(
              new TurnEvent.ToolCall(
                  b.getRequest().id(), b.getRequest().name(), b.getRequest().arguments()));
      case ChatEvent.ToolExecutedEvent t ->
          List.of(
              new TurnEvent.ToolResult(
                  t.getExecution().request().id(),
                  t.getExecution().request().name(),
                  !t.getExecution().hasFailed(),
                  t.getExecution().result()));
      default -> List.of();
    };
  }
}
