package io.frontdesk.guard;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Redacts PII (e-mails, cards, IBANs, phones, secrets…) from every log line before it is written.
 */
@LoggingFilter(name = "redact-pii")
public final class RedactingLogFilter implements Filter {

  @Override
  public boolean isLoggable(LogRecord record) {
    if (record instanceof ExtLogRecord ext && ext.getMessage() != null) {
      String formatted = ext.getFormattedMessage();
      String redacted = LogRedaction.redact(formatted);
      if (!redacted.equals(formatted)) {
        ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
        ext.setParameters(null);
      }
    }
    return true;
  }
}
