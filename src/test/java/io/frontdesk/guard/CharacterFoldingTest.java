package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The character-level normaliser every toxicity stage reads: what it folds and what it keeps. */
class CharacterFoldingTest {

  private final ToxicityDetector detector = new ToxicityDetector();

  @ParameterizedTest(name = "{0} reads {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // fullwidth and mathematical bold letters are compatibility forms (NFKC)
        "ｆｕｃｋ ｙｏｕ|fuck you",
        "you 𝐛𝐢𝐭𝐜𝐡|you bitch",
        // Cyrillic look-alikes inside a Latin word (Unicode confusables)
        "bіtсh|bitch",
        // zero-width space and soft hyphen only split the word
        "fu\u200bck|fuck",
        "sh\u00adit\u00adhead|shithead",
        // accents and stacked marks on Latin letters
        "f\u0336u\u0337c\u0338k|fuck",
        "fück|fuck",
        // HTML escapes copied from web pages and feeds
        "don&#8217;t hurt yourself|don’t hurt yourself",
        "tom &amp; jerry|tom & jerry"
      })
  void disguisingCharactersAreFoldedToTheLatinTheyImitate(String written, String reads) {
    assertEquals(reads, CharacterFolding.fold(written).text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"спасибо за помощь", "καλημέρα", "こんにちは", "مرحبا", "नमस्ते"})
  void wordsOfOtherScriptsKeepTheirOwnLetters(String text) {
    assertEquals(text, CharacterFolding.fold(text).text());
  }

  @Test
  void aLongRunOfLettersWithoutSpacesIsKeptAsWrittenAndMapsOneToOne() {
    String chinese = "我的银行卡被扣了两次钱请帮我退款".repeat(200);
    Disguises.Normalised n = CharacterFolding.fold(chinese);
    assertEquals(chinese, n.text());
    assertEquals(chinese.length() - 1, n.original(chinese.length() - 1, chinese.length()));
  }

  @Test
  void plainAsciiIsReturnedAsItIsWithoutAnOffsetMap() {
    Disguises.Normalised n = CharacterFolding.fold("why was my card charged twice?");
    assertEquals("why was my card charged twice?", n.text());
    assertNull(n.toOriginal());
    assertEquals(7, n.original(7, 30));
  }

  @Test
  void everyFoldedCharacterPointsBackToWhereItWasWritten() {
    String written = "you 𝐛𝐢𝐭𝐜𝐡!";
    Disguises.Normalised n = CharacterFolding.fold(written);
    assertEquals("you bitch!", n.text());
    // each bold letter is two chars (a surrogate pair): "i" is the second letter, at offset 6
    assertEquals(6, n.original(5, written.length()));
    assertEquals(written.indexOf('!'), n.original(9, written.length()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ｆｕｃｋ ｙｏｕ, give me a human",
        "you are a bіtсh, fix my card",
        "you 𝐛𝐢𝐭𝐜𝐡, answer me",
        "fu\u200bck you"
      })
  void disguisedAbuseScoresLikeTheWordsItSpells(String message) {
    assertTrue(detector.scan(message).score() >= 0.5, () -> detector.scan(message).toString());
  }

  @Test
  void aFindingInAFoldedMessagePointsAtTheWordAsWritten() {
    String message = "well ｆｕｃｋ this";
    Detection d = detector.scan(message);
    GuardFinding worst = d.findings().get(0);
    assertEquals("ｆｕｃｋ", message.substring(worst.start(), worst.end()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ｍｙ ｉｎｖｏｉｃｅ number is missing",
        "café au lait on my statement twice",
        "Überweisung failed, what does the error mean",
        "order A55-1234 hasn't arrived",
        "the sp@m filter caught your email"
      })
  void foldedCivilTextStaysCivil(String message) {
    assertTrue(detector.scan(message).score() < 0.5, () -> detector.scan(message).toString());
  }

  @Test
  void aLeadingAtSignReadAsALetterIsADisguiseButAHandleStaysAHandle() {
    assertTrue(detector.scan("you are a total @sshole").score() >= 0.5);
    assertFalse(detector.scan("ask @support_team about my refund").score() >= 0.5);
  }
}
