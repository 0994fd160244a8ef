package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The labels agents put on conversations ({@code conversation_label}). */
@ApplicationScoped
class LabelRepository {

  private final Pool pool;

  LabelRepository(Pool pool) {
    this.pool = pool;
  }

  /** Adds the label (again: nothing changes); the customer id, empty without the conversation. */
  Uni<Optional<String>> add(SqlClient db, UUID id, String label, String agent) {
    return db.preparedQuery(
            """
            with c as (select id, customer_id from conversation where id = $1),
                 added as (insert into conversation_label (conversation_id, label, added_by,
                                                           added_at)
                           select id, $2, $3, now() from c on conflict do nothing)
            select customer_id from c
            """)
        .execute(Tuple.of(id, label, agent))
        .map(rows -> Rows.optional(rows, r -> r.getString("customer_id")));
  }

  /** Takes the label off; the customer id, empty without the conversation. */
  Uni<Optional<String>> remove(SqlClient db, UUID id, String label) {
    return db.preparedQuery(
            """
            with c as (select id, customer_id from conversation where id = $1),
                 removed as (delete from conversation_label
                              where conversation_id = $1 and label = $2)
            select customer_id from c
            """)
        .execute(Tuple.of(id, label))
        .map(rows -> Rows.optional(rows, r -> r.getString("customer_id")));
  }

  /** Every label in use, with how many conversations carry it, most used first. */
  Uni<Map<String, Long>> inUse() {
    return pool.preparedQuery(
            "select label, count(*) as n from conversation_label group by label order by n desc,"
                + " label limit 200")
        .execute()
        .map(
            rows -> {
              Map<String, Long> out = new LinkedHashMap<>();
              rows.forEach(r -> out.put(r.getString("label"), r.getLong("n")));
              return out;
            });
  }
}
