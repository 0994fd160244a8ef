package io.frontdesk.conversation;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** What the customer's side reads of a human agent's takeover of a conversation. */
@ApplicationScoped
public class TakeoverRepository {

  /**
   * The human agent holding the customer's conversation, or empty when none does (or it is not the
   * customer's); locks the conversation's row for this transaction, so a hand-back waits for it.
   */
  Uni<Optional<String>> lockHolder(SqlClient db, UUID id, String customerId) {
    return db.preparedQuery(
            "select taken_over_by from conversation where id = $1 and customer_id = $2"
                + " and taken_over_by is not null for update")
        .execute(Tuple.of(id, customerId))
        .map(rows -> Rows.optional(rows, r -> r.getString("taken_over_by")));
  }

  /** Whether a human agent holds the customer's conversation now (no lock: a hint for the UI). */
  Uni<Boolean> heldByHuman(SqlClient db, UUID id, String customerId) {
    return db.preparedQuery(
            "select 1 from conversation where id = $1 and customer_id = $2 and"
                + " taken_over_by is not null")
        .execute(Tuple.of(id, customerId))
        .map(rows -> rows.size() > 0);
  }

  /** Marks the conversation as just active (the console sorts by it). */
  Uni<Void> touch(SqlClient db, UUID id) {
    return db.preparedQuery("update conversation set updated_at = now() where id = $1")
        .execute(Tuple.of(id))
        .replaceWithVoid();
  }
}
