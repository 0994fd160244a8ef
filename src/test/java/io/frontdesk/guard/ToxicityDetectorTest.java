package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToxicityDetectorTest {

  private static final double THRESHOLD = 0.5;
  private final ToxicityDetector detector = new ToxicityDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "you are a useless fucking idiot",
        "shut up bitch and fix my account",
        "this f*cking service is shit",
        "stupid retarded bot",
        "you stupid bot, let me talk to a human",
        "I will kill you if my refund doesn't come",
        // insults of a person or group without "you", threats and obscene dismissals
        "the people in your billing team are lazy incompetent morons",
        "what an absolute clown whoever wrote this reply",
        "keep this up and I'll break your neck",
        "I know where your staff work, be careful",
        "piss off with your scripted nonsense",
        "hope you choke on your bonus",
        // demeaning claims about a group, calls for violence, harassment
        "refugees are vermin and nothing else",
        "those people should be lined up and shot",
        "send me nudes or else",
        "keep it up and you'll wake up in a hospital"
      })
  void abuseIsToxic(String message) {
    double score = detector.scan(message).score();
    assertTrue(score >= THRESHOLD, () -> score + " for " + message);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "My card was charged twice and I am really frustrated, please fix it.",
        "Why was my payment declined?",
        "Please write a short story about a cat for my daughter's birthday card.",
        "I want to kill this subscription before it renews",
        "How do I kill a stuck worker process?",
        "i'm such an idiot, i paid the wrong invoice",
        "this form is stupid, it rejects my postcode",
        "what a waste of time, the page keeps reloading",
        "can you shoot me an email with the receipt?",
        "I hit your refund button twice by mistake",
        // groups named without a derogatory claim
        "the immigrant community organised a food festival downtown",
        "our muslim employees asked for a prayer room",
        "they should not be allowed to charge me twice",
        "people should be able to cancel at any time"
      })
  void ordinaryMessagesAreNot(String message) {
    double score = detector.scan(message).score();
    assertTrue(score < THRESHOLD, () -> score + " for " + message);
  }

  @Test
  void theFindingPointsAtTheMostToxicWord() {
    String message = "please help, you stupid bitch";
    GuardFinding finding = detector.scan(message).findings().get(0);
    assertEquals("bitch", message.substring(finding.start(), finding.end()));
  }

  @Test
  void withoutOneStrongWordManyWeakOnesCannotAddUpToToxic() {
    ToxicityDetector model =
        new ToxicityDetector(
            new ToxicityDetector.Model(0.0, 2.0, Map.of("w:a", 0.9, "w:b", 0.9, "w:c", 0.9)));
    assertTrue(model.scan("a b c").score() < 0.5);
    ToxicityDetector strong =
        new ToxicityDetector(new ToxicityDetector.Model(0.0, 2.0, Map.of("w:slur", 3.0)));
    assertTrue(strong.scan("a slur").score() > 0.9);
  }

  @Test
  void aWordOnlyVerdictBelowWordsAloneNeedsTheHead() {
    Detection words =
        new Detection(
            0.7,
            List.of(new GuardFinding(ToxicityDetector.GUARD, ToxicityDetector.WORDS, 0.7, 0, 4)));
    assertTrue(ToxicityDetector.rulesBlock(words, 0.5, 0.9, Double.NaN, 0.2), "no head: rules");
    assertTrue(ToxicityDetector.rulesBlock(words, 0.5, 0.9, 0.25, 0.2), "the head agrees");
    assertFalse(ToxicityDetector.rulesBlock(words, 0.5, 0.9, 0.1, 0.2), "the head disagrees");
    Detection strong =
        new Detection(
            0.95,
            List.of(new GuardFinding(ToxicityDetector.GUARD, ToxicityDetector.WORDS, 0.95, 0, 4)));
    assertTrue(ToxicityDetector.rulesBlock(strong, 0.5, 0.9, 0.0, 0.2), "strong words alone");
    Detection abuse =
        new Detection(
            0.76,
            List.of(
                new GuardFinding(ToxicityDetector.GUARD, ToxicityDetector.WORDS, 0.2, 0, 4),
                new GuardFinding(ToxicityDetector.GUARD, "insult", 0.7, 0, 4)));
    assertTrue(ToxicityDetector.rulesBlock(abuse, 0.5, 0.9, 0.0, 0.2), "an abuse pattern");
    Detection below =
        new Detection(
            0.4,
            List.of(new GuardFinding(ToxicityDetector.GUARD, ToxicityDetector.WORDS, 0.4, 0, 4)));
    assertFalse(ToxicityDetector.rulesBlock(below, 0.5, 0.9, 1.0, 0.2), "below the threshold");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "the gearbox is fine but the tranny fluid is leaking",
        "that help page is gobbledygook to me",
        "the only chink in the armour is the export speed",
        "our maine coon knocked the router off the desk",
        "my cousin bought a pack of fags at the airport",
        "the players talk trash before every game",
        "woo hoo, the invoice finally arrived"
      })
  void harmlessSensesOfSlursAndStrongWordsAreNotToxic(String message) {
    double score = detector.scan(message).score();
    assertTrue(score < THRESHOLD, () -> score + " for " + message);
  }

  @Test
  void harmlessSensesAreBlankedInPlaceSoOffsetsStay() {
    String text = "he said gobbledygook, you idiot";
    String blanked = HarmlessSenses.blank(text);
    assertEquals(text.length(), blanked.length());
    assertEquals("he said             , you idiot", blanked);
    assertTrue(detector.scan(text).score() >= THRESHOLD, "the insult beside it still counts");
  }

  @Test
  void trashInsultsAPersonOnlyWhenSaidOfThem() {
    assertTrue(ToxicityDetector.abuse(detector.scan("you're trash")) > 0.3);
    assertTrue(ToxicityDetector.abuse(detector.scan("you guys are useless")) > 0.3);
    assertEquals(
        0.0, ToxicityDetector.abuse(detector.scan("why would you think that show is trash")));
    assertEquals(0.0, ToxicityDetector.abuse(detector.scan("who are you to call the app trash")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "as a gay customer I love the new pride theme",
        "our queer book club uses your app for meetings",
        "the muslims in our team asked for a prayer-time reminder",
        "is the white theme coming back?",
        "our black-owned bakery needs a second seat",
        "hi ho, hi ho, off to renew my plan I go"
      })
  void sayingWhoPeopleAreIsNoEvidenceOfToxicity(String message) {
    double score = detector.scan(message).score();
    assertTrue(score < THRESHOLD, () -> score + " for " + message);
  }

  @Test
  void aGroupNamedAsThePersonsWithAPutDownIsAbuse() {
    assertTrue(
        ToxicityDetector.abuse(detector.scan("black people like you can't do anything right"))
            >= THRESHOLD);
    assertEquals(0.0, ToxicityDetector.abuse(detector.scan("women like you inspire me")));
  }
}
