package io.frontdesk.model.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up's warm-up call is answered without the network; every other call is sent. */
class WarmupCallTest {

  /** The endpoint's side: what was sent to it. */
  private final List<ChatRequest> sent = new ArrayList<>();

  private final StreamingChatModel endpoint =
      new StreamingChatModel() {
        @Override
        public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
          sent.add(request);
        }
      };

  private static final class Collected implements StreamingChatResponseHandler {
    final StringBuilder text = new StringBuilder();
    ChatResponse complete;

    @Override
    public void onPartialResponse(String partial) {
      text.append(partial);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      complete = response;
    }

    @Override
    public void onError(Throwable error) {
      throw new AssertionError(error);
    }
  }

  @Test
  void theWarmUpMessageIsAnsweredHereAndNeverSent() {
    Collected answer = new Collected();
    new ReconnectingModel(endpoint, 2)
        .chat(
            ChatRequest.builder()
                .messages(
                    SystemMessage.from("You are support."), UserMessage.from(WarmupCall.MESSAGE))
                .build(),
            answer);
    assertEquals(List.of(), sent);
    assertEquals(WarmupCall.ANSWER, answer.text.toString());
    assertNotNull(answer.complete);
    assertEquals(WarmupCall.ANSWER, answer.complete.aiMessage().text());
  }

  @Test
  void aCustomerMessageIsSentEvenIfItLooksLikeTheWarmUp() {
    // the marker's random part is drawn at start: a customer cannot know it
    String guess = "frontdesk start-up warm-up 00000000000000000000000000000000";
    new ReconnectingModel(endpoint, 2)
        .chat(ChatRequest.builder().messages(UserMessage.from(guess)).build(), new Collected());
    assertEquals(1, sent.size());
    assertTrue(WarmupCall.MESSAGE.matches("frontdesk start-up warm-up [0-9a-f]{32}"));
  }
}
