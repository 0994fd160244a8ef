package io.frontdesk.database;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Stops the embedded PostgreSQL when this JVM dies without stopping it (kill -9, an OOM kill): a
 * small shell process, in a session of its own, reads a pipe whose other end only this JVM holds.
 * The OS closes that end when the JVM ends, however it ends; the watchdog then fast-shuts-down the
 * postmaster it was given, if the folder's {@code postmaster.pid} still names it (a Frontdesk
 * started since on the folder runs a server of its own, which is left alone).
 */
final class PostmasterWatchdog implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PostmasterWatchdog.class);

  // $1: the postmaster's pid, $2: the data folder. Signals of a terminal or of the JVM's process
  // group are ignored: only the pipe's end counts.
  private static final String SCRIPT =
      """
      trap '' INT TERM HUP QUIT
      cat > /dev/null
      { read -r running < "$2/postmaster.pid"; } 2>/dev/null || exit 0
      [ "$running" = "$1" ] || exit 0
      kill -INT "$1" 2>/dev/null || exit 0
      i=0
      while kill -0 "$1" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
      kill -QUIT "$1" 2>/dev/null
      exit 0
      """;

  private final Process process;

  private PostmasterWatchdog(Process process) {
    this.process = process;
  }

  /** Watches the postmaster {@code pid} of {@code dataDir}; null where no shell can be run. */
  static PostmasterWatchdog watch(long pid, Path dataDir) {
    List<String> command = new ArrayList<>();
    if (PostgresBinaries.setsid() != null) {
      command.add(PostgresBinaries.setsid());
    }
    command.addAll(
        List.of(
            "/bin/sh", "-c", SCRIPT, "frontdesk-postgres-watchdog", "" + pid, dataDir.toString()));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new PostmasterWatchdog(process);
    } catch (IOException e) {
      LOG.warnf(
          "No watchdog for the embedded PostgreSQL (%s): if this JVM is killed, the next start"
              + " stops the server it leaves behind",
          e.getMessage());
      return null;
    }
  }

  long pid() {
    return process.pid();
  }

  /** Ends the watch: the watchdog finds its postmaster stopped or replaced and exits. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      process.destroy();
    }
  }
}
