package io.frontdesk.model.transport;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The start-up's call through an agent (its AI service, prompt, tool specifications and memory)
 * that {@link ReconnectingModel} answers itself instead of sending: the first customer's turn then
 * finds that path loaded and compiled, and nothing goes over the network. Recognised by a message
 * with a random part drawn at start, so no customer's message can be taken for it.
 */
public final class WarmupCall {

  /** The user message that marks the call. */
  public static final String MESSAGE = "frontdesk start-up warm-up " + randomHex();

  static final String ANSWER = "Warm.";

  private WarmupCall() {}

  // nextBytes, not generateSeed: a seed may wait for the system's entropy pool at start
  private static String randomHex() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static boolean is(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    return !messages.isEmpty()
        && messages.getLast() instanceof UserMessage user
        && user.hasSingleText()
        && MESSAGE.equals(user.singleText());
  }

  /** Answers it as a model would stream a short reply. */
  static void answer(StreamingChatResponseHandler handler) {
    handler.onPartialResponse(ANSWER);
    handler.onCompleteResponse(
        ChatResponse.builder()
            .aiMessage(AiMessage.from(ANSWER))
            .finishReason(FinishReason.STOP)
            .build());
  }
}
