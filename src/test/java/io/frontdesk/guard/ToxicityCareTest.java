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
        "you f@ggot, fix it",
        "somebody should stab the managers of this bank",
        "i'm coming to your branch tomorrow to hurt somebody",
        // threats and harassment without a swear word, and disguises folded by CharacterFolding
        "we found out where your manager lives",
        "nobody would miss you if you vanished",
        "swim back to your own country",
        "i'll leak your home address all over the internet",
        "i won't stop calling you until you resign",
        "you look so hideous",
        "ｓｈｕｔ ｕｐ ｙｏｕ ｂｉｔｃｈ",
        "you are a total @sshole",
        "you make me sick",
        "go jump off a bridge",
        "the agent was useless and she's a liar and a fraud",
        "You'd better watch your back from now on.",
        "Your days at that company are numbered.",
        "It would be a real shame if something happened to your kids.",
        "You'll never see me coming.",
        "Keep this up and I'll put you in a wheelchair."
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
        "the plan costs $100 and the add-on $20",
        "i need to kill the zombie process on my server",
        "you should hang the banner on the left",
        // the same words as the threat families, about things and places
        "i can't find where you list the fees",
        "i'll keep calling until you fix it",
        "i'm going back to my own country next month, can i keep the account",
        "i'm waiting in the car park for my delivery",
        "ｍｙ ｉｎｖｏｉｃｅ is missing",
        "my trial days are numbered, can i extend it?",
        "it would be a shame if my data got lost in the migration",
        "i never saw the price increase coming",
        "i know your address is on the invoice, but which one is for returns?",
        "watch your spam folder, our emails sometimes land there"
      })
  void civilMessagesAreNeitherRefusedNorFlagged(String message) {
    GuardCheck check = guards.checkInput(message);
    assertFalse(check.blocked());
    assertFalse(check.care(), check.verdicts().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fucking brilliant, the export works now",
        "shit, my bad, I typed the wrong card number",
        "damn, you folks are the best, thanks",
        "hi ho, hi ho, off to upgrade we go",
        "woo hoo, the refund arrived",
        "we were the guinea pigs for the new dashboard",
        "don't hurt yourself carrying the old server out",
        "Woo Hoo!! the card works",
        "the upload is f*cking finally done, thanks"
      })
  void friendlySwearingAndHarmlessWordsAreNeitherRefusedNorAnsweredWithCare(String message) {
    GuardCheck check = guards.checkInput(message);
    assertFalse(check.blocked(), check.verdicts().toString());
    assertFalse(check.care(), check.verdicts().toString());
  }

  @Test
  void theHeadFlagsAloneOnlyAtItsOwnBarAndWithARuleCueOnlyAtTheAssistedBar() {
    GuardConfig.Toxicity c =
        new io.smallrye.config.SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .build()
            .getConfigMapping(GuardConfig.class)
            .toxicity();
    Detection none = new Detection(0, List.of());
    String text = "every character on this show is trash";
    GuardVerdict alone =
        new GuardVerdict(
            EmbeddingHeads.TOXICITY_GUARD,
            true,
            0.9,
            c.action(),
            List.of(new GuardFinding(EmbeddingHeads.TOXICITY_GUARD, "model", 0.9, 0, 5)),
            text);
    GuardVerdict assisted =
        new GuardVerdict(
            EmbeddingHeads.TOXICITY_GUARD,
            true,
            0.85,
            c.action(),
            List.of(new GuardFinding(EmbeddingHeads.TOXICITY_GUARD, "model+rules", 0.85, 0, 5)),
            text);
    GuardVerdict sure =
        new GuardVerdict(
            EmbeddingHeads.TOXICITY_GUARD, true, 0.97, c.action(), alone.findings(), text);
    GuardVerdict faint =
        new GuardVerdict(
            EmbeddingHeads.TOXICITY_GUARD,
            true,
            0.55,
            c.action(),
            List.of(new GuardFinding(EmbeddingHeads.TOXICITY_GUARD, "model+rules", 0.55, 0, 5)),
            text);

    assertTrue(c.headAlone() > 0.9);
    assertFalse(head(ToxicityStage.verdicts(c, none, java.util.Optional.of(alone), text)));
    assertTrue(head(ToxicityStage.verdicts(c, none, java.util.Optional.of(assisted), text)));
    assertTrue(head(ToxicityStage.verdicts(c, none, java.util.Optional.of(sure), text)));
    // a faint word cue lowered the trained bar to 0.49; the assisted verdict stands from 0.8
    assertTrue(c.headAssisted() > 0.55);
    assertFalse(head(ToxicityStage.verdicts(c, none, java.util.Optional.of(faint), text)));
  }

  private static boolean head(List<GuardVerdict> verdicts) {
    return verdicts.stream()
        .filter(v -> v.guard().equals(EmbeddingHeads.TOXICITY_GUARD))
        .anyMatch(GuardVerdict::triggered);
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
