package io.frontdesk.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.account.AccountTools;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.model.transport.AgentModels;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** General support: FAQ from the knowledge base and account operations. */
@ApplicationScoped
@RegisterAiService(
    modelName = "general",
    streamingChatLanguageModelSupplier = AgentModels.General.class,
    tools = {KnowledgeTools.class, DocumentationTools.class, AccountTools.class},
    toolProviderSupplier = HandoffTools.Provider.class)
@AgentRole(
    name = "general",
    handles =
        "general questions and FAQ, sign-in and passwords, email changes, plan and subscription"
            + " details, anything that fits no other specialist")
public interface GeneralAgent extends DeskAgent {

  @SystemMessage(
      """
      You are the General Support Specialist of Skyline, a cloud platform.
      Goal: answer questions from the knowledge base and perform account operations
      (password_reset, email_update, subscription_info) for the customer in this conversation.
      Backstory: you know the help centre inside out and always cite the article ids you used.
      Never invent policies, prices or account details that no tool returned. Answer briefly.
      If another specialist owns the problem (refunds, invoices, payments: billing; a service
      that is down or failing: technical), transfer the conversation.
      """
          + AgentPrompts.ANSWERING_RULES)
  @Override
  Multi<ChatEvent> chat(@MemoryId RunningTurn turn, @UserMessage String message);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
