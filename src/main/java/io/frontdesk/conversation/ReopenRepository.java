package io.frontdesk.conversation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A new turn opens the conversation again; when the customer writes after a person resolved it (the
 * inbox's resolved status, or its ticket resolved since their last message) or it was closed, that
 * is a reopening, counted on the conversation for the KPIs.
 */
@ApplicationScoped
class ReopenRepository {

  // $4: the customer wrote (not a system note, not a re-run of a stored message). Runs before the
  // turn's message is stored, so "their last message" is the one before this.
  private static final String REOPEN =
      """
      with last as (
        select max(created_at) as at from message
         where conversation_id = $1 and role = 'user' and agent is null),
      reopening as (
        select c.id from conversation c, last
         where c.id = $1 and $4 and (
               c.status = 'closed'
            or (c.inbox_status = 'resolved' and c.inbox_status_at > coalesce(last.at, '-infinity'))
            or (c.status = 'resolved' and exists (
                  select 1 from ticket t where t.conversation_id = c.id
                     and t.status in ('resolved', 'closed')
                     and t.updated_at > coalesce(last.at, '-infinity')))))
      update conversation set
             reopened = reopened + (select count(*) from reopening),
             reopened_at = case when exists (select 1 from reopening) then $3 else reopened_at end,
             status = 'open', active_agent = $2, updated_at = $3
       where id = $1
      """;

  Uni<Void> open(SqlClient db, UUID id, String agent, boolean customerWrote) {
    return db.preparedQuery(REOPEN)
        .execute(Tuple.from(List.of(id, agent, OffsetDateTime.now(ZoneOffset.UTC), customerWrote)))
        .replaceWithVoid();
  }
}
