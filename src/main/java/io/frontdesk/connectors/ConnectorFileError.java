package io.frontdesk.connectors;

/**
 * A mistake in a connector file: one sentence naming the file and the field, and the start stops (a
 * connector half-understood is worse than none).
 */
public class ConnectorFileError extends RuntimeException {

  private final String file;
  private final String field;

  ConnectorFileError(String file, String field, String problem) {
    super("Connector file %s: field '%s' %s.".formatted(file, field, problem));
    this.file = file;
    this.field = field;
  }

  public String file() {
    return file;
  }

  public String field() {
    return field;
  }
}
