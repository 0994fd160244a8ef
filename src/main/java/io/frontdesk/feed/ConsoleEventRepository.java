package io.frontdesk.feed;

import io.frontdesk.database.Notifications;
import io.frontdesk.database.Rows;
import io.frontdesk.feed.ConsoleFeed.ConsoleEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The console feed's events (table console_event) over the reactive SQL client: each written in the
 * transaction of what it reports, its id announced by {@code NOTIFY} on commit.
 */
@ApplicationScoped
public class ConsoleEventRepository {

  /** Stores an event in {@code db}'s transaction and queues its id on {@code channel}. */
  Uni<Void> append(
      SqlClient db, String channel, String type, JsonObject payload, OffsetDateTime at) {
    return db.preparedQuery(
            "insert into console_event (type, payload, created_at) values ($1, $2, $3) returning"
                + " id")
        .execute(Tuple.of(type, payload, at))
        .map(rows -> Rows.first(rows).getLong("id"))
        .chain(id -> Notifications.send(db, channel, String.valueOf(id)));
  }

  /** The newest event's id (0 when there is none). */
  Uni<Long> latest(SqlClient db) {
    return db.query("select coalesce(max(id), 0) as id from console_event")
        .execute()
        .map(rows -> Rows.first(rows).getLong("id"));
  }

  /** At most {@code limit} events after {@code after}, oldest first. */
  Uni<List<ConsoleEvent>> after(SqlClient db, long after, int limit) {
    return db.preparedQuery(
            "select id, type, payload from console_event where id > $1 order by id limit $2")
        .execute(Tuple.of(after, limit))
        .map(
            rows ->
                Rows.list(
                    rows,
                    r ->
                        new ConsoleEvent(
                            r.getLong("id"),
                            r.getString("type"),
                            (JsonObject) r.getValue("payload"))));
  }

  /** Deletes the events older than {@code before}; answers how many (the retention job). */
  public Uni<Integer> purgeOlderThan(SqlClient db, OffsetDateTime before) {
    return db.preparedQuery("delete from console_event where created_at < $1")
        .execute(Tuple.of(before))
        .map(rows -> rows.rowCount());
  }
}
