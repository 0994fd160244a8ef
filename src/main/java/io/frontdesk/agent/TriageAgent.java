package io.frontdesk.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.model.transport.AgentModels;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** Triage: reads the inquiry and hands it to the right specialist; it answers nothing itself. */
@ApplicationScoped
@RegisterAiService(
    modelName = "triage",
    streamingChatLanguageModelSupplier = AgentModels.Triage.class,
    toolProviderSupplier = HandoffTools.Provider.class)
@AgentRole(
    name = "triage",
    handles = "routing a new or unclear inquiry to the right specialist",
    router = true)
public interface TriageAgent extends DeskAgent {

  @SystemMessage(
      """
      You are the Triage Agent of Skyline's support desk.
      Goal: route every inquiry to the one specialist who can resolve it, immediately.
      Backstory: you read each message, decide which team owns it, and transfer it with a
      short reason. You never answer questions yourself and never ask the customer to wait.
      Call exactly one transfer_to_* tool. Use escalate_to_human only when the customer asks
      for a person or the request is a legal, security or account-ownership dispute.
      """)
  @Override
  Multi<ChatEvent> chat(@MemoryId RunningTurn turn, @UserMessage String message);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
