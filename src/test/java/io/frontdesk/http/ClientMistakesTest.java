package io.frontdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.frontdesk.testing.CapturedLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** A client cannot fill the log: one INFO line per kind per minute, the rest counted. */
class ClientMistakesTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ClientMistakes mistakes = new ClientMistakes(registry, now::get);

  private List<CapturedLog.Line> lines(CapturedLog log) {
    return log.lines(l -> l.logger().equals(ClientMistakes.class.getName()));
  }

  @Test
  void aBurstOfOneKindWritesOneLineAndCountsEveryMistake() {
    try (CapturedLog log = CapturedLog.start()) {
      for (int i = 0; i < 500; i++) {
        mistakes.record("websocket_token_refused", "upgrade refused: the token has expired");
      }
      List<CapturedLog.Line> written = lines(log);
      assertEquals(1, written.size(), "" + written);
      assertEquals(Level.INFO.intValue(), written.getFirst().level().intValue());
      assertEquals(null, written.getFirst().thrown());
      assertEquals(
          500.0,
          registry
              .get(ClientMistakes.METRIC)
              .tag("kind", "websocket_token_refused")
              .counter()
              .count());
    }
  }

  @Test
  void theNextLineOfAKindSaysHowManyWereNotWritten() {
    try (CapturedLog log = CapturedLog.start()) {
      mistakes.record("http_without_host", "GET / without Host");
      for (int i = 0; i < 41; i++) {
        mistakes.record("http_without_host", "GET / without Host");
      }
      now.addAndGet(ClientMistakes.EVERY.plus(Duration.ofSeconds(1)).toNanos());
      mistakes.record("http_without_host", "GET /q without Host");
      List<CapturedLog.Line> written = lines(log);
      assertEquals(2, written.size(), "" + written);
      assertTrue(
          written
              .getLast()
              .message()
              .endsWith("GET /q without Host [and 41 more of this kind since the last such line]"),
          written.getLast().message());
    }
  }

  @Test
  void kindsAreLimitedApartAndLinesStayOnOneLine() {
    try (CapturedLog log = CapturedLog.start()) {
      mistakes.record("websocket_invalid_utf8", "closed with 1007");
      mistakes.record("websocket_protocol_error", "closed with 1002:\nforged\r\nline");
      List<CapturedLog.Line> written = lines(log);
      assertEquals(2, written.size(), "" + written);
      assertTrue(written.getLast().message().contains("1002:?forged??line"), "" + written);
    }
  }
}
