package io.frontdesk.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The notice table: complete in every language, and what its texts read like. */
class NoticesTest {

  private static final Set<String> KEYS =
      Arrays.stream(Notice.values()).map(Notice::key).collect(Collectors.toSet());

  @Test
  void everyNoticeHasATextInEveryLanguageAndNoTableHasAKeyNobodyUses() {
    assertEquals(List.of("en", "fr", "de", "es", "pt"), Notices.LANGUAGES);
    for (String language : Notices.LANGUAGES) {
      Set<String> table = Notices.table(language).stringPropertyNames();
      Set<String> missing = new TreeSet<>(KEYS);
      missing.removeAll(table);
      Set<String> unused = new TreeSet<>(table);
      unused.removeAll(KEYS);
      assertEquals(Set.of(), missing, "missing in notices_" + language + ".properties");
      assertEquals(Set.of(), unused, "unused in notices_" + language + ".properties");
      for (String key : table) {
        String text = Notices.table(language).getProperty(key);
        assertFalse(text.isBlank(), key + " is blank in " + language);
        // a pattern that does not parse would fail the customer's notice at run time
        new MessageFormat(text, Notices.locale(language));
      }
    }
  }

  @Test
  void aTextUsesTheSameArgumentsInEveryLanguage() {
    for (Notice notice : Notice.values()) {
      Set<String> english = arguments(Notices.table("en").getProperty(notice.key()));
      for (String language : Notices.LANGUAGES) {
        Set<String> own = arguments(Notices.table(language).getProperty(notice.key()));
        // English may carry an extra figure (the seconds its clients match); none may be missing
        assertTrue(english.containsAll(own), notice + " in " + language + ": " + own);
        assertTrue(
            own.containsAll(english) || notice == Notice.RATE_LIMITED || notice == Notice.BUSY,
            notice + " in " + language + " lacks one of " + english);
      }
    }
  }

  @Test
  void aTicketNoticeIsInTheCustomersLanguageAndEnglishForAnyOther() {
    String reply =
        Notices.text("fr", Notice.TICKET_REPLY, Notices.duration("fr", Duration.ofHours(8)));
    assertEquals(
        "J'ai ouvert une demande d'assistance (#TCK-1001) pour vous. Notre équipe vous répondra sous"
            + " 8 heures, ici dans cette conversation et par e-mail.",
        Notices.text("fr", Notice.TICKET_CREATED, "TCK-1001", reply));
    assertEquals(
        "I've created a support ticket (#TCK-1001) for you. x",
        Notices.text("it", Notice.TICKET_CREATED, "TCK-1001", "x"));
    assertEquals(
        "I've created a support ticket (#TCK-1001) for you. x",
        Notices.text(null, Notice.TICKET_CREATED, "TCK-1001", "x"));
  }

  @Test
  void thePagesHeadingsAreReadyToShowWithTheTicketsNumberLeftOpen() {
    assertEquals(
        "Un instant, s'il vous plaît.", Notices.headings("fr").get("limit.rate_limited.title"));
    assertEquals("Demande {0}.", Notices.headings("fr").get("ticket.title"));
    assertEquals("Ticket {0}.", Notices.headings("xx").get("ticket.title"));
  }

  @Test
  void moneyHasTwoDecimalsAndItsCurrencyAsTheLanguageWritesNumbers() {
    assertEquals("490.00 USD", Notices.money("en", new BigDecimal("490.0"), "USD"));
    assertEquals("490,00 USD", Notices.money("fr", new BigDecimal("490"), "USD"));
    assertEquals("1.490,50 EUR", Notices.money("de", new BigDecimal("1490.5"), "EUR"));
    assertEquals("12.00", Notices.money("en", new BigDecimal("12"), null));
  }

  @Test
  void durationsReadInWholeUnitsRoundedUp() {
    assertEquals("5 minutes", Notices.duration("en", Duration.ofMinutes(5)));
    assertEquals("5 minutes", Notices.duration("en", Duration.ofSeconds(299)));
    assertEquals("1 minute", Notices.duration("en", Duration.ofSeconds(60)));
    assertEquals("30 seconds", Notices.duration("en", Duration.ofMillis(29_001)));
    assertEquals("1 hour", Notices.duration("en", Duration.ofHours(1)));
    assertEquals("90 minutes", Notices.duration("en", Duration.ofMinutes(90)));
    assertEquals("24 hours", Notices.duration("en", Duration.ofHours(24)));
    assertEquals("3 days", Notices.duration("en", Duration.ofDays(3)));
    assertEquals("8 Stunden", Notices.duration("de", Duration.ofHours(8)));
    assertEquals("1 hora", Notices.duration("es", Duration.ofHours(1)));
    assertEquals("24 horas", Notices.duration("pt", Duration.ofHours(24)));
  }

  private static Set<String> arguments(String pattern) {
    Set<String> found = new TreeSet<>();
    var m = java.util.regex.Pattern.compile("\\{(\\d)").matcher(pattern);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
