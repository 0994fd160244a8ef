package io.frontdesk.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogRedactionTest {

  @Test
  void aLogLineWithUuidsKeepsThemIntact() {
    // the digit groups of this id once read as a phone number: "conversation=[PHONE]-a4ca-..."
    String line =
        "conversation=97034327-a4ca-49de-a4dd-fd7a022356fa turn 56996809-0678-b2ca-7c60-3494d8d3ba5a"
            + " stored";
    assertEquals(line, LogRedaction.redact(line));
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 2_000; i++) {
      String id = new UUID(random.nextLong(), random.nextLong()).toString();
      assertEquals("call " + id + " done", LogRedaction.redact("call " + id + " done"));
    }
  }

  @Test
  void personalDataNextToAUuidIsStillRedacted() {
    assertEquals(
        "ticket 97034327-a4ca-49de-a4dd-fd7a022356fa for [EMAIL], phone [PHONE]",
        LogRedaction.redact(
            "ticket 97034327-a4ca-49de-a4dd-fd7a022356fa for jane.doe@example.com, phone +1 415"
                + " 555 0132"));
  }
}
