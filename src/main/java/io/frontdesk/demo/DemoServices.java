package io.frontdesk.demo;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

/** Customers' deployed services, each with a status that its own log lines and metrics explain. */
final class DemoServices {

  /** Why a service is in its state; drives its fields and its log story. */
  enum Story {
    HEALTHY,
    HIGH_MEMORY,
    SLOW_DATABASE,
    CERT_EXPIRING,
    OUT_OF_MEMORY,
    CRASH_LOOP,
    HEALTH_CHECKS,
    CERT_EXPIRED,
    STOPPED
  }

  private static final List<String> TYPES = List.of("web", "api", "worker", "database", "cron");
  private static final List<String> REGIONS = List.of("us-east", "eu-west", "ap-south");
  private static final List<String> PREFIXES =
      List.of("checkout", "storefront", "orders", "billing", "auth", "search", "reports", "media");

  final DemoTable services =
      DemoTable.of(
          "service",
          "id, customer_id, name, type, region, status, version, memory_limit_mb, memory_used_mb,"
              + " restart_count, last_exit_code, failed_health_checks, cert_expires_at,"
              + " last_deployed_at, updated_at");
  final DemoTable logs = DemoTable.of("service_log", "service_id, logged_at, level, message");

  private final Random random;
  private final OffsetDateTime anchor;
  private int serviceSeq;

  DemoServices(Random random, OffsetDateTime anchor) {
    this.random = random;
    this.anchor = anchor;
  }

  void generate() {
    for (int i = 1; i <= DemoBusiness.CUSTOMERS; i++) {
      String tier = DemoBusiness.tierOf(i);
      int count =
          switch (tier) {
            case "free" -> 1;
            case "pro" -> 1 + random.nextInt(3);
            default -> 2 + random.nextInt(4);
          };
      for (int k = 0; k < count; k++) {
        service(DemoBusiness.customerId(i));
      }
    }
  }

  private void service(String customerId) {
    serviceSeq++;
    String id = "svc_%04d".formatted(serviceSeq);
    String type = TYPES.get(random.nextInt(TYPES.size()));
    String name = PREFIXES.get(random.nextInt(PREFIXES.size())) + "-" + type;
    Story story = story(type);
    int limit = List.of(256, 512, 1024, 2048).get(random.nextInt(4));
    int used = used(story, limit);
    int restarts = restarts(story);
    Integer exitCode = exitCode(story);
    int failedChecks = failedChecks(story);
    OffsetDateTime cert = cert(story, type);
    OffsetDateTime deployed = anchor.minusHours(6 + random.nextInt(24 * 20));
    String version =
        "v%d.%d.%d".formatted(1 + random.nextInt(4), random.nextInt(20), random.nextInt(10));
    services.add(
        id,
        customerId,
        name,
        type,
        REGIONS.get(random.nextInt(3)),
        status(story),
        version,
        limit,
        used,
        restarts,
        exitCode,
        failedChecks,
        cert,
        deployed,
        anchor.minusMinutes(5));
    logs(id, story, version, limit);
  }

  // Each of these draws from the random sequence in the order service() calls them: the data set
  // is the same on every start only while that order stays.

  private int used(Story story, int limit) {
    return switch (story) {
      case OUT_OF_MEMORY -> limit;
      case HIGH_MEMORY -> limit * (88 + random.nextInt(10)) / 100;
      case STOPPED -> 0;
      default -> limit * (25 + random.nextInt(40)) / 100;
    };
  }

  private int restarts(Story story) {
    return switch (story) {
      case CRASH_LOOP -> 12 + random.nextInt(30);
      case OUT_OF_MEMORY -> 3 + random.nextInt(6);
      default -> random.nextInt(3);
    };
  }

  private static Integer exitCode(Story story) {
    return switch (story) {
      case OUT_OF_MEMORY -> 137;
      case CRASH_LOOP -> 1;
      case STOPPED -> 0;
      default -> null;
    };
  }

  private int failedChecks(Story story) {
    return switch (story) {
      case HEALTH_CHECKS, CRASH_LOOP, OUT_OF_MEMORY -> 3 + random.nextInt(5);
      case SLOW_DATABASE -> 1;
      default -> 0;
    };
  }

  private OffsetDateTime cert(Story story, String type) {
    return switch (story) {
      case CERT_EXPIRED -> anchor.minusDays(1 + random.nextInt(5));
      case CERT_EXPIRING -> anchor.plusDays(2 + random.nextInt(4));
      default ->
          type.equals("web") || type.equals("api")
              ? anchor.plusDays(30 + random.nextInt(60))
              : null;
    };
  }

