package io.frontdesk.feed;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * This replica's one {@code LISTEN} connection, on {@link ConversationFeed#CHANNEL} and the
 * console's {@link #CONSOLE_CHANNEL}, opened when the first client follows a conversation and
 * reconnected if the database goes away. Notifications only say which conversation has a new event;
 * followers read the rows.
 */
@ApplicationScoped
public class FeedListener {

  private static final Logger LOG = Logger.getLogger(FeedListener.class);

  /** The human agents' console feed: NOTIFY carries a {@code console_event} id. */
  public static final String CONSOLE_CHANNEL = "frontdesk_console_events";

  private final Vertx vertx;
  private final String url;
  private final String user;
  private final String password;
  private final BroadcastProcessor<String> notifications = BroadcastProcessor.create();
  private final BroadcastProcessor<String> console = BroadcastProcessor.create();
  private PgSubscriber subscriber;

  FeedListener(
      Vertx vertx,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.vertx = vertx;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** Every notification of the feed channel from now on ({@code <conversation>:<seq>}). */
  public Multi<String> notifications() {
    return notifications;
  }

  /** Every notification of the console channel from now on (a {@code console_event} id). */
  public Multi<String> consoleNotifications() {
    return console;
  }

  synchronized void listen(@Observes StartupEvent start) {
    PgConnectOptions options = PgConnectOptions.fromUri(url).setUser(user).setPassword(password);
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    subscriber.channel(ConversationFeed.CHANNEL).handler(notifications::onNext);
    subscriber.channel(CONSOLE_CHANNEL).handler(console::onNext);
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debugf("Listening on %s", ConversationFeed.CHANNEL),
            failure -> LOG.warnf("Cannot listen on %s yet: %s", ConversationFeed.CHANNEL, failure));
  }

  @PreDestroy
  synchronized void close() {
    if (subscriber != null) {
      subscriber.close().subscribe().with(ok -> {}, failure -> {});
    }
  }
}
