package io.frontdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A missed start or memory target is explained by the run's log phases and committed heap. */
class StartAndMemoryTest {

  @TempDir Path work;

  @Test
  void aSlowStartListsItsPhasesAndABigRssSplitsHeapFromTheRest() throws Exception {
    Files.writeString(
        work.resolve("single.log"),
        """
        21:00:01 INFO  [io.fr.st.StartupPhases] (main) Startup phase embedded PostgreSQL: 1633 ms (1867 ms after JVM start)
        21:00:05 INFO  [io.fr.st.StartupPhases] (main) Startup phase Quarkus boot: 3534 ms (5401 ms after JVM start)
        21:00:05 INFO  [io.fr.st.StartupPhases] (main) Startup phase tokenizer: 1816 ms in parallel, waited 0 ms for it (5741 ms after JVM start)
        21:00:07 INFO  [io.fr.st.StartupPhases] (main) Startup phase warm-up agents: 142 ms (7151 ms after JVM start)
        """);
    Files.writeString(
        work.resolve("heap-after-load.txt"),
        """
        DefNew     total 116224K, used 1274K [0x00000000d8000000, 0x00000000dfe10000)
         eden space 103360K,   1% used [0x00000000d8000000, 0x00000000d813eb50)
        Tenured    total 258048K, used 196485K [0x00000000e5550000, 0x00000000f5150000)
         the  space 258048K,  76% used [0x00000000e5550000, 0x00000000f1531688)
        """);
    Properties meta = new Properties();
    meta.load(
        new StringReader(
            "single_ready_ms=7818\nnocache_ready_ms=11000\nsingle_rss_after_load_mb=640\n"
                + "soak_end_live_heap_mb=190.0\n"));

    List<String> why = StartAndMemory.explain(work, meta);

    assertEquals(2, why.size(), why.toString());
    assertTrue(why.get(0).contains("Quarkus boot 3534 ms → 5401"), why.get(0));
    assertTrue(why.get(0).contains("tokenizer 1816 ms (in parallel)"), why.get(0));
    assertTrue(why.get(0).contains("(11000 ms without)"), why.get(0));
    // 116224 K + 258048 K committed = 365.5 MB of heap, 274.5 MB outside it
    assertTrue(why.get(1).contains("the heap committed 366 MB"), why.get(1));
    assertTrue(
        why.get(1).contains("274 MB outside the heap")
            || why.get(1).contains("275 MB outside the heap"),
        why.get(1));
  }

  @Test
  void startsAndMemoryWithinTheirTargetsNeedNoExplaining() throws Exception {
    Properties meta = new Properties();
    meta.load(new StringReader("single_ready_ms=2500\nsingle_rss_after_load_mb=380\n"));

    assertEquals(List.of(), StartAndMemory.explain(work, meta));
  }
}
