package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {

  private final PiiRedactor redactor = new PiiRedactor();

  private String redact(String text) {
    return redactor.redact(text, 0.5).text();
  }

  @Test
  void luhnValidCardIsRedactedAndAnInvalidOneIsNot() {
    assertEquals("Card [CARD] was declined.", redact("Card 4111 1111 1111 1111 was declined."));
    assertEquals("Card [CARD] expired.", redact("Card 4111111111111111 expired."));
    assertEquals(
        "Card 4111 1111 1111 1112 was declined.", redact("Card 4111 1111 1111 1112 was declined."));
  }

  @Test
  void ibanNeedsAValidMod97Checksum() {
    assertEquals("Pay to [IBAN] today.", redact("Pay to GB82 WEST 1234 5698 7654 32 today."));
    assertEquals("Pay to [IBAN] today.", redact("Pay to DE89370400440532013000 today."));
    assertEquals(
        "Pay to GB83 WEST 1234 5698 7654 32 today.",
        redact("Pay to GB83 WEST 1234 5698 7654 32 today."));
  }

  @Test
  void emailPhoneSsnAndIpAddressesAreReplacedByTheirPlaceholders() {
    assertEquals(
        "Write to [EMAIL] or call [PHONE].",
        redact("Write to jane.doe+billing@example.co.uk or call +1 (415) 555-0132."));
    assertEquals("Phone: [PHONE]", redact("Phone: 0490 75 40 81"));
    assertEquals("My SSN is [SSN].", redact("My SSN is 123-45-6789."));
    assertEquals("Not an SSN: 000-12-3456.", redact("Not an SSN: 000-12-3456."));
    assertEquals(
        "Sign-ins from [IP] and [IP].",
        redact("Sign-ins from 203.0.113.42 and 2001:db8::8a2e:370:7334."));
  }

  @Test
  void apiKeysTokensAndPasswordsAreSecrets() {
    assertEquals(
        "curl -H \"Authorization: Bearer [SECRET]\"",
        redact("curl -H \"Authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc\""));
    assertEquals("aws key [SECRET]", redact("aws key AKIAIOSFODNN7EXAMPLE"));
    assertEquals("password=[SECRET]", redact("password=Summer2024!x"));
    assertEquals(
        "token [SECRET]",
        redact("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjdXNfMDAwMSJ9.c2lnbmF0dXJlX2hlcmU"));
  }

  @Test
  void ordinarySupportTextIsLeftAlone() {
    String text =
        "Order ord_000123 (invoice inv_004512) was refunded on 2026-10-14 at 14:30; Quarkus"
            + " 3.29.4 fixed it. The plan costs $1,299.00 a year for 25 seats.";
    assertEquals(text, redact(text));
  }

  @Test
  void streetNumbersAreNotPhoneNumbers() {
    String text = "The office is located at 704 1436 Redbud Drive.";
    assertEquals(text, redact(text));
  }

  @Test
  void findingsNameTheEntityAndWhereItIs() {
    String text = "Mail bob@example.com, card 5555555555554444.";
    List<GuardFinding> findings = redactor.find(text);
    assertEquals(List.of("EMAIL", "CARD"), findings.stream().map(GuardFinding::category).toList());
    assertEquals("bob@example.com", text.substring(findings.get(0).start(), findings.get(0).end()));
    assertEquals(
        "5555555555554444", text.substring(findings.get(1).start(), findings.get(1).end()));
    assertTrue(findings.stream().allMatch(f -> f.guard().equals(PiiRedactor.GUARD)));
  }

  @Test
  void logRedactionUsesTheSameRedactor() {
    assertEquals(
        "customer [EMAIL] paid with [CARD]",
        LogRedaction.redact("customer bob@example.com paid with 4242424242424242"));
    assertEquals(null, LogRedaction.redact(null));
  }
}
