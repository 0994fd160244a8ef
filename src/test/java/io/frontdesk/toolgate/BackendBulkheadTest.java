package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.Guard;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/**
 * An expensive backend takes only so many calls at once; the next is refused, not queued, and
 * refusals for load do not open the backend's circuit.
 */
@QuarkusTest
class BackendBulkheadTest {

  @Test
  void aCallOverTheBulkheadIsRefusedWhileTheFirstRuns() throws Exception {
    Guard guard = BackendGuards.backend("bulkhead-test", 10_000, 1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return guard.call(
                    () -> {
                      entered.countDown();
                      release.await(30, TimeUnit.SECONDS);
                      return "first";
                    },
                    String.class);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      entered.await(30, TimeUnit.SECONDS);
      Exception refused =
          assertThrows(Exception.class, () -> guard.call(() -> "second", String.class));
      assertInstanceOf(BulkheadException.class, refused, refused.toString());
    } finally {
      release.countDown();
    }
    assertEquals("first", first.get(30, TimeUnit.SECONDS));
  }

  @Test
  void callsRefusedByAFullBulkheadDoNotOpenTheCircuit() throws Exception {
    Guard guard = BackendGuards.backend("bulkhead-breaker-test", 10_000, 1);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(REFUSED + 1);
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
      assertEquals("after", guard.call(() -> "after", String.class), "the circuit stays closed");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  /** More refusals than the circuit's request volume threshold (20). */
  private static final int REFUSED = 25;
}
