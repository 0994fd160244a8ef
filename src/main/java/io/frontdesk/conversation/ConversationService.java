package io.frontdesk.conversation;

import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.feed.FeedListener;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the customer channels read of a conversation — whether it is the customer's, its transcript,
 * its feed — so that they hold no connection pool and no SQL (docs/architecture.md, "Persistence").
 */
@ApplicationScoped
public class ConversationService {

  private final Pool pool;
  private final ConversationRepository conversations;
  private final TranscriptRepository transcripts;
  private final ConversationFeed feed;
  private final FeedListener listener;

  ConversationService(
      Pool pool,
      ConversationRepository conversations,
      TranscriptRepository transcripts,
      ConversationFeed feed,
      FeedListener listener) {
    this.pool = pool;
    this.conversations = conversations;
    this.transcripts = transcripts;
    this.feed = feed;
    this.listener = listener;
  }

  /** The customer's conversation, or null when it is missing or another customer's. */
  Uni<Conversation> findOwned(UUID id, String customerId) {
    return conversations.findOwned(pool, id, customerId);
  }

  /** The customer's conversation; missing or another customer's is the same {@link NotFound}. */
  Uni<Conversation> owned(UUID id, String customerId) {
    return findOwned(id, customerId)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("conversation", id.toString()));
  }

  /**
   * The conversation as its customer saw it, oldest first (ownership checked by the caller): what
   * the chat showed live, through the one filter of what a customer reads ({@link
   * CustomerTranscript}), its headings in the customer's {@code language}.
   */
  Uni<List<CustomerLine>> transcript(UUID id, String language) {
    return Uni.combine()
        .all()
        .unis(transcripts.rows(pool, id), transcripts.outcomes(pool, id), decisions(id))
        .with((rows, calls, decided) -> CustomerTranscript.of(rows, calls, decided, language));
  }

  /** The approvals decided in the conversation, each with the turn that told it (on the feed). */
  private Uni<List<TranscriptRow.Decision>> decisions(UUID id) {
    return feed.after(pool, id, 0)
        .map(
            events -> {
              List<TranscriptRow.Decision> decided = new ArrayList<>();
              UUID turn = null;
              for (ConversationFeed.FeedEvent e : events) {
                if ("turn_started".equals(e.type()) && e.event().getString("turnId") != null) {
                  turn = UUID.fromString(e.event().getString("turnId"));
                } else if ("approval_decided".equals(e.type()) && turn != null) {
                  decided.add(
                      new TranscriptRow.Decision(
                          turn, e.event().getString("decision"), e.event().getString("feedback")));
                }
              }
              return decided;
            });
  }

  /** The feed's events after {@code after}, oldest first. */
  Uni<List<ConversationFeed.FeedEvent>> eventsAfter(UUID id, int after) {
    return feed.after(pool, id, after);
  }

  /** The sequence number of the feed's newest event (0 when it has none). */
  Uni<Integer> latestEvent(UUID id) {
    return feed.latest(pool, id);
  }

  /** A replay after {@code after}, then every new event of the conversation as it is published. */
  Multi<ConversationFeed.FeedEvent> follow(UUID id, int after) {
    return feed.follow(pool, id, after, listener.notifications());
  }
}
