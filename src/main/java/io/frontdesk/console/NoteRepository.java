package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Private notes on conversations (table conversation_note), over the SQL client: a note commits
 * with its console event. Nothing that serves a customer or a model reads this table.
 */
@ApplicationScoped
public class NoteRepository {

  /** A private note: agents only. */
  public record Note(long id, String author, String text, OffsetDateTime createdAt) {}

  private final Pool pool;

  NoteRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<Note> add(SqlClient db, UUID conversation, String author, String text, OffsetDateTime at) {
    return db.preparedQuery(
            "insert into conversation_note (conversation_id, author, body, created_at) values ($1,"
                + " $2, $3, $4) returning id, author, body, created_at")
        .execute(Tuple.of(conversation, author, text, at))
        .map(rows -> note(Rows.first(rows)));
  }

  /** The conversation's notes, oldest first. */
  Uni<List<Note>> of(UUID conversation) {
    return pool.preparedQuery(
            "select id, author, body, created_at from conversation_note where conversation_id = $1"
                + " order by id")
        .execute(Tuple.of(conversation))
        .map(rows -> Rows.list(rows, NoteRepository::note));
  }

  private static Note note(Row r) {
    return new Note(
        r.getLong("id"),
        r.getString("author"),
        r.getString("body"),
        r.getOffsetDateTime("created_at"));
  }
}
