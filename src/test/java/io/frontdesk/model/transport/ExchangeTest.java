package io.frontdesk.model.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** How an exchange tells a whole model answer from one that broke off. */
class ExchangeTest {

  private static final String CHUNK =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";

  private static Exchange receiving(String... pieces) {
    Exchange exchange = new Exchange();
    for (String piece : pieces) {
      exchange.received(Buffer.buffer(piece.getBytes(UTF_8)));
    }
    return exchange;
  }

  @Test
  void anAnswerWithAFinishReasonIsWholeEvenWithoutDone() {
    assertNull(receiving(CHUNK).cutShort(true));
  }

  @Test
  void aDoneLineSplitAcrossPiecesMakesTheAnswerWhole() {
    assertNull(receiving(CHUNK, "data: [DO", "NE]\n\n").cutShort(false));
    assertNull(receiving(CHUNK, "data:[DONE]\r\n\r\n").cutShort(false));
  }

  @Test
  void doneInsideTheAnswersTextIsNotTheStreamsEnd() {
    ModelStreamBroken broken =
        receiving("data: {\"choices\":[{\"delta\":{\"content\":\"data: [DONE]\"}}]}\n\n")
            .cutShort(false);

    assertNotNull(broken);
    assertEquals(ModelStreamBroken.How.TRUNCATED, broken.how());
  }

  @Test
  void anAnswerWithNeitherFinishReasonNorDoneIsTruncated() {
    ModelStreamBroken broken = receiving(CHUNK).cutShort(false);

    assertEquals(ModelStreamBroken.How.TRUNCATED, broken.how());
    assertEquals(
        "its stream ended after " + CHUNK.length() + " bytes with no finish_reason and no [DONE]",
        broken.detail());
  }

  @Test
  void anUnreadableChunkBreaksTheAnswerWhateverFollows() {
    Exchange exchange = receiving(CHUNK);
    exchange.unreadable(new IllegalStateException("Unexpected end-of-input"));

    assertEquals(ModelStreamBroken.How.MALFORMED, exchange.cutShort(true).how());
    assertEquals(
        ModelStreamBroken.How.MALFORMED,
        ((ModelStreamBroken) exchange.explain(new IOException("reset"))).how());
  }

  @Test
  void aClosedConnectionBeforeAnyAnswerIsLeftAsItCame() {
    VertxException closed = new VertxException("Connection was closed");

    assertSame(closed, new Exchange().explain(closed), "the reconnect may send it again");
  }
}
