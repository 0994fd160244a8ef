package io.frontdesk.model;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One model endpoint's circuit: closed until {@code threshold} attempts fail in a row, then open
 * (calls refused at once) for {@code openFor}, then half-open (one trial call; its success closes
 * the circuit, its failure opens it again).
 */
public final class CircuitBreaker {

  /** Where the circuit stands. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final long openForNanos;
  private final LongSupplier clock;
  private State state = State.CLOSED;
  private int failures;
  private long openedAt;
  private boolean trialRunning;

  public CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoClock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("failure threshold must be at least 1: " + threshold);
    }
    this.threshold = threshold;
    this.openForNanos = openFor.toNanos();
    this.clock = nanoClock;
  }

  /** Whether a call may go to the endpoint now; a half-open circuit lets one trial through. */
  public synchronized boolean tryAcquire() {
    return switch (state()) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialRunning) {
          yield false;
        }
        trialRunning = true;
        yield true;
      }
    };
  }

  /** The endpoint answered. */
  public synchronized void success() {
    state = State.CLOSED;
    failures = 0;
    trialRunning = false;
  }

  /** An attempt failed (5xx, 429, unreachable, no answer in time). */
  public synchronized void failure() {
    State now = state();
    failures++;
    trialRunning = false;
    if (now == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
    }
  }

  /** An admitted call ended without telling whether the endpoint works (cancelled). */
  public synchronized void released() {
    trialRunning = false;
  }

  public synchronized State state() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
      state = State.HALF_OPEN;
      trialRunning = false;
    }
    return state;
  }

  /** How long an open circuit still refuses calls (zero when it does not). */
  public synchronized Duration remainingOpen() {
    return state() == State.OPEN
        ? Duration.ofNanos(openForNanos - (clock.getAsLong() - openedAt))
        : Duration.ZERO;
  }
}
