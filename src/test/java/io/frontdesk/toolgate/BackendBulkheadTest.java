package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.Guard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/**
 * An expensive backend takes only so many calls at once; the next waits in the bulkhead's queue and
 * runs when a slot frees, a call past the queue is refused, and refusals for load do not open the
 * backend's circuit.
 */
@QuarkusTest
class BackendBulkheadTest {

  @Test
  void aCallOverTheLimitWaitsForTheSlotAndOnePastTheQueueIsRefused() throws Exception {
    Semaphore accepted = new Semaphore(0);
    Guard guard = BackendGuards.backend("bulkhead-test", 10_000, 1, 1, accepted::release);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> first =
          pool.submit(
              () ->
                  guard.call(
                      () -> {
                        entered.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return "first";
                      },
                      String.class));
      entered.await(30, TimeUnit.SECONDS);
      Future<String> queued = pool.submit(() -> guard.call(() -> "queued", String.class));
      awaitAccepted(accepted, 2);
      Exception refused =
          assertThrows(Exception.class, () -> guard.call(() -> "third", String.class));
      assertInstanceOf(BulkheadException.class, refused, refused.toString());
      assertFalse(queued.isDone(), "the queued call waits while the first holds the slot");
      release.countDown();
      assertEquals("first", first.get(30, TimeUnit.SECONDS));
      assertEquals("queued", queued.get(30, TimeUnit.SECONDS));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** Waits until the bulkhead has taken {@code calls} calls (to run or to queue). */
  private static void awaitAccepted(Semaphore accepted, int calls) throws InterruptedException {
    assertTrue(accepted.tryAcquire(calls, 30, TimeUnit.SECONDS), "the bulkhead took the calls");
  }

  @Test
  void callsRefusedByAFullBulkheadDoNotOpenTheCircuit() throws Exception {
    Semaphore accepted = new Semaphore(0);
    Guard guard = BackendGuards.backend("bulkhead-breaker-test", 10_000, 1, 1, accepted::release);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(REFUSED + 2);
    try {
      Future<String> holder =
          pool.submit(
              () ->
                  guard.call(
                      () -> {
                        entered.countDown();
                        release.await(60, TimeUnit.SECONDS);
                        return "held";
                      },
                      String.class));
      entered.await(30, TimeUnit.SECONDS);
      Future<String> queued = pool.submit(() -> guard.call(() -> "queued", String.class));
      awaitAccepted(accepted, 2);
      List<Future<String>> refused = new ArrayList<>();
      for (int i = 0; i < REFUSED; i++) {
        refused.add(pool.submit(() -> guard.call(() -> "never", String.class)));
      }
      for (Future<String> call : refused) {
        ExecutionException e = assertThrows(ExecutionException.class, call::get);
        assertInstanceOf(BulkheadException.class, e.getCause(), e.getCause().toString());
      }
      release.countDown();
      assertEquals("held", holder.get(30, TimeUnit.SECONDS));
      assertEquals("queued", queued.get(30, TimeUnit.SECONDS));
      assertEquals("after", guard.call(() -> "after", String.class), "the circuit stays closed");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** More refusals than the circuit's request volume threshold (20). */
  private static final int REFUSED = 25;
}
