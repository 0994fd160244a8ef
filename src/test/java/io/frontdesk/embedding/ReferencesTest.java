package io.frontdesk.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferencesTest {

  @Test
  void aReferenceAndItsLabelAreLeftOut() {
    assertEquals(
        "How do I export my data?", References.strip("How do I export my data? Ref abc-12"));
    assertEquals(
        "How do I export my data?", References.strip("How do I export my data? Ref xkxbx-123."));
    assertEquals(
        "How do I export my data?", References.strip("Ref: abc-12 How do I export my data?"));
    assertEquals(
        "How do I export my data?", References.strip("How do I export my data? (ref. no. 48213)"));
  }

  @Test
  void theWordsThatSayWhatTheReferenceIsStay() {
    assertEquals("Refund order please", References.strip("Refund order ord_000017 please"));
    assertEquals(
        "Where is invoice, it is not paid?",
        References.strip("Where is invoice SKY-2026-000123, it is not paid?"));
    assertEquals("Ticket is still open", References.strip("Ticket #4411 is still open"));
    assertEquals("my order is late", References.strip("my order number 123456 is late"));
  }

  @Test
  void aTagThatIsOnlyAReferenceAndWhatItNamesGoesWhole() {
    assertEquals(
        "How do I export my data?",
        References.strip("How do I export my data? Invoice SKY-2026-000123"));
    assertEquals(
        "how do I export my data?", References.strip("Order ord_000017: how do I export my data?"));
    assertEquals("my app is down", References.strip("my app is down Order ord_000017"));
    assertEquals("Order is late", References.strip("Order ord_000017 is late"));
    assertEquals(
        "How do I export my data? Thanks!",
        References.strip("How do I export my data? (our ref TCK-1001) Thanks!"));
  }

  @Test
  void ordinaryNumbersAndWordsWithDigitsAreKept() {
    for (String text :
        new String[] {
          "How do I fix a 502 error?",
          "I was charged 49.00 twice in 2026",
          "How do I turn on 2fa?",
          "Does the api support ipv6 and utf-8?",
          "The API keeps answering 429 Too Many Requests. Why?",
          "thanks, that's all"
        }) {
      assertEquals(text, References.strip(text));
    }
  }

  @Test
  void aMessageThatIsOnlyAReferenceIsKeptAsWritten() {
    assertEquals("ord_000017", References.strip("ord_000017"));
    assertEquals("Ref abc-12", References.strip("Ref abc-12"));
  }

  @Test
  void codesAreTellTaleShapesNotWords() {
    assertTrue(References.isReference("abc-12"));
    assertTrue(References.isReference("TCK-1001"));
    assertTrue(References.isReference("svc_0066"));
    assertTrue(References.isReference("48213"));
    assertTrue(References.isReference("#12"));
    assertTrue(References.isReference("8f3a9c2e-1b2c-4d5e-8f9a-0b1c2d3e4f5a"));
    assertFalse(References.isReference("502"));
    assertFalse(References.isReference("utf-8"));
    assertFalse(References.isReference("ipv6"));
    assertFalse(References.isReference("re-deploy"));
  }
}
