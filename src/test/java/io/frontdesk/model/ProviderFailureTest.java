package io.frontdesk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class ProviderFailureTest {

  @Test
  void statusesOfTheEndpointAreItsFailuresOthersAreTheRequests() {
    assertEquals(ProviderFailure.Kind.RATE_LIMITED, ProviderFailure.status(429, null).get().kind());
    assertEquals(ProviderFailure.Kind.SERVER_ERROR, ProviderFailure.status(503, null).get().kind());
    assertTrue(ProviderFailure.status(400, null).isEmpty());
    assertTrue(ProviderFailure.status(401, null).isEmpty());
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertEquals(Duration.ofSeconds(7), ProviderFailure.retryAfter("7"));
    Duration date =
        ProviderFailure.retryAfter(
            DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(30)));
    assertTrue(date.toSeconds() >= 28 && date.toSeconds() <= 30, date.toString());
    assertNull(ProviderFailure.retryAfter("soon"));
    assertNull(ProviderFailure.retryAfter(null));
  }

  @Test
  void aRefusedConnectionDeepInTheCausesIsUnreachable() {
    Throwable wrapped = new RuntimeException("call failed", new ConnectException("refused"));
    assertEquals(ProviderFailure.Kind.UNREACHABLE, ProviderFailure.of(wrapped).get().kind());
    assertTrue(ProviderFailure.of(new IllegalStateException("bug")).isEmpty());
  }
}
