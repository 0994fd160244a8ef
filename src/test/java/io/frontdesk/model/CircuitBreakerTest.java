package io.frontdesk.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), now::get);

  @Test
  void opensAfterNFailuresInARow() {
    breaker.failure();
    breaker.failure();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    breaker.failure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
    assertEquals(Duration.ofSeconds(30), breaker.remainingOpen());
  }

  @Test
  void aSuccessResetsTheCount() {
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
  }

  @Test
  void halfOpensAfterTheDelayWithOneTrialThatClosesOnSuccess() {
    open();
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquire(), "one trial call");
    assertFalse(breaker.tryAcquire(), "only one while it runs");
    breaker.success();
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aFailedTrialOpensTheCircuitAgainAtOnce() {
    open();
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    assertTrue(breaker.tryAcquire());
    breaker.failure();
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    assertFalse(breaker.tryAcquire());
  }

  @Test
  void aCancelledTrialLetsTheNextOneThrough() {
    open();
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertTrue(breaker.tryAcquire());
    breaker.released();
    assertTrue(breaker.tryAcquire());
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.failure();
    }
    assertEquals(CircuitBreaker.State.OPEN, breaker.state());
  }
}
