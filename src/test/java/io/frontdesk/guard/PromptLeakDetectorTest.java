package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptLeakDetectorTest {

  private static final String PROMPT = GuardFixtures.PROMPT;

  private final PromptLeakDetector detector = new PromptLeakDetector();

  @Test
  void anAnswerRepeatingThePromptIsALeak() {
    String answer =
        "Sure! My instructions say: \"Look things up before answering and cite the article ids you"
            + " used. NEVER invent policies, prices or account details that no tool returned.\"";
    Detection d = detector.scan(answer, PROMPT);
    assertEquals(1.0, d.score(), 1e-9);
    GuardFinding run = d.findings().get(0);
    assertTrue(answer.substring(run.start(), run.end()).startsWith("Look things up"));
    assertTrue(answer.substring(run.start(), run.end()).endsWith("no tool returned"));
  }

  @Test
  void aShortRunScoresByItsLength() {
    String answer = "I am a customer support specialist for Skyline, how can I help?";
    Detection d = detector.scan(answer, PROMPT);
    // "a customer support specialist for skyline" is 6 words of the prompt
    assertEquals(6.0 / PromptLeakDetector.FULL_SCORE_WORDS, d.score(), 1e-9);
  }

  @Test
  void anOrdinaryAnswerIsNoLeak() {
    String answer =
        "Your invoice INV-2026-10 was paid on 3 October. According to KB-1012 refunds take 5-10"
            + " business days to reach your card.";
    assertEquals(0.0, detector.scan(answer, PROMPT).score(), 1e-9);
    assertEquals(0.0, detector.scan(answer, null).score(), 1e-9);
  }

  @Test
  void aStreamHoldsTheWordsThatContinueThePrompt() {
    String text = "Happy to help. I will cite the article ";
    int held = detector.heldFrom(text, PROMPT);
    // "cite the article" may go on as "cite the article ids you used…"
    assertEquals("cite the article ", text.substring(held));
    String left = "Happy to help with your invoice today ";
    assertEquals(left.length(), detector.heldFrom(left, PROMPT), "nothing continues the prompt");
    assertEquals(left.length(), detector.heldFrom(left, null));
  }

  @Test
  void aRunReachingTheEndIsHeldWholeHoweverLong() {
    String text = "Fine: look things up before answering and cite the article ids you used. Never ";
    assertEquals(text.indexOf("look"), detector.heldFrom(text, PROMPT));
  }
}
