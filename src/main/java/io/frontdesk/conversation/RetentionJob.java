package io.frontdesk.conversation;

import io.frontdesk.database.ClusterJobs;
import io.frontdesk.database.DatabaseOutage;
import io.frontdesk.feed.ConsoleEventRepository;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Purges transcripts untouched for longer than the retention (tickets keep their context), and the
 * console's feed after its own, shorter retention: the feed copies what it reports, a relayed
 * customer message's text included, so it must not outlive the transcripts.
 */
@ApplicationScoped
public class RetentionJob {

  private static final Logger LOG = Logger.getLogger(RetentionJob.class);

  private final Pool pool;
  private final ConversationRepository conversations;
  private final MemoryConfig config;
  private final ClusterJobs jobs;
  private final ConsoleEventRepository consoleEvents;

  RetentionJob(
      Pool pool,
      ConversationRepository conversations,
      MemoryConfig config,
      ClusterJobs jobs,
      ConsoleEventRepository consoleEvents) {
    this.pool = pool;
    this.conversations = conversations;
    this.config = config;
    this.jobs = jobs;
    this.consoleEvents = consoleEvents;
  }

  @Scheduled(
      every = "${frontdesk.memory.purge-every:1h}",
      delayed = "${frontdesk.memory.purge-delay:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = DatabaseOutage.SkipWhileDown.class)
  Uni<Void> scheduled() {
    // once per period across replicas (a little less, so a late timer does not skip a period)
    Duration period = DurationConverter.parseDuration(config.purgeEvery());
    return jobs.claim("retention", period.multipliedBy(9).dividedBy(10))
        .chain(
            claimed ->
                claimed
                    ? purgeExpired().chain(n -> purgeConsoleFeed()).replaceWithVoid()
                    : Uni.createFrom().voidItem());
  }

  /** Deletes the expired conversations now; returns how many. */
  public Uni<Integer> purgeExpired() {
    return conversations
        .purgeUntouchedSince(pool, ConversationRepository.now().minusDays(config.retentionDays()))
        .invoke(
            n -> {
              if (n > 0) {
                LOG.infof(
                    "Retention: purged %d conversations older than %d days",
                    n, config.retentionDays());
              }
            });
  }

  /** Deletes the console feed's events older than its retention now; returns how many. */
  public Uni<Integer> purgeConsoleFeed() {
    int days = Math.min(config.consoleFeedRetentionDays(), config.retentionDays());
    return consoleEvents
        .purgeOlderThan(pool, ConversationRepository.now().minusDays(days))
        .invoke(
            n -> {
              if (n > 0) {
                LOG.infof("Retention: purged %d console feed events older than %d days", n, days);
              }
            });
  }
}
