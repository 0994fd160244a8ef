package io.frontdesk.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application logs while a test runs (a handler on the root logger of the test JVM, where
 * a {@code @QuarkusTest} application logs): level, logger, the formatted line and any stack trace,
 * for assertions on log lines.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

  /** One record as written. */
  public record Line(Level level, String logger, String message, Throwable thrown) {
    @Override
    public String toString() {
      return level + " [" + logger + "] " + message + (thrown == null ? "" : " " + thrown);
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();

  private CapturedLog() {
    setLevel(Level.ALL);
  }

  /** Starts capturing; close it to stop. */
  public static CapturedLog start() {
    CapturedLog log = new CapturedLog();
    Logger.getLogger("").addHandler(log);
    return log;
  }

  @Override
  public synchronized void publish(LogRecord record) {
    lines.add(
        new Line(
            record.getLevel(),
            record.getLoggerName(),
            formatter.formatMessage(record),
            record.getThrown()));
  }

  /** Every line captured so far. */
  public synchronized List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines that match. */
  public List<Line> lines(Predicate<Line> matching) {
    return lines().stream().filter(matching).toList();
  }

  /** Lines an operator must act on (ERROR, or anything with a stack trace). */
  public List<Line> alarms() {
    return lines(l -> l.level().intValue() >= Level.SEVERE.intValue() || l.thrown() != null);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
