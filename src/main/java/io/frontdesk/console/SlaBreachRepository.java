package io.frontdesk.console;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Marks an open ticket's missed SLA target, once across replicas. */
@ApplicationScoped
class SlaBreachRepository {

  /** Which target was missed. */
  enum Kind {
    FIRST_RESPONSE("first_response_breached_at"),
    RESOLUTION("resolution_breached_at");

    final String column;

    Kind(String column) {
      this.column = column;
    }
  }

  /** True when this call marked it (it was open and not marked yet); false when another did. */
  Uni<Boolean> mark(SqlClient db, long ticket, Kind kind, OffsetDateTime at) {
    return db.preparedQuery(
            "update ticket set %1$s = $2 where id = $1 and %1$s is null and status in ('open',"
                    .formatted(kind.column)
                + " 'in_progress')")
        .execute(Tuple.of(ticket, at))
        .map(rows -> rows.rowCount() == 1);
  }
}