  private Story story(String type) {
    int roll = random.nextInt(100);
    boolean tls = type.equals("web") || type.equals("api");
    if (roll < 76) {
      return Story.HEALTHY;
    }
    return switch (roll) {
      case 76, 77, 78, 79 -> Story.HIGH_MEMORY;
      case 80, 81, 82 -> type.equals("cron") ? Story.HEALTHY : Story.SLOW_DATABASE;
      case 83, 84 -> tls ? Story.CERT_EXPIRING : Story.HIGH_MEMORY;
      case 85, 86, 87 -> Story.OUT_OF_MEMORY;
      case 88, 89, 90 -> Story.CRASH_LOOP;
      case 91, 92 -> Story.HEALTH_CHECKS;
      case 93, 94 -> tls ? Story.CERT_EXPIRED : Story.CRASH_LOOP;
      default -> Story.STOPPED;
    };
  }

  private static String status(Story story) {
    return switch (story) {
      case HEALTHY -> "running";
      case HIGH_MEMORY, SLOW_DATABASE, CERT_EXPIRING -> "degraded";
      case OUT_OF_MEMORY, CRASH_LOOP, HEALTH_CHECKS, CERT_EXPIRED -> "down";
      case STOPPED -> "stopped";
    };
  }

  /** About twenty lines over the last day, ending in the story's symptom. */
  private void logs(String serviceId, Story story, String version, int limit) {
    OffsetDateTime at = anchor.minusHours(24);
    log(serviceId, at, "INFO", "Deploy " + version + " started");
    log(serviceId, at.plusSeconds(40), "INFO", "Deploy " + version + " live; health check passed");
    int routine = 10 + random.nextInt(8);
    for (int k = 0; k < routine; k++) {
      at = at.plusMinutes(40 + random.nextInt(40));
      log(serviceId, at, k % 5 == 4 ? "DEBUG" : "INFO", routineLine());
    }
    symptom(serviceId, story, anchor.minusMinutes(50), limit);
  }

  /** The last lines of a service's day: what its story looks like in its log. */
  private void symptom(String serviceId, Story story, OffsetDateTime at, int limit) {
    switch (story) {
      case HEALTHY -> log(serviceId, at, "INFO", "Health check OK (latency 42 ms)");
      case HIGH_MEMORY -> {
        log(serviceId, at, "WARN", "Memory usage at 88% of " + limit + " MB limit");
        log(serviceId, at.plusMinutes(30), "WARN", "Memory usage at 94% of " + limit + " MB limit");
      }
      case SLOW_DATABASE -> {
        log(serviceId, at, "WARN", "Database connection pool exhausted (20/20 in use), waiting");
        log(
            serviceId,
            at.plusMinutes(5),
            "WARN",
            "Request p95 latency 2840 ms (threshold 1000 ms)");
      }
      case CERT_EXPIRING ->
          log(serviceId, at, "WARN", "TLS certificate for custom domain expires in 4 days");
      case STOPPED -> log(serviceId, at, "INFO", "Service stopped by owner");
      case OUT_OF_MEMORY, CRASH_LOOP, HEALTH_CHECKS, CERT_EXPIRED ->
          outage(serviceId, story, at, limit);
    }
  }

  /** The last lines of a service that is down. */
  private void outage(String serviceId, Story story, OffsetDateTime at, int limit) {
    switch (story) {
      case OUT_OF_MEMORY -> {
        log(serviceId, at, "WARN", "Memory usage at 97% of " + limit + " MB limit");
        log(
            serviceId,
            at.plusMinutes(2),
            "ERROR",
            "Container killed: out of memory (exit code 137)");
        log(
            serviceId,
            at.plusMinutes(3),
            "ERROR",
            "Health check failed 3 times; service marked down");
      }
      case CRASH_LOOP -> {
        log(
            serviceId,
            at,
            "ERROR",
            "Process exited with code 1: missing environment variable" + " DATABASE_URL");
        log(
            serviceId,
            at.plusMinutes(1),
            "ERROR",
            "Back-off restarting failed container" + " (crash loop)");
      }
      case HEALTH_CHECKS -> {
        log(serviceId, at, "ERROR", "Health check GET /healthz returned 503");
        log(
            serviceId,
            at.plusMinutes(1),
            "ERROR",
            "Health check failed 3 times; service marked down");
      }
      case CERT_EXPIRED -> {
        log(serviceId, at, "ERROR", "TLS handshake failed: certificate has expired");
        log(
            serviceId,
            at.plusMinutes(1),
            "ERROR",
            "Health check failed 3 times; service marked down");
      }
      default -> throw new IllegalArgumentException(story + " is not an outage");
    }
  }

  private String routineLine() {
    return switch (random.nextInt(6)) {
      case 0 -> "GET /api/items 200 in " + (20 + random.nextInt(80)) + " ms";
      case 1 -> "POST /api/orders 201 in " + (40 + random.nextInt(120)) + " ms";
      case 2 -> "Health check OK (latency " + (10 + random.nextInt(60)) + " ms)";
      case 3 -> "Processed " + (10 + random.nextInt(500)) + " jobs from queue";
      case 4 -> "Cache hit ratio " + (80 + random.nextInt(19)) + "%";
      default -> "Autoscaler: " + (1 + random.nextInt(4)) + " instance(s) running";
    };
  }

  private void log(String serviceId, OffsetDateTime at, String level, String message) {
    logs.add(serviceId, at, level, message);
  }
}
