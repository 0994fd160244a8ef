package io.frontdesk.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This JVM's claim on a data folder: a lock on its {@code epg-lock} file, held for as long as this
 * JVM runs a server there, and released by the OS when the JVM dies, however it dies. So a server
 * named by the folder's {@code postmaster.pid} while the lock is free has outlived the Frontdesk
 * that started it, and is stopped; a held lock is another live Frontdesk, which is left alone.
 */
final class DataFolder implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DataFolder.class);
  static final String LOCK_FILE = "epg-lock";
  private static final String PID_FILE = "postmaster.pid";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private DataFolder(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Whether the folder holds a PostgreSQL cluster yet (initdb ran). */
  static boolean initialised(Path dir) {
    return Files.exists(dir.resolve("PG_VERSION"));
  }

  /** Claims the folder for this JVM; {@link EmbeddedDatabase.DataDirectoryInUse} when taken. */
  static DataFolder claim(Path dir) {
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw new EmbeddedDatabase.DataDirectoryInUse(dir);
      }
      return new DataFolder(dir, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir.resolve(LOCK_FILE), e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Stops a server still running on this folder (its Frontdesk died: this JVM holds the lock now),
   * and removes a {@code postmaster.pid} whose process is not one (its number was reused after a
   * reboot or in a new container), which PostgreSQL would otherwise take for a live server.
   */
  void takeBack() {
    Optional<Long> pid = postmasterPid();
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      // a server that died with its Frontdesk: PostgreSQL recovers from its WAL when it starts
      return;
    }
    Optional<List<String>> arguments = process.get().info().arguments().map(List::of);
    if (arguments.isEmpty()) {
      // not ours to judge (another user's process): PostgreSQL's own check decides
      return;
    }
    if (arguments.get().contains(dir.toString())) {
      LOG.warnf(
          "PostgreSQL (pid %d) on %s outlived the Frontdesk that started it; stopping it to take"
              + " the data folder back",
          pid.get(), dir);
      Postmaster.shutDown(process.get());
    } else {
      deletePidFile();
    }
  }

  Path dir() {
    return dir;
  }

  /** Releases the claim (the server on the folder is stopped). */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close releases it too
    }
    closeQuietly(channel);
  }

  /** Fails with one sentence when another process holds the folder's lock. */
  static void ensureFree(Path dir) throws IOException {
    Path file = dir.resolve(LOCK_FILE);
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      FileLock held = tryLock(channel);
      if (held == null) {
        throw new EmbeddedDatabase.DataDirectoryInUse(dir);
      }
      held.release();
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      return null;
    }
  }

  private Optional<Long> postmasterPid() {
    Path file = dir.resolve(PID_FILE);
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      return Files.readAllLines(file).stream().findFirst().map(String::strip).map(Long::valueOf);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void deletePidFile() {
    try {
      Files.deleteIfExists(dir.resolve(PID_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + dir.resolve(PID_FILE), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
