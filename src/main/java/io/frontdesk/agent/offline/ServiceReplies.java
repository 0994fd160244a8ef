package io.frontdesk.agent.offline;

import io.frontdesk.technical.DiagnosticCheck;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.technical.LogLine;
import io.frontdesk.technical.ServiceLogs;
import io.frontdesk.technical.ServiceSummary;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The offline model's wording about services: diagnoses, logs and incidents, by name. */
final class ServiceReplies {

  /** Log lines quoted at most (the newest, warnings and errors first). */
  static final int LOG_LINES = 8;

  /**
   * A yes/no question that asks whether something is wrong ("is it down?"), not whether it is ok.
   */
  private static final Pattern ASKS_IF_BROKEN =
      Pattern.compile(
          "\\b(down|broken|failing|crashed|crashing|stuck|dead|offline|unhealthy|wrong|an issue|a"
              + " problem)\\b",
          Pattern.CASE_INSENSITIVE);

  private ServiceReplies() {}

  /**
   * The diagnosis by the service's name; to a yes/no {@code question} (else null), "Yes" or "No"
   * first: whether it is healthy, or whether it is broken when that is what was asked.
   */
  static String diagnosis(Diagnostics d, String question) {
    List<DiagnosticCheck> notOk =
        d.checks().stream().filter(c -> !"ok".equals(c.status())).toList();
    boolean healthy = "running".equals(d.status()) && "healthy".equals(d.verdict());
    String first =
        question == null
            ? ""
            : (healthy ^ ASKS_IF_BROKEN.matcher(question).find() ? "Yes, " : "No, ");
    StringBuilder out =
        new StringBuilder(
            first + "%s is %s; diagnostics say %s.".formatted(d.name(), d.status(), d.verdict()));
    for (DiagnosticCheck c : notOk) {
      out.append("\n- ").append(c.name()).append(" (").append(c.status()).append("): ");
      out.append(c.detail());
    }
    if (d.recommendedAction() != null && !d.recommendedAction().isBlank()) {
      out.append("\nRecommended: ").append(d.recommendedAction());
    }
    return out.toString();
  }

  /** The newest lines of a service's log, warnings and errors kept before the rest. */
  static String logs(ServiceLogs logs) {
    if (logs.lines().isEmpty()) {
      return "%s has no log lines in the last 24 hours.".formatted(logs.name());
    }
    List<LogLine> lines = logs.lines().reversed();
    List<LogLine> shown =
        java.util.stream.Stream.concat(
                lines.stream().filter(l -> !"INFO".equalsIgnoreCase(l.level())),
                lines.stream().filter(l -> "INFO".equalsIgnoreCase(l.level())))
            .limit(LOG_LINES)
            .sorted(java.util.Comparator.comparing(LogLine::at))
            .toList();
    long problems = logs.lines().stream().filter(l -> !"INFO".equalsIgnoreCase(l.level())).count();
    StringBuilder out =
        new StringBuilder(
            "The newest log lines of %s (%d warnings or errors in the window):"
                .formatted(logs.name(), problems));
    for (LogLine l : shown) {
      out.append("\n- ")
          .append(l.at().toLocalDateTime().withNano(0))
          .append(" ")
          .append(l.level().toUpperCase(Locale.ROOT))
          .append(" ")
          .append(l.message());
    }
    return out.toString();
  }

  /** No incident on the services the question is about, named. */
  static String noIncident(List<ServiceSummary> concerned) {
    if (concerned.isEmpty()) {
      return "No, there is no incident on your account: you have no services deployed.";
    }
    return "No, there is no incident right now: %s %s running."
        .formatted(names(concerned), concerned.size() == 1 ? "is" : "are all");
  }

  /** An incident: the affected service named first, its diagnosis, and how the others are. */
  static String incident(List<ServiceSummary> concerned, Diagnostics d) {
    List<ServiceSummary> others =
        concerned.stream().filter(x -> !x.serviceId().equals(d.serviceId())).toList();
    StringBuilder out =
        new StringBuilder("Yes, %s is %s right now.".formatted(d.name(), d.status()));
    List<ServiceSummary> alsoAffected =
        others.stream().filter(x -> !"running".equals(x.status())).toList();
    if (!alsoAffected.isEmpty()) {
      out.append(" Also affected: ")
          .append(
              alsoAffected.stream()
                  .map(x -> x.name() + " (" + x.status() + ")")
                  .collect(Collectors.joining(", ")))
          .append(".");
    }
    List<ServiceSummary> fine = others.stream().filter(x -> "running".equals(x.status())).toList();
    if (!fine.isEmpty()) {
      out.append(" ")
          .append(names(fine))
          .append(fine.size() == 1 ? " is" : " are")
          .append(" running.");
    }
    out.append("\n\n").append(diagnosis(d, null));
    return out.toString();
  }

  private static String names(List<ServiceSummary> services) {
    List<String> names = services.stream().map(ServiceSummary::name).distinct().toList();
    if (names.size() == 1) {
      return names.getFirst();
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }
}
