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
  void anIbanIsRedactedEvenWhenItsCheckDigitsAreWrongButNotAWordOfTheSameShape() {
    assertEquals("Pay to [IBAN] today.", redact("Pay to GB82 WEST 1234 5698 7654 32 today."));
    assertEquals("Pay to [IBAN] today.", redact("Pay to DE89370400440532013000 today."));
    assertEquals("Pay to [IBAN] today.", redact("Pay to de89 3704 0044 0532 0130 00 today."));
    // a typo in the check digits is still someone's account: redacted, with less confidence
    assertEquals("Pay to [IBAN] today.", redact("Pay to GB83 WEST 1234 5698 7654 32 today."));
    List<GuardFinding> typo = redactor.find("GB83 WEST 1234 5698 7654 32");
    assertTrue(typo.get(0).score() < 0.9, typo.toString());
    // the wrong length for its country, or mostly letters: not an IBAN
    String notIban = "Codes GB83 WEST 1234 5698 7654 and DE12 this text goes here stay.";
    assertEquals(notIban, redact(notIban));
  }

  @Test
  void cardsSpacedDashedOrMaskedAreRedacted() {
    assertEquals("Card [CARD].", redact("Card 3782 822463 10005."));
    assertEquals("Card [CARD].", redact("Card 4111-1111-1111-1111."));
    assertEquals("Card [CARD].", redact("Card 4111 1111 1111 1111 003."));
    assertEquals("Card [CARD] is lost.", redact("Card **** **** **** 4242 is lost."));
    assertEquals("Card [CARD] is lost.", redact("Card 4111 11** **** 1111 is lost."));
    assertEquals("Card [CARD] is lost.", redact("Card XXXX-XXXX-XXXX-4242 is lost."));
    assertEquals("Card ending in 4242.", redact("Card ending in 4242."));
  }

  @Test
  void ssnsWithA9xxAreaOrPartlyMaskedAreRedacted() {
    assertEquals("ITIN [SSN].", redact("ITIN 912-70-1234."));
    assertEquals("SSN [SSN] on file.", redact("SSN ***-**-6789 on file."));
    assertEquals("SSN [SSN] on file.", redact("SSN XXX-XX-6789 on file."));
    assertEquals("All masked: XXX-XX-XXXX.", redact("All masked: XXX-XX-XXXX."));
  }

  @Test
  void paymentHandlesWithoutADomainAreRedacted() {
    assertEquals("Pay [HANDLE] via UPI.", redact("Pay rahul.sharma@okaxis via UPI."));
    assertEquals(
        "Venmo [HANDLE] or Cash App [HANDLE].", redact("Venmo @jane-doe or Cash App $JaneDoe."));
    assertEquals("Write to [EMAIL].", redact("Write to rahul.sharma@example.in."));
  }

  @Test
  void phoneNumbersAreFoundByLibphonenumberInNationalAndInternationalFormats() {
    assertEquals("Call [PHONE].", redact("Call 0393 1144137."));
    assertEquals("Desk: [PHONE]", redact("Desk: +1-903-140-4508x769"));
    assertEquals("Fax: [PHONE]", redact("Fax: 930.167.3943"));
    assertEquals("Mobile: [PHONE]", redact("Mobile: +41 (0)85 806 98 67"));
  }

  @Test
  void theCompanysOwnIdsAmountsDatesAndCodesAreNotPersonalData() {
    for (String text :
        List.of(
            "Your invoice SKY-2026-000123 for 49.00 USD was paid on 2026-12-01.",
            "Ticket #100234567 was opened at 09:41 and closed at 10:02 UTC.",
            "Reference 20261201-0042 matches your transfer of 2,500.00 GBP.",
            "Error code 0x80070005 means access denied.",
            "Transaction 8823 4471 9920 was split into 3 payments.",
            "Invoice INV-2024-004512 is overdue since 15/11/2024.")) {
      assertEquals(text, redact(text));
    }
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
