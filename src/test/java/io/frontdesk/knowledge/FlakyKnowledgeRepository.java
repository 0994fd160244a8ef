package io.frontdesk.knowledge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for the knowledge backend: the real repository, except that searches can be told
 * to fail. Passes everything through unless a test arms it.
 */
@Alternative
@Priority(1)
@Singleton
public class FlakyKnowledgeRepository extends KnowledgeRepository {

  private static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  private static final AtomicInteger ATTEMPTS = new AtomicInteger();

  FlakyKnowledgeRepository(Pool pool) {
    super(pool);
  }

  /** The next {@code n} searches fail; {@link Integer#MAX_VALUE} for always. */
  public static void failNext(int n) {
    FAILURES_LEFT.set(n);
    ATTEMPTS.set(0);
  }

  public static int attempts() {
    return ATTEMPTS.get();
  }

  @Override
  public Uni<List<SearchHit>> search(Collection collection, String query, int limit, int passages) {
    ATTEMPTS.incrementAndGet();
    if (FAILURES_LEFT.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
      return Uni.createFrom().failure(new IllegalStateException("knowledge backend unavailable"));
    }
    return super.search(collection, query, limit, passages);
  }
}
