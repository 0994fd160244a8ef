package io.frontdesk.conversation;

import io.frontdesk.http.ApiError;
import io.frontdesk.http.ErrorMappers;
import io.frontdesk.http.TooManyRequests;
import io.frontdesk.language.CustomerLanguage;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import io.frontdesk.turn.TurnEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * What a stream channel (WebSocket, SSE) sends when a message's turn could not open: the error,
 * then done. A wait (rate limited, busy) is told in the customer's language — the refused message's
 * own, else their conversation's — with how long to wait.
 */
@ApplicationScoped
class Refusals {

  private final CustomerLanguage languages;
  private final ConversationService conversations;

  Refusals(CustomerLanguage languages, ConversationService conversations) {
    this.languages = languages;
    this.conversations = conversations;
  }

  /** The error and done for a turn that did not open (nothing of the message was stored). */
  Multi<TurnEvent> notOpened(
      Throwable failure, UUID conversationId, String customerId, String message) {
    if (!(failure instanceof TooManyRequests wait)) {
      return Multi.createFrom().iterable(events(ErrorMappers.describe(failure), conversationId));
    }
    return language(conversationId, customerId, message)
        .map(language -> events(waitNotice(wait, language), conversationId))
        .onFailure()
        // the notice in English rather than none
        .recoverWithItem(() -> events(waitNotice(wait, null), conversationId))
        .onItem()
        .transformToMulti(events -> Multi.createFrom().iterable(events));
  }

  private static ApiError waitNotice(TooManyRequests wait, String language) {
    Notice notice = "busy".equals(wait.code()) ? Notice.BUSY : Notice.RATE_LIMITED;
    return new ApiError(
        wait.code(),
        Notices.text(
            language,
            notice,
            Notices.duration(language, wait.retryAfter()),
            wait.retryAfterSeconds()));
  }

  /** The message's language when it is clear, else the conversation's (one row read). */
  private Uni<String> language(UUID conversationId, String customerId, String message) {
    return languages
        .detectOffLoop(message)
        .chain(
            read ->
                read != null || conversationId == null
                    ? Uni.createFrom().item(read)
                    : conversations
                        .findOwned(conversationId, customerId)
                        .map(conv -> conv == null ? null : conv.language()));
  }

  private static List<TurnEvent> events(ApiError error, UUID conversationId) {
    return List.of(
        new TurnEvent.Error(error.error(), error.message()),
        new TurnEvent.Done(conversationId, error.message(), false, false, null, 0.0));
  }
}
