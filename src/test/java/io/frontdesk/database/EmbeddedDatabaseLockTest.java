package io.frontdesk.database;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseLockTest {

  @TempDir Path dataDir;

  @Test
  void aDataFolderInUseIsRefusedInOneSentence() throws Exception {
    try (FileChannel channel =
            FileChannel.open(
                dataDir.resolve(EmbeddedDatabase.LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      EmbeddedDatabase.DataDirectoryInUse refused =
          assertThrows(
              EmbeddedDatabase.DataDirectoryInUse.class,
              () -> EmbeddedDatabase.ensureFree(dataDir));
      String message = refused.getMessage();
      assertTrue(message.contains(dataDir.toString()), message);
      assertTrue(message.endsWith(".") && message.indexOf(". ") < 0, "one sentence: " + message);
    }
    assertDoesNotThrow(() -> EmbeddedDatabase.ensureFree(dataDir), "free once released");
  }
}
