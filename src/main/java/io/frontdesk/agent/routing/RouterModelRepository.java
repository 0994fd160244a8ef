package io.frontdesk.agent.routing;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Trained router heads (table {@code router_model}) by training key, over the reactive SQL client:
 * replicas that train the same key at once both write it, so the store is one upsert.
 */
@ApplicationScoped
class RouterModelRepository {

  /** A stored head: its labels, dimensions, raw weights and their SHA-256 as stored. */
  record StoredHead(List<String> labels, int dims, byte[] weights, String weightsSha256) {}

  // rows of other keys (older examples or models) are dropped when this old: a rolling upgrade's
  // older replicas may still want theirs
  private static final String KEEP_OTHERS = "7 days";

  private final Pool pool;

  RouterModelRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<Optional<StoredHead>> find(String key) {
    return pool.preparedQuery(
            "select labels, dims, weights, weights_sha256 from router_model"
                + " where training_key = $1")
        .execute(Tuple.of(key))
        .map(
            rows ->
                Rows.optional(
                    rows,
                    row ->
                        new StoredHead(
                            Arrays.asList(row.getArrayOfStrings("labels")),
                            row.getInteger("dims"),
                            row.getBuffer("weights").getBytes(),
                            row.getString("weights_sha256"))));
  }

  /**
   * Stores the head under {@code key} (replacing a replica's row for the same key) and drops other
   * keys' heads older than {@value #KEEP_OTHERS}, in one transaction.
   */
  Uni<Void> store(String key, StoredHead head) {
    return pool.withTransaction(
        db ->
            db.preparedQuery(
                    "insert into router_model (training_key, labels, dims, weights,"
                        + " weights_sha256) values ($1, $2, $3, $4, $5)"
                        + " on conflict (training_key) do update set labels = excluded.labels,"
                        + " dims = excluded.dims, weights = excluded.weights,"
                        + " weights_sha256 = excluded.weights_sha256, created_at = now()")
                .execute(
                    Tuple.of(
                        key,
                        head.labels().toArray(String[]::new),
                        head.dims(),
                        Buffer.buffer(head.weights()),
                        head.weightsSha256()))
                .chain(
                    () ->
                        db.preparedQuery(
                                "delete from router_model where training_key <> $1"
                                    + " and created_at < now() - interval '"
                                    + KEEP_OTHERS
                                    + "'")
                            .execute(Tuple.of(key)))
                .replaceWithVoid());
  }
}
