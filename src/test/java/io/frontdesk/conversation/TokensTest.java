package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokensTest {

  @Test
  void countsWithTheGpt4oTokenizer() {
    assertEquals(2, Tokens.count("hello world"));
    assertEquals(0, Tokens.count(""));
    assertEquals(0, Tokens.count(null));
    assertEquals(2 + Tokens.PER_MESSAGE, Tokens.message("hello world"));
  }

  @Test
  void specialTokenMarkupIsOrdinaryText() {
    assertTrue(Tokens.count("<|endoftext|>") > 1);
  }

  @Test
  void realTokensDifferFromFourCharactersEach() {
    // 'a a a a' is 4 tokens for the tokenizer, 2 for a characters/4 estimate
    String text = "a ".repeat(200);
    assertTrue(Tokens.count(text) > text.length() / 4, String.valueOf(Tokens.count(text)));
  }

  @Test
  void aStoredMessageCountsItsToolCallsToo() {
    StoredMessage plain =
        new StoredMessage(null, "assistant", "a", "ok", java.util.List.of(), null, null);
    StoredMessage withCall =
        new StoredMessage(
            null,
            "assistant",
            "a",
            "ok",
            java.util.List.of(new StoredMessage.ToolCallRef("c1", "list_invoices", "{\"x\":1}")),
            null,
            null);
    assertTrue(withCall.tokens() > plain.tokens());
    assertEquals(Tokens.message("ok"), plain.tokens());
  }
}
