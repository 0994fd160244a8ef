package io.frontdesk.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every connection to the embedded PostgreSQL authenticates (scram-sha-256) with a password
 * generated for its data folder and kept there (mode 0600): another OS user on the machine cannot
 * connect, although the server listens on localhost. A folder created before (with {@code trust})
 * is moved to this on its next start.
 */
final class LocalAuthentication {

  private static final Logger LOG = Logger.getLogger(LocalAuthentication.class);
  static final String USER = "postgres";
  static final String PASSWORD_FILE = "frontdesk-password";
  static final String HBA_FILE = "pg_hba.conf";
  static final String HBA =
      """
      # Written by Frontdesk (io.frontdesk.database.LocalAuthentication): every connection
      # authenticates with the password in frontdesk-password. The server opens no Unix socket.
      local   all   all                  scram-sha-256
      host    all   all   127.0.0.1/32   scram-sha-256
      host    all   all   ::1/128        scram-sha-256
      """;

  private LocalAuthentication() {}

  /** initdb's options for a new folder: scram-sha-256 for every connection, password on stdin. */
  static List<String> initdbOptions() {
    return List.of("-A", "scram-sha-256", "--pwfile=/dev/stdin");
  }

  /** A new random password (base64url: safe inside an SQL string literal). */
  static String newPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The folder's password, or null when it has none yet. */
  static String password(Path dataDir) {
    Path file = dataDir.resolve(PASSWORD_FILE);
    try {
      return Files.exists(file) ? Files.readString(file).strip() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Keeps a new folder's password (initdb set it) and writes its pg_hba.conf. */
  static void keep(Path dataDir, String password) {
    writePrivate(dataDir.resolve(PASSWORD_FILE), password + "\n");
    writePrivate(dataDir.resolve(HBA_FILE), HBA);
  }

  /**
   * Makes the folder authenticate as above if it does not yet (a folder of an older Frontdesk,
   * created with {@code trust}), and returns its password. The server must not run on it: the
   * password is set in single-user mode, before anyone can connect.
   */
  static String ensure(Path dataDir, PostgresBinaries binaries) {
    String password = password(dataDir);
    if (password != null && HBA.equals(read(dataDir.resolve(HBA_FILE)))) {
      return password;
    }
    if (password == null) {
      password = newPassword();
      // kept first: a start interrupted from here on sets the same password again
      writePrivate(dataDir.resolve(PASSWORD_FILE), password + "\n");
    }
    setPassword(dataDir, binaries, password);
    writePrivate(dataDir.resolve(HBA_FILE), HBA);
    LOG.infof(
        "The embedded PostgreSQL in %s now requires the password kept in %s (it trusted every"
            + " local connection before)",
        dataDir, PASSWORD_FILE);
    return password;
  }

  private static void setPassword(Path dataDir, PostgresBinaries binaries, String password) {
    List<String> command =
        binaries.command(
            "postgres",
            List.of(
                "--single",
                "-D",
                dataDir.toString(),
                "-c",
                "listen_addresses=",
                "-c",
                "unix_socket_directories=",
                "-c",
                "logging_collector=off",
                USER));
    String statement = "ALTER ROLE " + USER + " PASSWORD '" + password + "';\n";
    String output = Programs.run(command, statement, "set the database password");
    if (output.contains("ERROR:") || output.contains("FATAL:")) {
      throw new IllegalStateException(
          "cannot set the database password in " + dataDir + ": " + Programs.tail(output));
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes a file only its owner can read, atomically (a crash leaves the old one or the new). */
  private static void writePrivate(Path file, String content) {
    try {
      Path temp =
          Files.createTempFile(
              file.getParent(),
              "." + file.getFileName(),
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
