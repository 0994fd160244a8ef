package io.frontdesk.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines one category (and those below it) writes while a test runs: the application logs
 * through JBoss LogManager, the JDK logging implementation in Quarkus, so a handler on the
 * category's logger sees every record with its level, logger, formatted message and stack trace.
 */
public final class CapturedLog implements AutoCloseable {

  /** One written line. */
  public record Line(Level level, String logger, String message, Throwable thrown) {

    public boolean warning() {
      return level.intValue() == Level.WARNING.intValue();
    }

    public boolean error() {
      return level.intValue() >= Level.SEVERE.intValue();
    }

    public boolean isWarnOrWorse() {
      return level.intValue() >= Level.WARNING.intValue();
    }

    @Override
    public String toString() {
      return level + " [" + logger + "] " + message + (thrown == null ? "" : " " + thrown);
    }
  }

  private final Logger logger;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record instanceof ExtLogRecord ext
                  ? ext.getFormattedMessage()
                  : new java.util.logging.SimpleFormatter().formatMessage(record);
          lines.add(
              new Line(record.getLevel(), record.getLoggerName(), message, record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String category) {
    logger = Logger.getLogger(category);
    handler.setLevel(Level.ALL);
    logger.addHandler(handler);
  }

  /** Starts capturing what {@code category} (a logger name or its prefix) writes. */
  public static CapturedLog of(String category) {
    return new CapturedLog(category);
  }

  /** Starts capturing everything the test JVM logs; close it to stop. */
  public static CapturedLog start() {
    return of("");
  }

  /** The lines written so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines that match. */
  public List<Line> lines(Predicate<Line> matching) {
    return lines.stream().filter(matching).toList();
  }

  /** The lines at WARN or above. */
  public List<Line> warningsAndErrors() {
    return lines(Line::isWarnOrWorse);
  }

  /** The lines whose message contains {@code text}. */
  public List<Line> containing(String text) {
    return lines(l -> l.message() != null && l.message().contains(text));
  }

  /** The WARN lines' messages. */
  public List<String> warnings() {
    return lines(Line::warning).stream().map(Line::message).toList();
  }

  /** The ERROR lines' messages. */
  public List<String> errors() {
    return lines(Line::error).stream().map(Line::message).toList();
  }

  /** Lines an operator must act on (ERROR, or anything with a stack trace). */
  public List<Line> alarms() {
    return lines(l -> l.error() || l.thrown() != null);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
