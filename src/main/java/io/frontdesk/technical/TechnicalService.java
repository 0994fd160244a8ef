package io.frontdesk.technical;

import io.frontdesk.technical.Diagnosis.ServiceState;
import io.frontdesk.technical.TechnicalRepository.LockedService;
import io.frontdesk.toolgate.Backend;
import io.frontdesk.toolgate.BackendGuards;
import io.frontdesk.toolgate.ToolRefused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The customer's deployed services: their logs, restarts and diagnostics. Another customer's
 * service is reported exactly like a missing one.
 *
 * <p>Times are measured from a service's newest log line, not from the wall clock: the demo data is
 * generated relative to a fixed date (DemoDataset.ANCHOR), so "the last 24 h" or "expires in 4
 * days" measured from today would drift away from the story the logs tell. For a live service the
 * newest log line is close to now anyway.
 *
 * <p>Look-ups have the backend's fault tolerance ({@link BackendGuards}): refusals are neither
 * retried nor counted. A restart runs in the tool gate's transaction, which applies the same policy
 * around the whole transaction.
 */
@ApplicationScoped
public class TechnicalService {

  static final int MAX_LOG_LINES = 50;
  static final Duration RECENT = Duration.ofHours(24);
  static final String RESTART_LOG_LINE = "Service restarted by Frontdesk support agent";

  private final TechnicalRepository services;

  TechnicalService(TechnicalRepository services) {
    this.services = services;
  }

  @Backend(BackendGuards.TECHNICAL)
  public Uni<ServiceList> services(String customerId) {
    return services.services(customerId).map(TechnicalService::list);
  }

  /** The newest {@value #MAX_LOG_LINES} lines at or after {@code since}, oldest first. */
  @Backend(BackendGuards.TECHNICAL)
  public Uni<ServiceLogs> logs(String customerId, String serviceId, String since) {
    LogWindow window;
    try {
      window = LogWindow.parse(since == null || since.isBlank() ? "24h" : since);
    } catch (ToolRefused refused) {
      return Uni.createFrom().failure(refused);
    }
    return state(customerId, serviceId)
        .chain(
            s -> {
              OffsetDateTime from = window.from(s.asOf());
              return services
                  .logs(s.id(), from, MAX_LOG_LINES + 1)
                  .map(
                      lines -> {
                        boolean truncated = lines.size() > MAX_LOG_LINES;
                        List<LogLine> kept =
                            lines.subList(0, Math.min(lines.size(), MAX_LOG_LINES)).reversed();
                        return new ServiceLogs(
                            s.id(), s.name(), from, s.newestLogAt(), truncated, List.copyOf(kept));
                      });
            });
  }

  /**
   * Restarts a service that is not stopped by its owner, inside the tool gate's transaction ({@code
   * conn}: the idempotency record and the audit row commit with it), holding the service's row
   * lock. The gate's key is stored on service_restart too, a second unique guard.
   */
  public Uni<RestartResult> restart(
      SqlConnection conn, String customerId, String idempotencyKey, String serviceId) {
    String id = serviceId.strip();
    return services
        .lock(conn, customerId, id)
        .chain(
            found ->
                found.isPresent()
                    ? restart(conn, customerId, found.get(), idempotencyKey)
                    : notFound(id));
  }

  @Backend(BackendGuards.TECHNICAL)
  public Uni<Diagnostics> diagnose(String customerId, String serviceId) {
    return state(customerId, serviceId)
        .chain(
            s ->
                services
                    .problems(s.id(), s.asOf().minus(RECENT), MAX_LOG_LINES)
                    .map(recent -> Diagnosis.of(s, recent)));
  }

  private Uni<RestartResult> restart(
      SqlConnection conn, String customerId, LockedService service, String key) {
    String id = service.id();
    String previous = service.status();
    if (previous.equals("stopped")) {
      return Uni.createFrom()
          .failure(
              new ToolRefused(
                  "service %s was stopped by its owner; only the owner can start it again, from"
                          .formatted(id)
                      + " the Skyline console"));
    }
    // PostgreSQL keeps microseconds; the result reports exactly what was stored.
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    return services
        .markRestarted(conn, id, now)
        .call(() -> services.logInfo(conn, id, now, RESTART_LOG_LINE))
        .call(() -> services.recordRestart(conn, id, customerId, previous, key, now))
        .map(
            restarts ->
                new RestartResult(
                    id,
                    service.name(),
                    previous,
                    "running",
                    restarts,
                    now,
                    ("Restarted %s (%s): it was %s and is running now. A restart does not"
                            + " fix the cause; run_diagnostics shows it.")
                        .formatted(service.name(), id, previous)));
  }

  /** The service's metrics, measured as of its newest log line (see the class comment). */
  private Uni<ServiceState> state(String customerId, String serviceId) {
    String id = serviceId.strip();
    return services
        .state(customerId, id)
        .chain(found -> found.isPresent() ? Uni.createFrom().item(found.get()) : notFound(id));
  }

  private static ServiceList list(List<ServiceSummary> services) {
    Map<String, Long> byStatus =
        services.stream()
            .collect(
                Collectors.groupingBy(ServiceSummary::status, TreeMap::new, Collectors.counting()));
    String summary =
        services.isEmpty()
            ? "The customer has no services."
            : "%d service%s: %s"
                .formatted(
                    services.size(),
                    services.size() == 1 ? "" : "s",
                    byStatus.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")));
    return new ServiceList(summary, services);
  }

  private static <T> Uni<T> notFound(String serviceId) {
    return Uni.createFrom().failure(ToolRefused.notYours("service", serviceId));
  }
}
