package io.frontdesk.conversation;

import io.frontdesk.http.BadRequest;
import io.frontdesk.http.TextRules;
import io.frontdesk.http.TooManyRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The one door every customer turn passes, whatever its channel (REST, SSE, WebSocket), in this
 * order and before anything is stored: the customer's rate limit ({@link CustomerRateLimiter}:
 * {@code rate_limited} with the wait), the message's text rules ({@link TextRules}: not blank, no
 * NUL, no control characters, well-formed Unicode, at most {@code
 * frontdesk.memory.max-message-chars}; {@code invalid_request}), then back-pressure. Past the
 * per-instance cap on turns in flight, which shrinks while work waits longer than {@code
 * queue-delay-target} for a worker thread or an event loop (the cores are saturated: {@link
 * WorkerQueueDelay}, {@link EventLoopDelay}), a new turn is refused at once with "busy, retry in N
 * s", instead of queueing until it times out into a ticket. The channels only encode a refusal (429
 * + Retry-After or 400 on REST and SSE, an error event then done on the socket, which stays open).
 * System notes (an approval's outcome) are never refused; the re-run of a dead replica's turn is
 * not rate limited (its customer sent the message once).
 */
@ApplicationScoped
public class TurnAdmission {

  /** Back-pressure for customer turns ({@code frontdesk.turns}). */
  @ConfigMapping(prefix = "frontdesk.turns")
  public interface Config {
    /** Customer turns one instance runs at once at most; the next one gets 429 busy. */
    @WithDefault("2000")
    int maxInFlight();

    /** The adaptive cap never goes below this many turns at once. */
    @WithDefault("16")
    int minInFlight();

    /**
     * The queue delay (worker pool or event loop, the longer) the adaptive cap aims below: over it
     * the cap shrinks, under it (with the cap full) it grows.
     */
    @WithDefault("200ms")
    Duration queueDelayTarget();

    /** The wait a busy answer asks for (Retry-After). */
    @WithDefault("2s")
    Duration busyRetryAfter();
  }

  private static final Logger LOG = Logger.getLogger(TurnAdmission.class);
  private static final Runnable NOTHING = () -> {};

  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter refused;
  private final Config config;
  private final MemoryConfig memory;
  private final WorkerQueueDelay queueDelay;
  private final EventLoopDelay loopDelay;
  private final CustomerRateLimiter rateLimit;
  private volatile ConcurrencyLimit policy;
  private volatile int limit;
  // a fixed cap set by a test, or 0 while the cap adapts
  private volatile int fixed;
  // the probes' clock runs on a thread of its own: on an event loop, a loop held up would also hold
  // up the tick that should see it lag
  private ScheduledExecutorService ticker;

  TurnAdmission(
      Config config,
      MemoryConfig memory,
      MeterRegistry registry,
      WorkerQueueDelay queueDelay,
      EventLoopDelay loopDelay,
      CustomerRateLimiter rateLimit) {
    this.config = config;
    this.rateLimit = rateLimit;
    this.memory = memory;
    this.queueDelay = queueDelay;
    this.loopDelay = loopDelay;
    this.policy =
        new ConcurrencyLimit(
            Math.min(config.minInFlight(), config.maxInFlight()),
            config.maxInFlight(),
            config.queueDelayTarget());
    this.limit = policy.initial();
    Gauge.builder("frontdesk.turns.in.flight.limit", this, a -> a.limit)
        .description("The adaptive cap on customer turns in flight on this instance")
        .register(registry);
    Gauge.builder("frontdesk.turns.in.flight", inFlight, AtomicInteger::get)
        .description("Customer turns running on this instance")
        .register(registry);
    refused =
        Counter.builder("frontdesk.turns.refused")
            .description("Customer turns refused with 429 busy (the in-flight cap reached)")
            .register(registry);
  }

  void start(@Observes StartupEvent started) {
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "frontdesk-admission");
              t.setDaemon(true);
              return t;
            });
    long period = QueueDelay.PERIOD.toMillis();
    ticker.scheduleAtFixedRate(this::safeTick, period, period, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent stopping) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }

  /** A tick that never throws: a failed one must not end the schedule. */
  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warnf("Turn admission tick failed: %s", e.toString());
    }
  }

  /** Probes the worker queue and the event loops and moves the cap by the longer delay. */
  private void tick() {
    queueDelay.probe();
    loopDelay.probe();
    if (fixed == 0) {
      Duration worker = queueDelay.current();
      Duration loops = loopDelay.current();
      limit = policy.next(limit, inFlight.get(), worker.compareTo(loops) >= 0 ? worker : loops);
    }
  }

  /**
   * Takes one message from the customer's allowance ({@link TooManyRequests#rateLimited}), refuses
   * a message that breaks the text rules ({@link BadRequest}), then takes a place for this turn or
   * refuses it with {@link TooManyRequests#busy}; the returned release gives the place back (once,
   * however often it runs).
   */
  Runnable admit(TurnRequest request) {
    if (request.system()) {
      return NOTHING;
    }
    if (!request.rerun()) {
      rateLimit.acquire(request.customerId());
    }
    checkText(request.message());
    if (inFlight.incrementAndGet() > (fixed > 0 ? fixed : limit)) {
      inFlight.decrementAndGet();
      refused.increment();
      throw TooManyRequests.busy(config.busyRetryAfter());
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
      }
    };
  }

  /** The text rules of a customer's message, the same on every channel. */
  private void checkText(String message) {
    if (message == null || message.isBlank()) {
      throw new BadRequest("a message needs a non-empty text");
    }
    if (message.length() > memory.maxMessageChars()) {
      throw new BadRequest(
          "message is %d characters; the limit is %d"
              .formatted(message.length(), memory.maxMessageChars()));
    }
    String problem = TextRules.problem(message);
    if (problem != null) {
      throw new BadRequest("the message " + problem + "; remove it and send the message again");
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  /** The cap now. */
  int limit() {
    return fixed > 0 ? fixed : limit;
  }

  /** Puts the adaptive cap back where it starts. */
  void restartLimit() {
    limit = policy.initial();
  }

  /** Aims the adaptive cap at another queue delay until the returned handle closes. */
  AutoCloseable queueDelayTarget(Duration target) {
    ConcurrencyLimit previous = policy;
    policy = new ConcurrencyLimit(previous.min(), previous.max(), target);
    return () -> policy = previous;
  }

  /** Fixes the cap until the returned handle closes (tests fill a small cap). */
  AutoCloseable limitTo(int max) {
    fixed = max;
    return () -> fixed = 0;
  }
}
