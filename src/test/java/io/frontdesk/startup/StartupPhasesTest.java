package io.frontdesk.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** A phase started on its own thread hands its result, or its failure, to whoever joins it. */
class StartupPhasesTest {

  @Test
  void aBackgroundPhaseGivesItsResultToTheJoin() {
    StartupPhases.Background<String> phase = StartupPhases.inBackground("test value", () -> "ok");
    assertEquals("ok", phase.join());
  }

  @Test
  void aFailedBackgroundPhaseFailsTheJoinWithItsOwnException() {
    IllegalStateException failure = new IllegalStateException("model file missing");
    StartupPhases.Background<String> phase =
        StartupPhases.inBackground(
            "test failure",
            () -> {
              throw failure;
            });
    assertSame(failure, assertThrows(IllegalStateException.class, phase::join));
    // a second join (another consumer) fails alike: nothing comes up on a half-done phase
    assertSame(failure, assertThrows(IllegalStateException.class, phase::join));
  }

  @Test
  void anErrorInABackgroundPhaseIsRethrownAsTheError() {
    StartupPhases.Background<String> phase =
        StartupPhases.inBackground(
            "test error",
            () -> {
              throw new ExceptionInInitializerError("tables");
            });
    assertThrows(ExceptionInInitializerError.class, phase::join);
  }

  @Test
  void aCheckedFailureIsWrappedWithThePhaseNamed() {
    StartupPhases.Background<String> phase =
        StartupPhases.inBackground(
            "test checked",
            () -> {
              throw new UncheckedIOException(new IOException("disk"));
            });
    UncheckedIOException e = assertThrows(UncheckedIOException.class, phase::join);
    assertInstanceOf(IOException.class, e.getCause());
  }
}
