package io.frontdesk.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the short programs the embedded database needs (initdb, single-user postgres, kill). */
final class Programs {

  private static final long LIMIT_SECONDS = 300;

  private Programs() {}

  /**
   * Runs {@code command} with {@code input} on its standard input and returns what it printed; a
   * failure (non-zero exit, or still running after five minutes) names {@code what} and the end of
   * its output.
   */
  static String run(List<String> command, String input, String what) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(
              () -> readAll(process.getInputStream()), task -> Thread.ofVirtual().start(task));
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("cannot " + what + ": still running after 5 minutes");
      }
      String printed = output.join();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "cannot " + what + " (exit " + process.exitValue() + "): " + tail(printed));
      }
      return printed;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + what, e);
    }
  }

  /** Sends a signal (INT, QUIT...) to a process; false when it is gone or may not be signalled. */
  static boolean signal(long pid, String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-s", signal, Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The last lines of a program's output, on one line: for a one-sentence failure. */
  static String tail(String output) {
    List<String> lines = output.strip().lines().filter(l -> !l.isBlank()).toList();
    return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
