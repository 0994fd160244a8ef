package io.frontdesk.escalation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HumanRequestTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I want to talk to a human please",
        "Can I speak with someone from support?",
        "connect me to a real person",
        "representative",
        "Please escalate this"
      })
  void asksForAPerson(String message) {
    assertTrue(HumanRequest.asksForHuman(message), message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I forgot my password",
        "How do I add a team member to my organization?",
        "Is there a human-readable log format?",
        "My agent process crashes on start"
      })
  void ordinaryQuestions(String message) {
    assertFalse(HumanRequest.asksForHuman(message), message);
  }
}
