package io.frontdesk.agent.offline;

import io.frontdesk.technical.DiagnosticCheck;
import io.frontdesk.technical.Diagnostics;
import io.frontdesk.technical.LogLine;
import io.frontdesk.technical.ServiceLogs;
import io.frontdesk.technical.ServiceSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
              + " problem|not working|can't reach|cannot reach|unreachable)\\b",
          Pattern.CASE_INSENSITIVE);

  private ServiceReplies() {}

  /**
   * The diagnosis by the service's name. To a yes/no {@code question} (else null), "Yes" or "No"
   * first: whether it is healthy, or whether it is broken when that is what was asked. To a
   * reported fault ({@code message} says it is down) on a service whose checks all pass, where to
   * look next instead of "no action needed".
   */
  static String diagnosis(Diagnostics d, String question) {
    return diagnosis(d, question, null);
  }

  static String diagnosis(Diagnostics d, String question, String message) {
    boolean healthy = "running".equals(d.status()) && "healthy".equals(d.verdict());
    if (question == null && message != null && healthy && ASKS_IF_BROKEN.matcher(message).find()) {
      return ("%s is running and passes all its checks on our side (health checks, memory, TLS"
              + " certificate, recent logs), so the fault is probably in front of it: check that"
              + " your domain's DNS still points at %s's hostname and that the address your users"
              + " open is the right one. If it still does not load, tell me the address and the"
              + " error they see, or ask for a person from our team.")
          .formatted(d.name(), d.name());
    }
    List<DiagnosticCheck> notOk =
        d.checks().stream().filter(c -> !"ok".equals(c.status())).toList();
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
    List<LogLine> newest = logs.lines().reversed();
    List<LogLine> shown =
        Stream.concat(
                newest.stream().filter(ServiceReplies::problem),
                newest.stream().filter(l -> !problem(l)))
            .limit(LOG_LINES)
            .sorted(Comparator.comparing(LogLine::at))
            .toList();
    long problems = logs.lines().stream().filter(ServiceReplies::problem).count();
    StringBuilder out =
        new StringBuilder(
            "The newest log lines of %s (%d %s in the last 24 hours):"
                .formatted(
                    logs.name(),
                    problems,
                    problems == 1 ? "warning or error" : "warnings or errors"));
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

  private static boolean problem(LogLine l) {
    String level = l.level().toUpperCase(Locale.ROOT);
    return level.startsWith("WARN") || level.equals("ERROR") || level.equals("FATAL");
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
