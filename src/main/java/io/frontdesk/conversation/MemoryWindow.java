package io.frontdesk.conversation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Chooses which earlier messages the prompt gets: the newest whole turns that fit the token budget.
 * Cutting on turn boundaries keeps every tool call next to its result.
 */
public final class MemoryWindow {

  private MemoryWindow() {}

  /**
   * @param transcript the conversation's newest messages, oldest first
   * @param budget tokens available for earlier turns
   * @param cut whether older messages were left out, so the oldest turn here may be partial; it is
   *     dropped (it could never fit: a window of whole turns holds fewer messages than were
   *     fetched)
   */
  public static List<StoredMessage> select(
      List<StoredMessage> transcript, int budget, boolean cut) {
    Map<UUID, List<StoredMessage>> turns = new LinkedHashMap<>();
    for (StoredMessage m : transcript) {
      turns.computeIfAbsent(m.turnId(), k -> new ArrayList<>()).add(m);
    }
    if (cut && !turns.isEmpty()) {
      turns.remove(turns.keySet().iterator().next());
    }
    List<List<StoredMessage>> chosen = new ArrayList<>();
    int used = 0;
    List<List<StoredMessage>> newestFirst = new ArrayList<>(turns.values());
    Collections.reverse(newestFirst);
    for (List<StoredMessage> turn : newestFirst) {
      List<StoredMessage> repaired = repair(turn);
      int cost = repaired.stream().mapToInt(StoredMessage::tokens).sum();
      if (used + cost > budget) {
        break;
      }
      used += cost;
      chosen.add(repaired);
    }
    Collections.reverse(chosen);
    return chosen.stream().flatMap(List::stream).toList();
  }

  /**
   * Drops tool calls without results and results without calls (a turn stopped mid-way leaves
   * them), which providers reject.
   */
  static List<StoredMessage> repair(List<StoredMessage> turn) {
    Set<String> answered =
        turn.stream()
            .filter(m -> m.role().equals("tool"))
            .map(StoredMessage::toolCallId)
            .collect(Collectors.toSet());
    Set<String> requested =
        turn.stream()
            .flatMap(m -> m.toolCalls().stream())
            .map(StoredMessage.ToolCallRef::id)
            .filter(answered::contains)
            .collect(Collectors.toSet());
    List<StoredMessage> kept = new ArrayList<>();
    for (StoredMessage m : turn) {
      if (m.role().equals("tool")) {
        if (requested.contains(m.toolCallId())) {
          kept.add(m);
        }
      } else if (m.toolCalls().isEmpty()) {
        if (m.content() != null && !m.content().isBlank()) {
          kept.add(m);
        }
      } else {
        List<StoredMessage.ToolCallRef> calls =
            m.toolCalls().stream().filter(c -> requested.contains(c.id())).toList();
        if (calls.size() == m.toolCalls().size()) {
          // every call answered: the message as stored, with its stored token count
          kept.add(m);
        } else if (!calls.isEmpty() || (m.content() != null && !m.content().isBlank())) {
          kept.add(
              new StoredMessage(m.turnId(), m.role(), m.agent(), m.content(), calls, null, null));
        }
      }
    }
    return kept;
  }
}
