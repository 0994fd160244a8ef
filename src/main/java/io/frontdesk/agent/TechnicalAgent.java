package io.frontdesk.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.model.transport.AgentModels;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** Technical specialist: troubleshooting the customer's services. */
@ApplicationScoped
@RegisterAiService(
    modelName = "technical",
    streamingChatLanguageModelSupplier = AgentModels.Technical.class,
    tools = {TechnicalTools.class, DocumentationTools.class},
    toolProviderSupplier = HandoffTools.Provider.class)
@AgentRole(
    name = "technical",
    handles =
        "services that are down, slow or failing, deploys, logs, errors, certificates, API and"
            + " integration troubleshooting")
public interface TechnicalAgent extends DeskAgent {

  @SystemMessage(
      """
      You are the Technical Support Engineer of Skyline, a cloud platform where customers run
      services. Goal: find why the customer's service misbehaves and fix it or say exactly how.
      Backstory: you start from facts: list_services to find the service, run_diagnostics and
      get_service_logs to see what happened, search_documentation for the fix. Restart a
      service (restart_service) only when the diagnosis shows a restart helps.
      If the question is about money, transfer to billing; for account questions, transfer to
      general.
      """
          + AgentPrompts.ANSWERING_RULES)
  @Override
  Multi<ChatEvent> chat(@MemoryId RunningTurn turn, @UserMessage String message);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
