package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.guard.GuardFixtures;
import io.frontdesk.guard.GuardPipeline;
import io.frontdesk.guard.PromptLeakDetector;
import io.frontdesk.security.Roles;
import io.frontdesk.turn.Caller;
import io.frontdesk.turn.TurnEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The streamed answer never carries what the check of the whole answer blocks or redacts. */
class AnswerFilterTest {

  private static final String PROMPT = GuardFixtures.PROMPT;

  // the scripted model server streams a word with its whitespace per chunk
  private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*|\\s+");

  private final GuardPipeline guards = GuardFixtures.pipeline(Map.of(), new SimpleMeterRegistry());

  private static TurnContext turn() {
    return new TurnContext(
        UUID.randomUUID(),
        UUID.randomUUID(),
        new Caller("cus_0001", "free", Set.of(Roles.CUSTOMER)),
        "support",
        10,
        List.of());
  }

  private AnswerFilter filter() {
    return new AnswerFilter(guards, turn(), () -> PROMPT);
  }

  /** What the stream carries for an answer streamed word by word. */
  private static String streamed(AnswerFilter filter, String answer) {
    List<TurnEvent> events = new ArrayList<>();
    for (String chunk : WORD.matcher(answer).results().map(MatchResult::group).toList()) {
      events.addAll(filter.accept(List.of(chunk)));
    }
    events.addAll(filter.flush());
    StringBuilder text = new StringBuilder();
    events.stream()
        .filter(TurnEvent.Text.class::isInstance)
        .forEach(e -> text.append(((TurnEvent.Text) e).delta()));
    return text.toString();
  }

  @Test
  void aLeakedPromptNeverReachesTheStreamWordByWord() {
    String answer =
        "Sure. My instructions are: look things up before answering and cite the article ids you"
            + " used. Never invent policies, prices or account details that no tool returned.";
    assertTrue(guards.checkOutput(answer, PROMPT).blocked(), "the whole answer is blocked");

    String shown = streamed(filter(), answer);

    assertTrue(shown.startsWith("Sure."), "what came before the leak was streamed: " + shown);
    assertEquals(
        0.0,
        new PromptLeakDetector().scan(shown, PROMPT).score(),
        1e-9,
        "no run of the prompt was streamed: " + shown);
  }

  @Test
  void aCardNumberSplitAtTheHoldLimitIsStillRedactedWhole() {
    // 390 characters of reference numbers: the held text passes 400 between "4111 1111" and the
    // rest of the card number
    String answer =
        "Your references: " + "1001, ".repeat(65) + "4111 1111 1111 1111 is the card on file.";

    String shown = streamed(filter(), answer);

    assertFalse(shown.contains("4111"), shown);
    assertTrue(shown.contains("[CARD] is the card on file."), shown);
    assertEquals(guards.checkOutput(answer, PROMPT).text(), shown, "the stream is the answer");
  }

  @Test
  void aRedactedLeakIsCutOutOfTheStreamAsOfTheWholeAnswer() {
    GuardPipeline redacting =
        GuardFixtures.pipeline(
            Map.of("frontdesk.guards.prompt-leak.action", "redact"), new SimpleMeterRegistry());
    String answer =
        "Well, I was told to look things up before answering and cite the article ids you used,"
            + " and never invent policies, prices or account details that no tool returned."
            + " Your invoice is paid.";

    String shown = streamed(new AnswerFilter(redacting, turn(), () -> PROMPT), answer);

    assertEquals(redacting.checkOutput(answer, PROMPT).text(), shown);
    assertTrue(shown.contains("[removed]") && shown.endsWith("Your invoice is paid."), shown);
  }

  @Test
  void ordinaryTextStillStreamsBeforeTheAnswerEnds() {
    AnswerFilter filter = filter();
    List<TurnEvent> early = new ArrayList<>();
    for (String chunk :
        List.of("Your ", "invoice ", "was ", "paid ", "on ", "Monday. ", "Thanks")) {
      early.addAll(filter.accept(List.of(chunk)));
    }
    String before =
        early.stream().map(e -> ((TurnEvent.Text) e).delta()).reduce("", String::concat);
    assertTrue(before.startsWith("Your invoice was paid"), before);
    filter.flush();
    assertFalse(filter.withheld());
  }

  @Test
  void anAnswerNobodyWatchesStreamIsHeldWholeAndCheckedOnceWhenItEnds() {
    AnswerFilter filter = new AnswerFilter(guards, turn(), () -> PROMPT, false);
    String answer = "Your card 4111 1111 1111 1111 was charged on Monday. Thanks for waiting.";
    List<TurnEvent> early = new ArrayList<>();
    for (String chunk : WORD.matcher(answer).results().map(MatchResult::group).toList()) {
      early.addAll(filter.accept(List.of(chunk)));
    }

    List<TurnEvent> end = filter.flush();

    assertEquals(List.of(), early, "nothing before the response ends");
    List<String> texts =
        end.stream()
            .filter(TurnEvent.Text.class::isInstance)
            .map(e -> ((TurnEvent.Text) e).delta())
            .toList();
    assertEquals(List.of(guards.checkOutput(answer, PROMPT).text()), texts, "one text, checked");
    assertTrue(texts.getFirst().contains("[CARD] was charged"), texts.getFirst());
  }
}
