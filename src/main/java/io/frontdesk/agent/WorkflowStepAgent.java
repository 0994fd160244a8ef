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
import io.frontdesk.technical.TechnicalTools;
import io.frontdesk.toolgate.ToolErrors;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.HandleToolExecutionError;
import io.quarkiverse.langchain4j.RegisterAiService;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The agent that runs one workflow step: its persona and task come from the step's configured
 * instructions, its memory is the step's own, and its input is the previous step's output.
 */
@ApplicationScoped
@RegisterAiService(
    modelName = "workflow",
    streamingChatLanguageModelSupplier = AgentModels.Workflow.class,
    tools = {
      KnowledgeTools.class,
      DocumentationTools.class,
      AccountTools.class,
      TechnicalTools.class
    })
public interface WorkflowStepAgent {

  @SystemMessage(
      """
      You are one step of a sequential support workflow at Skyline, a cloud platform.
      Workflow {workflow}, step {index} of {total}: {step}.
      {instructions}
      Work only on this step. Your answer is handed to the next step as its input (the last
      step's answer goes to the customer), so be brief and factual.
      """
          + AgentPrompts.IDENTIFIED
          + "\n"
          + AgentPrompts.ANSWER_IN)
  Multi<ChatEvent> run(
      @MemoryId RunningTurn turn,
      String workflow,
      int index,
      int total,
      String step,
      String instructions,
      @UserMessage String input);

  @HandleToolExecutionError
  static ToolErrorHandlerResult onToolError(Throwable error, ToolErrorContext context) {
    return ToolErrors.handle(error, context);
  }
}
