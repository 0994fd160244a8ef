package io.frontdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void aThreadKindIsItsNameWithoutTheTrailingNumber() {
    assertEquals("executor-thread", ThreadCpu.kind("executor-thread-12"));
    assertEquals("vert.x-eventloop-thread", ThreadCpu.kind("vert.x-eventloop-thread-0"));
    assertEquals("C2 CompilerThre", ThreadCpu.kind("C2 CompilerThre"));
    assertEquals("GC Thread", ThreadCpu.kind("GC Thread#3"));
    assertEquals("42", ThreadCpu.kind("42"));
  }

  @Test
  void cpuSpentByAThreadIsCountedUnderItsKind() throws Exception {
    String pid = String.valueOf(ProcessHandle.current().pid());
    ThreadCpu before = ThreadCpu.of(pid);
    Thread busy =
        new Thread(
            () -> {
              long until = System.nanoTime() + 300_000_000L;
              long x = 0;
              while (System.nanoTime() < until) {
                x += System.nanoTime() % 7;
              }
              if (x == 42) {
                System.out.print("");
              }
            },
            "bench-busy-7");
    busy.start();
    Thread.sleep(200); // the snapshot is taken while the thread still runs
    Map<String, Long> byKind = ThreadCpu.of(pid).since(before);
    busy.join();
    assertTrue(byKind.getOrDefault("bench-busy", 0L) >= 50, "busy thread's CPU: " + byKind);
  }
}
