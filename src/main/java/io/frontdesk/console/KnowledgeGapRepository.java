package io.frontdesk.console;

import io.frontdesk.database.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The questions that went to a person because the assistant did not know enough: tickets opened for
 * low confidence or at the agent's request in a window, each with the customer's message that
 * escalated (tables ticket and message, read with the reactive SQL client).
 */
@ApplicationScoped
class KnowledgeGapRepository {

  /** One escalated question. */
  record Escalated(long ticket, UUID conversationId, String message, OffsetDateTime at) {}

  private static final String ESCALATED =
      """
      select t.id, t.conversation_id, t.created_at,
             (select m.content from message m
               where m.conversation_id = t.conversation_id and m.role = 'user'
                 and m.agent is null and m.created_at <= t.created_at
               order by m.created_at desc, m.id desc limit 1) as message
        from ticket t
       where t.reason in ('low_confidence', 'agent_request')
         and t.created_at >= $1 and t.created_at < $2
       order by t.created_at desc
       limit $3
      """;

  private final Pool pool;

  KnowledgeGapRepository(Pool pool) {
    this.pool = pool;
  }

  Uni<List<Escalated>> escalated(OffsetDateTime since, OffsetDateTime until, int limit) {
    return pool.preparedQuery(ESCALATED)
        .execute(Tuple.of(since, until, limit))
        .map(
            rows ->
                Rows.list(
                        rows,
                        r ->
                            new Escalated(
                                r.getLong("id"),
                                r.getUUID("conversation_id"),
                                r.getString("message"),
                                r.getOffsetDateTime("created_at")))
                    .stream()
                    .filter(e -> e.message() != null && !e.message().isBlank())
                    .toList());
  }
}
