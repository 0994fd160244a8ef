package io.frontdesk.conversation;

import io.frontdesk.conversation.TranscriptRow.Decision;
import io.frontdesk.conversation.TranscriptRow.ToolOutcome;
import io.frontdesk.language.Notice;
import io.frontdesk.language.Notices;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's view of a conversation, built from its stored rows: what the chat showed while it
 * ran — their messages, each tool's status line, the one answer of each turn, the approval and
 * ticket notices, a person's messages — and nothing that is only for the model or the team (system
 * notes, tool results, hand-over summaries, hand-offs between agents). The line a side effect wrote
 * as it committed is shown for a turn that never answered (it died after the effect), else the
 * answer tells. Every text goes through {@link CustomerText}.
 */
final class CustomerTranscript {

  static final String GUARD_LINE = "A safety check held part of this back.";

  private static final Pattern TICKET = Pattern.compile("#(TCK-\\d+)");

  private final List<CustomerLine> lines = new ArrayList<>();
  private final Map<String, Deque<String>> outcomes = new HashMap<>();
  private final Map<UUID, List<Decision>> decisions = new HashMap<>();
  private final Map<UUID, Integer> answers = new HashMap<>();
  private final Set<CustomerLine> traces = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<UUID> told = new HashSet<>();
  private final String language;

  private CustomerTranscript(List<ToolOutcome> calls, List<Decision> decided, String language) {
    this.language = language;
    for (ToolOutcome c : calls) {
      outcomes.computeIfAbsent(key(c.turnId(), c.tool()), k -> new ArrayDeque<>()).add(c.status());
    }
    for (Decision d : decided) {
      decisions.computeIfAbsent(d.turnId(), k -> new ArrayList<>()).add(d);
    }
  }

  /**
   * The lines, oldest first, of the rows (oldest first) with their calls' outcomes; the notices'
   * headings in the customer's {@code language}.
   */
  static List<CustomerLine> of(
      List<TranscriptRow> rows, List<ToolOutcome> calls, List<Decision> decided, String language) {
    CustomerTranscript view = new CustomerTranscript(calls, decided, language);
    rows.forEach(view::add);
    // what a side effect did is shown only for a turn that never told the customer itself
    return view.lines.stream()
        .filter(l -> !view.traces.contains(l) || !view.told.contains(l.turnId()))
        .toList();
  }

  /** How the chat heads the notice of an approval's decision. */
  static String decisionTitle(String language, String decision) {
    return switch (decision) {
      case "approved" -> Notices.text(language, Notice.APPROVAL_APPROVED_TITLE);
      case "rejected" -> Notices.text(language, Notice.APPROVAL_REJECTED_TITLE);
      default -> Notices.text(language, Notice.APPROVAL_EXPIRED_TITLE);
    };
  }

  /** How the chat heads a ticket's notice. */
  static String ticketTitle(String language, String notice) {
    Matcher m = TICKET.matcher(notice == null ? "" : notice);
    return Notices.text(language, Notice.TICKET_TITLE, m.find() ? m.group(1) : "")
        .replace(" .", ".");
  }

  private void add(TranscriptRow row) {
    if ("tool".equals(row.role())) {
      return;
    }
    if ("user".equals(row.role())) {
      if (TurnRequest.SYSTEM_AUTHOR.equals(row.agent())) {
        // a system note is for the agent; the decision it carries was told as a notice
        decisions.getOrDefault(row.turnId(), List.of()).forEach(this::decided);
      } else {
        line(row.turnId(), "customer", Notices.text(language, Notice.PAGE_YOU), row.content());
      }
      return;
    }
    row.tools().stream()
        .filter(tool -> !CustomerText.routing(tool))
        .forEach(tool -> line(row.turnId(), "status", null, status(row.turnId(), tool)));
    if (row.content() == null || row.content().isBlank()) {
      return;
    }
    String agent = row.agent() == null ? "" : row.agent();
    switch (agent) {
      case TurnEnding.APPROVAL_AGENT ->
          line(
              row.turnId(),
              "approval",
              Notices.text(language, Notice.APPROVAL_WAITING_TITLE),
              row.content());
      case EndingStore.ESCALATION_AGENT ->
          line(row.turnId(), "ticket", ticketTitle(language, row.content()), row.content());
      case TurnEnding.GUARD_AGENT -> {
        line(row.turnId(), "status", null, GUARD_LINE);
        answer(row);
      }
      case TurnRequest.SYSTEM_AUTHOR -> {
        // what a side effect did (written as it committed), or Frontdesk's word to the customer
        if (row.trace()) {
          traces.add(line(row.turnId(), "status", null, row.content()));
        } else {
          line(
              row.turnId(),
              "assistant",
              Notices.text(language, Notice.PAGE_ASSISTANT),
              row.content());
        }
      }
      default -> {
        if (agent.startsWith("human:")) {
          line(row.turnId(), "human", agent.substring(6) + " (Skyline team)", row.content());
        } else if (!CustomerText.internal(row.content())) {
          answer(row);
        }
      }
    }
  }

  /** A turn's answer: the page shows one per turn, its last (what done said). */
  private void answer(TranscriptRow row) {
    Integer earlier = answers.remove(row.turnId());
    if (earlier != null) {
      lines.remove((int) earlier);
      answers.replaceAll((turn, at) -> at > earlier ? at - 1 : at);
    }
    answers.put(row.turnId(), lines.size());
    line(row.turnId(), "assistant", Notices.text(language, Notice.PAGE_ASSISTANT), row.content());
  }

  private void decided(Decision d) {
    String feedback =
        d.feedback() == null || d.feedback().isBlank() ? "" : "“" + d.feedback() + "”";
    line(d.turnId(), "approval", decisionTitle(language, d.decision()), feedback);
  }

  private String status(UUID turnId, String tool) {
    Deque<String> queue = outcomes.get(key(turnId, tool));
    return CustomerText.toolStatus(tool, queue == null ? null : queue.poll());
  }

  private CustomerLine line(UUID turnId, String kind, String title, String content) {
    CustomerLine line = new CustomerLine(turnId, kind, title, CustomerText.visible(content));
    lines.add(line);
    if (!"customer".equals(kind) && !"status".equals(kind)) {
      told.add(turnId);
    }
    return line;
  }

  private static String key(UUID turnId, String tool) {
    return turnId + "/" + tool;
  }
}
