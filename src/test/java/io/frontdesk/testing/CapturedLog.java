package io.frontdesk.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The log lines one category writes while a test runs (the application logs through JBoss
 * LogManager, the JDK logging implementation in Quarkus), as their levels and formatted messages.
 */
public final class CapturedLog implements AutoCloseable {

  /** One written line. */
  public record Line(Level level, String message) {

    public boolean warning() {
      return level.intValue() == Level.WARNING.intValue();
    }

    public boolean error() {
      return level.intValue() >= Level.SEVERE.intValue();
    }
  }

  private final Logger logger;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          lines.add(
              new Line(
                  record.getLevel(),
                  record instanceof ExtLogRecord ext
                      ? ext.getFormattedMessage()
                      : record.getMessage()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String category) {
    logger = Logger.getLogger(category);
    logger.addHandler(handler);
  }

  /** Starts capturing what {@code category} (a logger name or its prefix) writes. */
  public static CapturedLog of(String category) {
    return new CapturedLog(category);
  }

  /** The lines written so far. */
  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The WARN lines written so far. */
  public List<String> warnings() {
    return lines.stream().filter(Line::warning).map(Line::message).toList();
  }

  /** The ERROR lines written so far. */
  public List<String> errors() {
    return lines.stream().filter(Line::error).map(Line::message).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
