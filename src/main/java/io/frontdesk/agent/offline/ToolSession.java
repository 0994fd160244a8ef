package io.frontdesk.agent.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.frontdesk.toolgate.ToolRefused;
import io.frontdesk.turn.RunningTurn;
import io.quarkiverse.langchain4j.runtime.aiservice.ChatEvent;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One offline answer in the making: every tool call goes to a gated tools bean (so the gate
 * validates, screens, records and audits it) and is streamed and remembered exactly as an AI
 * service would do it: tool-call request, result, then the answer text.
 */
final class ToolSession {

  private final RunningTurn turn;
  private final ChatMemory memory;
  private final Consumer<ChatEvent> emit;
  private final ObjectMapper json;
  private int calls;
  private String refusal;

  ToolSession(RunningTurn turn, Consumer<ChatEvent> emit, ObjectMapper json, String message) {
    this.turn = turn;
    this.memory = turn.memory();
    this.emit = emit;
    this.json = json;
    memory.add(UserMessage.from(message));
  }

  /** The turn the tools are called in (their memory id, as a model's calls have it). */
  RunningTurn turn() {
    return turn;
  }

  /**
   * Calls a tool; empty when the gate or the tool refused it (the refusal is recorded as the model
   * would see it). A turn stopped by the gate ends here with its exception.
   */
  <T> Optional<T> call(String tool, Map<String, Object> arguments, Supplier<T> invocation) {
    ToolExecutionRequest request =
        ToolExecutionRequest.builder()
            // unique in the conversation, as a model's are: the chat finds a call's line by it
            .id("offline_" + turn.turnId().toString().substring(0, 8) + "_" + (++calls))
            .name(tool)
            .arguments(new JsonObject(arguments).encode())
            .build();
    memory.add(AiMessage.from(request));
    emit.accept(new ChatEvent.BeforeToolExecutionEvent(request));
    T result = null;
    refusal = null;
    String text;
    boolean failed = false;
    try {
      result = invocation.get();
      text = json.writeValueAsString(result);
    } catch (ToolRefused refused) {
      text = new JsonObject().put("error", refused.getMessage()).encode();
      refusal = refused.getMessage();
      failed = true;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("tool result not serialisable", e);
    }
    memory.add(ToolExecutionResultMessage.from(request, text));
    emit.accept(
        new ChatEvent.ToolExecutedEvent(
            ToolExecution.builder()
                .request(request)
                .result(
                    ToolExecutionResult.builder()
                        .isError(failed)
                        .result(result)
                        .resultText(text)
                        .build())
                .build()));
    return Optional.ofNullable(result);
  }

  /** Why the last call was refused, or null when it was not. */
  String refusal() {
    return refusal;
  }

  /** How a refused call reads in an escalation: "what was refused", with the reason when known. */
  String refused(String what) {
    return refusal == null ? what + " was refused" : what + " was refused: " + refusal;
  }

  /** The answer: streamed as one piece and completed, as a model's last message. */
  void answer(String text) {
    AiMessage message = AiMessage.from(text);
    memory.add(message);
    emit.accept(new ChatEvent.PartialResponseEvent(text));
    emit.accept(
        new ChatEvent.ChatCompletedEvent(ChatResponse.builder().aiMessage(message).build()));
  }
}
