package io.frontdesk.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The detector on whole sentences, short replies and ids (the configured defaults, no Quarkus). */
class CustomerLanguageTest {

  private static CustomerLanguage languages;

  @BeforeAll
  static void loadModels() {
    languages = new CustomerLanguage(new Defaults());
  }

  @Test
  void aSentenceInEachNoticeLanguageIsReadAsThatLanguage() {
    assertEquals("fr", languages.detect("Je n'arrive pas à me connecter à mon compte"));
    assertEquals("de", languages.detect("Ich kann mich nicht in mein Konto einloggen"));
    assertEquals("es", languages.detect("No puedo entrar en mi cuenta"));
    assertEquals("pt", languages.detect("Não consigo acessar minha conta"));
    assertEquals("en", languages.detect("Can you check my latest invoice?"));
    assertEquals("it", languages.detect("Non riesco ad accedere al mio account"));
    assertEquals("ru", languages.detect("Я не могу войти в свой аккаунт"));
  }

  @Test
  void shortRepliesAndIdsNeverSwitchTheConversationsLanguage() {
    for (String shortOne :
        List.of(
            "ok",
            "thanks",
            "merci",
            "danke",
            "gracias",
            "obrigado",
            "ord_000015",
            "TCK-1001",
            "oui",
            "yes please",
            "Merci beaucoup !",
            "svc_0011 inv_0042 ord_000015")) {
      assertNull(languages.detect(shortOne), shortOne);
      assertEquals("fr", CustomerLanguage.follow("fr", languages.detect(shortOne)), shortOne);
      assertEquals("en", CustomerLanguage.follow("en", languages.detect(shortOne)), shortOne);
    }
  }

  @Test
  void aConversationWithoutALanguageYetStartsInEnglishUntilAMessageSaysOtherwise() {
    assertEquals("en", CustomerLanguage.follow(null, languages.detect("Bonjour")));
    assertEquals(
        "fr",
        CustomerLanguage.follow(
            null, languages.detect("Bonjour, mon site est en panne depuis ce matin")));
    assertEquals(
        "en", CustomerLanguage.follow("fr", languages.detect("Which plan am I on right now?")));
  }

  @Test
  void shortEnglishQuestionsStayEnglish() {
    // misread as German or Dutch by a trigram-only detector; not by this one
    for (String english :
        List.of(
            "Which plan am I on?",
            "What plans do you offer?",
            "I lost my password",
            "thank you, bye",
            "escalate this to a human",
            "It's ord_000015, in full please")) {
      assertEquals("en", CustomerLanguage.follow("en", languages.detect(english)), english);
    }
  }

  @Test
  void wordsCountLettersOnly() {
    assertEquals(0, CustomerLanguage.words("ord_000015 TCK-1001 42"));
    assertEquals(3, CustomerLanguage.words("C'est ord_000015, merci beaucoup !"));
  }

  @Test
  void aLanguageIsNamedForThePromptAndForTheCustomer() {
    assertEquals("French", CustomerLanguage.name("fr"));
    assertEquals("français", CustomerLanguage.nameIn("fr", "fr"));
    assertEquals("Deutsch", CustomerLanguage.nameIn("de", "de"));
    assertEquals("Italian", CustomerLanguage.nameIn("it", "it"));
  }

  /** The configuration's defaults, as application.yaml sets them. */
  private static final class Defaults implements LanguageConfig {
    @Override
    public List<String> detected() {
      return List.of(
          "en", "fr", "de", "es", "pt", "it", "ru", "zh", "ja", "ko", "ar", "el", "he", "th");
    }

    @Override
    public boolean highAccuracy() {
      return true;
    }

    @Override
    public int switchWords() {
      return 3;
    }

    @Override
    public double switchMargin() {
      return 0.95;
    }

    @Override
    public java.time.Duration detectWait() {
      return java.time.Duration.ofSeconds(1);
    }

    @Override
    public boolean preload() {
      return false;
    }
  }
}
