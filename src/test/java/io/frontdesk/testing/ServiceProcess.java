package io.frontdesk.testing;

import io.frontdesk.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, as an
 * operator runs it: for integration tests and benchmarks that need restarts, replicas or the
 * deployment profile.
 */
public final class ServiceProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern EMBEDDED_PORT =
      Pattern.compile("embedded PostgreSQL on port (\\d+)");

  private final Process process;
  private final int port;
  private final Path log;
  private final Path dataDir;

  private ServiceProcess(Process process, int port, Path log, Path dataDir) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.dataDir = dataDir;
  }

  /** Starts the jar with these environment variables (on a free HTTP port), without waiting. */
  public static ServiceProcess launch(Path workDir, String name, Map<String, String> env) {
    try {
      Files.createDirectories(workDir);
      int port = freePort();
      Path log = workDir.resolve(name + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-jar",
                  JAR.toAbsolutePath().toString())
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> all = new LinkedHashMap<>();
      all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
      all.putAll(env);
      builder.environment().remove("QUARKUS_DATASOURCE_REACTIVE_URL");
      builder.environment().remove("QUARKUS_PROFILE");
      builder.environment().putAll(all);
      String dataDir = all.get("FRONTDESK_EMBEDDED_DATABASE_DATA_DIR");
      return new ServiceProcess(
          builder.start(),
          port,
          log,
          dataDir != null ? Path.of(dataDir) : workDir.resolve("data/postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the jar and waits until it is ready. */
  public static ServiceProcess start(Path workDir, String name, Map<String, String> env) {
    ServiceProcess service = launch(workDir, name, env);
    service.awaitReady();
    return service;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** What the service has logged so far. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port of the embedded PostgreSQL this instance started, from its log. */
  public int embeddedDatabasePort() {
    Matcher m = EMBEDDED_PORT.matcher(log());
    if (!m.find()) {
      throw new IllegalStateException("no embedded database in " + log);
    }
    return Integer.parseInt(m.group(1));
  }

  /** The data folder of the embedded PostgreSQL this instance starts. */
  public Path embeddedDataDir() {
    return dataDir;
  }

  /** A JDBC URL (with its generated password) of the embedded PostgreSQL this instance started. */
  public String embeddedDatabaseJdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:%d/postgres?user=postgres&password=%s"
        .formatted(embeddedDatabasePort(), EmbeddedDatabase.passwordIn(dataDir));
  }

  /** The service's process id. */
  public long pid() {
    return process.pid();
  }

  /** Waits for the process to end by itself; its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("still running after " + timeout + "; see " + log);
    }
    return process.exitValue();
  }

  /** How long a start may take: 2 minutes, more on a loaded machine (-Dfrontdesk.ready-minutes). */
  private static final Duration READY =
      Duration.ofMinutes(Long.getLong("frontdesk.ready-minutes", 2));

  public void awaitReady() {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service exited:\n" + log());
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "the service did not become ready in " + READY.toMinutes() + " minutes: " + log);
  }

  /**
   * {@code kill -9}: the JVM dies at once, no shutdown hook runs (an OOM killer, a lost node).
   * Returns once the process is gone.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("still alive after SIGKILL; see " + log);
    }
  }

  /** Sends SIGTERM, as Kubernetes does, and returns at once (see {@link #awaitExit}). */
  public void terminate() {
    process.destroy();
  }

  /**
   * Stops it as Kubernetes would (SIGTERM), waiting for the shutdown (its drain takes up to
   * quarkus.shutdown.timeout, longer on a loaded machine). One that does not stop is killed with
   * its children, so its embedded PostgreSQL does not keep the data folder locked for the next.
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle child : children) {
          child.onExit().get(20, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a child of the service did not stop; see " + log, e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
