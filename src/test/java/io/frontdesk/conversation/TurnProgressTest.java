package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.frontdesk.guard.GuardFixtures;
import io.frontdesk.security.Roles;
import io.frontdesk.turn.Caller;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a broken model response takes back: exactly the text it had streamed, nothing held. */
class TurnProgressTest {

  private static TurnProgress progress() {
    TurnContext turn =
        new TurnContext(
            UUID.randomUUID(),
            UUID.randomUUID(),
            new Caller("cus_0001", "free", Set.of(Roles.CUSTOMER)),
            "support",
            10,
            List.of());
    return new TurnProgress(
        new AnswerFilter(
            GuardFixtures.pipeline(Map.of(), new SimpleMeterRegistry()),
            turn,
            () -> GuardFixtures.PROMPT));
  }

  /** The text events of streaming these chunks as one response still under way. */
  private static List<TurnEvent> stream(TurnProgress progress, String... chunks) {
    List<TurnEvent> events = new ArrayList<>();
    for (String chunk : chunks) {
      events.addAll(progress.answer(progress.text.accept(chunk), false));
    }
    return events;
  }

  private static String text(List<TurnEvent> events) {
    StringBuilder text = new StringBuilder();
    for (TurnEvent e : events) {
      if (e instanceof TurnEvent.Text t) {
        text.append(t.delta());
      }
    }
    return text.toString();
  }

  @Test
  void aBrokenResponseWithdrawsExactlyTheTextItHadStreamed() {
    TurnProgress progress = progress();
    String sent = text(stream(progress, "Your ", "plan ", "renews ", "every mon"));

    assertEquals("Your plan renews every ", sent, "the word still growing was held");
    assertEquals(
        List.of(new TurnEvent.AnswerWithdrawn(sent.length())), progress.withdraw(), "taken back");
  }

  @Test
  void whatWasHeldWhenTheResponseBrokeIsNeverSentLater() {
    TurnProgress progress = progress();
    stream(progress, "ESCAL");
    progress.withdraw();

    List<TurnEvent> next = stream(progress, "Hello ", "there.");
    next.addAll(progress.answer(progress.text.endOfResponse(), true));

    assertEquals("Hello there.", text(next));
  }

  @Test
  void aWholeResponseStaysAndOnlyTheBrokenOneAfterItIsWithdrawn() {
    TurnProgress progress = progress();
    List<TurnEvent> first = stream(progress, "Let ", "me ", "look.");
    first.addAll(progress.answer(progress.text.endOfResponse(), true));
    String second = text(stream(progress, "You ", "are ", "on "));

    assertEquals("Let me look.", text(first));
    assertEquals(List.of(new TurnEvent.AnswerWithdrawn(second.length())), progress.withdraw());
  }

  @Test
  void nothingStreamedMeansNothingToWithdraw() {
    TurnProgress progress = progress();
    stream(progress, "ESC");

    assertEquals(List.of(), progress.withdraw());
  }
}
