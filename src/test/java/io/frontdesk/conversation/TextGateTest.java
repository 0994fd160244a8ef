package io.frontdesk.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextGateTest {

  private static String run(TextGate gate, String... chunks) {
    List<String> out = new ArrayList<>();
    for (String chunk : chunks) {
      out.addAll(gate.accept(chunk));
    }
    out.addAll(gate.endOfResponse());
    return String.join("", out);
  }

  @Test
  void ordinaryAnswersPassThroughWhole() {
    assertEquals("Your invoice is ready.", run(new TextGate(), "Your ", "invoice ", "is ready."));
  }

  @Test
  void shortAnswersAreReleasedAtTheEnd() {
    assertEquals("Hi!", run(new TextGate(), "Hi!"));
  }

  @Test
  void escalationHandOffsAreNeverReleasedEvenWhenSplit() {
    assertEquals("", run(new TextGate(), "ESC", "ALATE", ": needs a human ", "colleague"));
  }

  @Test
  void aPrefixThatOnlyLooksLikeEscalateIsReleased() {
    assertEquals("ESCAPE the quote", run(new TextGate(), "ESCA", "PE the quote"));
  }

  @Test
  void silencedRoutersShowNothingAndTheGateResetsPerResponse() {
    TextGate gate = new TextGate();
    gate.silence(true);
    assertEquals("", run(gate, "Let me route you."));
    gate.silence(false);
    assertEquals("Answer.", run(gate, "Answer."));
  }
}
