package io.frontdesk.conversation;

import io.frontdesk.feed.ConversationFeed;
import io.frontdesk.feed.FeedListener;
import io.frontdesk.http.NotFound;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
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
  private final ConversationFeed feed;
  private final FeedListener listener;

  ConversationService(
      Pool pool,
      ConversationRepository conversations,
      ConversationFeed feed,
      FeedListener listener) {
    this.pool = pool;
    this.conversations = conversations;
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

  /** Every message of the conversation, oldest first (ownership checked by the caller). */
  Uni<List<StoredMessage>> transcript(UUID id) {
    return conversations.transcript(pool, id);
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
