package io.frontdesk.conversation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** A turn's model usage ({@code model_usage}), stored in the turn's ending transaction. */
@ApplicationScoped
class UsageRepository {

  /** Nothing when the turn made no model call; a re-run turn's usage replaces the dead run's. */
  Uni<Void> record(SqlClient db, UUID conversationId, UUID turnId, ModelUsage.Total usage) {
    if (usage == null) {
      return Uni.createFrom().voidItem();
    }
    return db.preparedQuery(
            "insert into model_usage (turn_id, conversation_id, model, input_tokens,"
                + " output_tokens, reported, created_at) values ($1, $2, $3, $4, $5, $6, $7) on"
                + " conflict (turn_id) do update set model = excluded.model, input_tokens ="
                + " excluded.input_tokens, output_tokens = excluded.output_tokens, reported ="
                + " excluded.reported")
        .execute(
            Tuple.from(
                List.of(
                    turnId,
                    conversationId,
                    usage.model(),
                    (int) Math.min(Integer.MAX_VALUE, usage.input()),
                    (int) Math.min(Integer.MAX_VALUE, usage.output()),
                    usage.reported(),
                    OffsetDateTime.now(ZoneOffset.UTC))))
        .replaceWithVoid();
  }
}
