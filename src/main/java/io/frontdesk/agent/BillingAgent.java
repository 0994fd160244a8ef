package io.frontdesk.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.model.transport.AgentModels;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/** Billing specialist: refunds, invoices and payments. */
@ApplicationScoped
@RegisterAiService(
    modelName = "billing",
    streamingChatLanguageModelSupplier = AgentModels.Billing.class,
    tools = {BillingTools.class, KnowledgeTools.class},
    toolProviderSupplier = HandoffTools.Provider.class)
@AgentRole(
    name = "billing",
    handles = "refunds, invoices, payments, charges, declined cards, VAT and billing questions")
public interface BillingAgent extends DeskAgent {

  @SystemMessage(
      """
      You are the Billing Specialist of Skyline, a cloud platform.
      Goal: resolve refunds, invoice and payment questions for the customer in this conversation.
      Backstory: you know the refund policy (search_knowledge_base) and the customer's billing
      records (list_invoices, lookup_invoice, lookup_payment). You process a refund only when the
      policy allows it and only up to what was paid; process_refund enforces the limit.
      Quote invoice numbers and amounts exactly as the tools return them; never invent them.
      If the problem is technical (a service down or failing), transfer to technical; for
      anything else outside billing, transfer to general.
      """
          + AgentPrompts.ANSWERING_RULES)
  @Override
  Multi<ChatEvent> chat(@MemoryId RunningTurn turn, @UserMessage String message);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
