package io.frontdesk.conversation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/** The customers' ratings of their resolved conversations ({@code conversation_rating}). */
@ApplicationScoped
class RatingRepository {

  // only a conversation with nothing open may be rated: resolved (by the bot or a person), no
  // ticket open, no approval pending; a second rating replaces the first
  private static final String RATE =
      """
      insert into conversation_rating (conversation_id, customer_id, score, comment, created_at)
      select c.id, c.customer_id, $3, $4, $5 from conversation c
       where c.id = $1 and c.customer_id = $2
         and (c.status in ('resolved', 'closed') or c.inbox_status = 'resolved')
         and not exists (select 1 from ticket t where t.conversation_id = c.id
                           and t.status in ('open', 'in_progress'))
      on conflict (conversation_id) do update
         set score = excluded.score, comment = excluded.comment, created_at = excluded.created_at
      """;

  private final Pool pool;

  RatingRepository(Pool pool) {
    this.pool = pool;
  }

  /** False when the conversation still has something open (it cannot be rated yet). */
  Uni<Boolean> rate(UUID conversation, String customerId, int score, String comment) {
    return pool.preparedQuery(RATE)
        .execute(
            Tuple.from(
                Arrays.asList(
                    conversation,
                    customerId,
                    (short) score,
                    comment,
                    OffsetDateTime.now(ZoneOffset.UTC))))
        .map(rows -> rows.rowCount() == 1);
  }
}
