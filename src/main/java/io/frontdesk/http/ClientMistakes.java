package io.frontdesk.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The log of what clients get wrong (an expired token on a WebSocket upgrade, a protocol violation,
 * a request without {@code Host}, a feed of a conversation that is not theirs): one INFO line per
 * kind at most every {@link #EVERY}, with how many more of that kind came since, never a stack
 * trace. Every mistake is counted in {@code frontdesk.client.mistakes} (tag {@code kind}): a client
 * can fill the log only at this pace, and ERROR stays for what the operator must act on.
 */
@ApplicationScoped
public class ClientMistakes {

  static final Duration EVERY = Duration.ofSeconds(60);
  static final String METRIC = "frontdesk.client.mistakes";
  private static final Logger LOG = Logger.getLogger(ClientMistakes.class);

  /** Of one kind: when its last line was written and how many were not written since. */
  private record Kind(Counter counter, AtomicLong lastLine, AtomicLong unlogged) {}

  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
  private final MeterRegistry registry;
  private final LongSupplier nanoTime;

  @Inject
  ClientMistakes(MeterRegistry registry) {
    this(registry, System::nanoTime);
  }

  ClientMistakes(MeterRegistry registry, LongSupplier nanoTime) {
    this.registry = registry;
    this.nanoTime = nanoTime;
  }

  /**
   * Counts one mistake of {@code kind} and logs {@code what} (one line, no stack trace) unless a
   * line of this kind was written less than {@link #EVERY} ago.
   *
   * @return whether a line was written
   */
  public boolean record(String kind, String what) {
    Kind k = kinds.computeIfAbsent(kind, this::kind);
    k.counter().increment();
    long now = nanoTime.getAsLong();
    long last = k.lastLine().get();
    if (last != Long.MIN_VALUE && now - last < EVERY.toNanos()) {
      k.unlogged().incrementAndGet();
      return false;
    }
    if (!k.lastLine().compareAndSet(last, now)) {
      // another thread wrote this kind's line just now
      k.unlogged().incrementAndGet();
      return false;
    }
    long more = k.unlogged().getAndSet(0);
    LOG.infof(
        "Client mistake (%s): %s%s",
        kind,
        oneLine(what),
        more == 0 ? "" : " [and %d more of this kind since the last such line]".formatted(more));
    return true;
  }

  private Kind kind(String kind) {
    Counter counter =
        Counter.builder(METRIC)
            .description("Requests and frames refused because the client got something wrong")
            .tag("kind", kind)
            .register(registry);
    return new Kind(counter, new AtomicLong(Long.MIN_VALUE), new AtomicLong());
  }

  /** A client's text in a log line: one line, control characters shown as '?', at most 300. */
  static String oneLine(String what) {
    String text = what == null ? "" : what.replaceAll("\\p{Cntrl}", "?");
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
