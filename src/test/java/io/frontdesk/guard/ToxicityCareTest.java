package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Care, not blocks: which toxic messages are refused and which are answered with care. */
class ToxicityCareTest {

  private final GuardPipeline guards = GuardFixtures.pipeline(Map.of(), new SimpleMeterRegistry());

  private GuardVerdict verdict(GuardCheck check, String guard) {
    return check.verdicts().stream().filter(v -> v.guard().equals(guard)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "this is fucking broken",
        "what the fuck is this charge on my card",
        "this is f***ing ridiculous, my card was charged twice",
        "the app is sh1t since the redesign",
        "this s.h.i.t.t.y service lost my files",
        "F**K, the upload failed again"
      })
  void profanityAtTheSituationIsFlaggedButAnsweredWithCareNotRefused(String message) {
    GuardCheck check = guards.checkInput(message);
    assertFalse(check.blocked(), check.verdicts().toString());
    assertTrue(check.care(), check.verdicts().toString());
    GuardVerdict toxicity = verdict(check, ToxicityDetector.GUARD);
    assertTrue(toxicity.triggered(), "flagged as toxic: " + toxicity);
    assertEquals(GuardAction.CARE, toxicity.action());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "you useless fucking idiot",
        "F**K YOU bot",
        "you stupid PU$$Y, answer the question",
        "go f u c k yourself",
        "you absolute c.u.n.t",
        "i will find you and make you suffer",
        "i'm going to slit your throat",
        "refugees are vermin and nothing else",
        "you f@ggot, fix it"
      })
  void abuseAimedAtPeopleIsRefused(String message) {
    GuardCheck check = guards.checkInput(message);
    assertTrue(check.blocked(), check.verdicts().toString());
    assertFalse(check.care(), "a refused message is not answered at all");
    assertEquals(GuardAction.BLOCK, verdict(check, ToxicityDetector.GUARD).action());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "this is ridiculous, third time i'm writing about the same invoice",
        "i'm so angry, the payment failed again",
        "your service is garbage",
        "worst support ever, nobody answers"
      })
  void frustrationWithoutToxicLanguageIsAnsweredWithCare(String message) {
    GuardCheck check = guards.checkInput(message);
    assertFalse(check.blocked());
    assertFalse(verdict(check, ToxicityDetector.GUARD).triggered(), "not toxic");
    GuardVerdict frustration = verdict(check, "frustration");
    assertEquals(GuardAction.CARE, frustration.action());
    assertTrue(check.care());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Why was my card charged twice this month?",
        "how do i kill a hung process on my server",
        "my grandfather died and i need to close his account",
        "Write to jane.doe@example.com about invoice SKY-2026-000123",
        "the plan costs $100 and the add-on $20"
      })
  void civilMessagesAreNeitherRefusedNorFlagged(String message) {
    GuardCheck check = guards.checkInput(message);
    assertFalse(check.blocked());
    assertFalse(check.care(), check.verdicts().toString());
  }

  @Test
  void careCanBeConfiguredToBlockLikeBefore() {
    GuardPipeline strict =
        GuardFixtures.pipeline(
            Map.of("frontdesk.guards.toxicity.care", "block"), new SimpleMeterRegistry());
    assertTrue(strict.checkInput("this is fucking broken").blocked());
  }

  @Test
  void disguisedSpellingsAreReadAgainstTheModelsOwnWords() {
    Disguises disguises = new Disguises(List.of("fuck", "pussy", "cunt", "shit", "bitch"));
    assertEquals("pussy", disguises.resolve("PU$$Y"));
    assertEquals("fuck", disguises.resolve("F**K"));
    assertEquals("fucking", disguises.resolve("f***ing"));
    assertEquals("fuck", disguises.resolve("fuuuuck"));
    assertEquals("bitch", disguises.resolve("b!tch"));
    assertNull(disguises.resolve("h*me"), "no vocabulary word fits");
    assertEquals("go fuck yourself", disguises.normalise("go f u c k yourself").text());
    assertEquals("you cunt", disguises.normalise("you c.u.n.t").text());
    String address = "mail j.doe@example.com or pay $100 on 2026-12-01";
    assertEquals(address, disguises.normalise(address).text());
  }

  @Test
  void findingsPointIntoTheMessageAsWritten() {
    String message = "this is f***ing broken";
    GuardFinding worst = new ToxicityDetector().scan(message).findings().get(0);
    assertEquals("f***ing", message.substring(worst.start(), worst.end()));
  }
}
