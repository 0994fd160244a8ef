package io.frontdesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CountDownLatch spent = new CountDownLatch(1);
    AtomicBoolean measured = new AtomicBoolean();
    // the thread spins until it has used 100 ms of CPU by its own clock, however loaded the
    // machine, and keeps running until the snapshot is taken
    Thread busy =
        new Thread(
            () -> {
              long x = 0;
              while (!measured.get()) {
                x += System.nanoTime() % 7;
                if (threads.getCurrentThreadCpuTime() >= 100_000_000L) {
                  spent.countDown();
                }
              }
              if (x == 42) {
                System.out.print("");
              }
            },
            "bench-busy-7");
    busy.start();
    spent.await();
    Map<String, Long> byKind = ThreadCpu.of(pid).since(before);
    measured.set(true);
    busy.join();
    assertTrue(byKind.getOrDefault("bench-busy", 0L) >= 50, "busy thread's CPU: " + byKind);
  }
}
