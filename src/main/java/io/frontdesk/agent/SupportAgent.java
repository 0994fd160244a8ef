package io.frontdesk.agent;

import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.frontdesk.account.AccountTools;
import io.frontdesk.billing.BillingTools;
import io.frontdesk.knowledge.DocumentationTools;
import io.frontdesk.knowledge.KnowledgeTools;
import io.frontdesk.model.transport.AgentModels;
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.OfferedTools;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The autonomous support agent (single topology): one ReAct agent with every tool. The memory id is
 * the conversation id; the turn engine owns the memory.
 */
@ApplicationScoped
@RegisterAiService(
    modelName = "support",
    streamingChatLanguageModelSupplier = AgentModels.Support.class,
    tools = {
      KnowledgeTools.class,
      DocumentationTools.class,
      AccountTools.class,
      BillingTools.class,
      TechnicalTools.class
    },
    // the operator's connector tools (HTTP files, MCP servers) offered to this agent
    toolProviderSupplier = OfferedTools.Provider.class)
@AgentRole(
    name = "support",
    handles = "every inquiry, alone, with all tools",
    topology = Topology.SINGLE)
public interface SupportAgent extends DeskAgent {

  @SystemMessage(
      """
      You are a Customer Support Specialist for Skyline, a cloud platform where customers deploy
      and run services. Your goal: resolve customer inquiries without human intervention.
      Backstory: you are an autonomous support agent; you use the available tools to resolve
      inquiries efficiently.

      - search_knowledge_base: answers about accounts, billing, refunds, plans, outages.
      - search_documentation: technical and API help.
      - perform_account_action: password_reset, email_update, subscription_info.
      - list_invoices, lookup_invoice, lookup_payment, process_refund: billing; refunds only when
        the policy allows and only up to what was paid.
      - list_services, get_service_logs, run_diagnostics, restart_service: the customer's services.
      Look things up before answering and cite the article ids you used. Never invent policies,
      prices or account details that no tool returned. Answer briefly and concretely.
      """
          + AgentPrompts.ANSWERING_RULES)
  @Override
  Multi<ChatEvent> chat(@MemoryId RunningTurn turn, @UserMessage String message);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
