package io.frontdesk.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** What one logging category (and those below it) logged while it was open, to assert on lines. */
public final class CapturedLog implements AutoCloseable {

  /** One logged line: its level and its message as written. */
  public record Line(Level level, String message) {
    public boolean isWarnOrWorse() {
      return level.intValue() >= Level.WARNING.intValue();
    }
  }

  private final Logger logger;
  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          String message =
              record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
          lines.add(new Line(record.getLevel(), message));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(String category) {
    this.logger = Logger.getLogger(category);
    logger.addHandler(handler);
  }

  /** Starts capturing what {@code category} logs. */
  public static CapturedLog of(String category) {
    return new CapturedLog(category);
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The lines at WARN or above. */
  public List<Line> warningsAndErrors() {
    return lines.stream().filter(Line::isWarnOrWorse).toList();
  }

  /** The lines whose message contains {@code text}. */
  public List<Line> containing(String text) {
    return lines.stream().filter(l -> l.message() != null && l.message().contains(text)).toList();
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
