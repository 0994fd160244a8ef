package io.frontdesk.toolgate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.Guard;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** An expensive backend takes only so many calls at once; the next is refused, not queued. */
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
}
