package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemoryWindowTest {

  private static StoredMessage user(UUID turn, String text) {
    return new StoredMessage(turn, "user", null, text, List.of(), null, null);
  }

  private static StoredMessage answer(UUID turn, String text) {
    return new StoredMessage(turn, "assistant", "support", text, List.of(), null, null);
  }

  private static StoredMessage call(UUID turn, String id) {
    return new StoredMessage(
        turn,
        "assistant",
        "support",
        null,
        List.of(new StoredMessage.ToolCallRef(id, "search_knowledge_base", "{\"query\":\"x\"}")),
        null,
        null);
  }

  private static StoredMessage result(UUID turn, String id) {
    return new StoredMessage(turn, "tool", "support", "{}", List.of(), id, "search_knowledge_base");
  }

  @Test
  void keepsTheNewestWholeTurnsWithinTheBudget() {
    List<StoredMessage> transcript = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      UUID turn = UUID.randomUUID();
      transcript.add(user(turn, "q" + i + " " + "x".repeat(76)));
      transcript.add(answer(turn, "a" + i + " " + "y".repeat(76)));
    }
    // each message: 80 chars → 20 tokens + 4 overhead = 24; a turn costs 48
    List<StoredMessage> window = MemoryWindow.select(transcript, 100, false);

    assertEquals(4, window.size(), "two whole turns fit in 100 tokens");
    assertTrue(window.get(0).content().startsWith("q8"));
    assertTrue(window.get(3).content().startsWith("a9"));
  }

  @Test
  void neverSplitsATurnBetweenAToolCallAndItsResult() {
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    List<StoredMessage> transcript =
        List.of(
            user(old, "old"),
            call(old, "c1"),
            result(old, "c1"),
            answer(old, "done"),
            user(recent, "new " + "z".repeat(200)),
            answer(recent, "ok"));
    int recentCost = transcript.subList(4, 6).stream().mapToInt(StoredMessage::tokens).sum();

    List<StoredMessage> window = MemoryWindow.select(transcript, recentCost + 10, false);

    assertEquals(2, window.size(), "the old turn does not fit whole, so none of it is sent");
    assertEquals("ok", window.get(1).content());
  }

  @Test
  void whenOlderMessagesWereLeftOutThePossiblyPartialOldestTurnIsNeverSent() {
    UUID partial = UUID.randomUUID();
    UUID whole = UUID.randomUUID();
    // the fetch cut partial's turn: its customer question is not here, only its answer
    List<StoredMessage> fetched =
        List.of(answer(partial, "old answer"), user(whole, "q"), answer(whole, "a"));

    assertEquals(3, MemoryWindow.select(fetched, 1000, false).size());
    List<StoredMessage> window = MemoryWindow.select(fetched, 1000, true);
    assertEquals(List.of("q", "a"), window.stream().map(StoredMessage::content).toList());
  }

  @Test
  void dropsToolCallsWithoutResultsAndResultsWithoutCalls() {
    UUID turn = UUID.randomUUID();
    List<StoredMessage> repaired =
        MemoryWindow.repair(
            List.of(
                user(turn, "hi"),
                call(turn, "c1"),
                call(turn, "c2"),
                result(turn, "c2"),
                result(turn, "c3"),
                answer(turn, "bye")));

    assertEquals(4, repaired.size());
    assertEquals("c2", repaired.get(1).toolCalls().getFirst().id());
    assertEquals("c2", repaired.get(2).toolCallId());
    assertEquals("bye", repaired.get(3).content());
  }

  @Test
  void aToolCallWithItsResultKeepsItsStoredTokenCount() {
    UUID turn = UUID.randomUUID();
    StoredMessage stored = call(turn, "c1");
    // as loaded: the row's stored count, far above what a recount of it gives
    StoredMessage loaded =
        new StoredMessage(
            turn,
            stored.role(),
            stored.agent(),
            stored.content(),
            stored.toolCalls(),
            null,
            null,
            5000);
    List<StoredMessage> transcript = List.of(user(turn, "q"), loaded, result(turn, "c1"));
    assertTrue(
        transcript.stream().mapToInt(m -> m == loaded ? stored.tokens() : m.tokens()).sum() < 1000,
        "recounted, the turn would fit");

    assertEquals(
        List.of(), MemoryWindow.select(transcript, 1000, false), "the stored count decides");
  }
}
