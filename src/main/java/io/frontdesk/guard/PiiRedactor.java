package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces personal data and secrets: e-mail addresses, payment handles, phone numbers
 * (libphonenumber), payment cards, IBANs and US social security numbers as written, spaced or
 * masked ({@link AccountNumbers}), IPv4/IPv6 addresses, API keys, tokens and private keys. Each
 * finding has a confidence; those at or above the threshold are replaced by their placeholder
 * ({@code [EMAIL]}, {@code [CARD]}, ...). Patterns are compiled once; thread-safe.
 */
public final class PiiRedactor {

  public static final String GUARD = "pii";

  /** A redacted text and what was replaced in the original. */
  public record Redaction(String text, List<GuardFinding> findings) {
    public Redaction {
      findings = List.copyOf(findings);
    }
  }

  private static final Pattern EMAIL =
      Pattern.compile(
          "(?<![\\w.+%-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![\\w-])");

  /** A payment handle with no domain: {@code name@bank} (a UPI id), never an e-mail address. */
  private static final Pattern HANDLE =
      Pattern.compile(
          "(?<![\\w.+%@-])[A-Za-z0-9][A-Za-z0-9._-]{1,63}@[A-Za-z][A-Za-z0-9]{1,30}(?![\\w@-]|\\.[A-Za-z0-9])");

  /** A Venmo, Cash App or similar tag named as one: "venmo @jane-doe", "cash app $JaneDoe". */
  private static final Pattern TAG =
      Pattern.compile(
          "(?i)\\b(?:venmo|cash ?app|cashtag|revolut|revtag|paypal(?:\\.me)?|zelle)\\b[^\\n@$]{0,20}?"
              + "(?:[:/]\\s*)?([@$][A-Za-z0-9][A-Za-z0-9._-]{0,28}[A-Za-z0-9])(?![\\w@])");

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
              + "(?![\\w]|\\.\\d|/\\d)");

  private static final Pattern IPV6 =
      Pattern.compile("(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])");

  /** Conversation, turn and ticket ids: their digit groups are never a phone number or a card. */
  private static final Pattern UUID =
      Pattern.compile(
          "(?i)(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])");

  private static final int WINDOW_PAD = 40;
  private static final int DIGIT_GAP = 4;
  private static final int MIN_DIGITS = 4;

  /** Everything found, overlaps resolved (the higher-priority entity wins), in text order. */
  public List<GuardFinding> find(String text) {
    List<GuardFinding> all = new ArrayList<>();
    Secrets.find(text, all);
    // every other entity has an '@' or a digit: run the regexes only in windows around those
    for (int[] w : windows(text, '@', '@', 128, 256)) {
      add(all, within(EMAIL, text, w), PiiEntity.EMAIL, 0.95);
      add(all, within(HANDLE, text, w), PiiEntity.HANDLE, 0.8);
    }
    if (text.indexOf('@') >= 0 || text.indexOf('$') >= 0) {
      Matcher tags = TAG.matcher(text);
      while (tags.find()) {
        all.add(finding(PiiEntity.HANDLE, 0.85, tags.start(1), tags.end(1)));
      }
    }
    List<int[]> digits = digitWindows(text);
    if (digits.isEmpty()) {
      return resolveOverlaps(all);
    }
    List<int[]> notPii = new ArrayList<>();
    Matcher uuids = UUID.matcher(text);
    while (uuids.find()) {
      notPii.add(new int[] {uuids.start(), uuids.end()});
    }
    for (int[] w : digits) {
      AccountNumbers.find(text, w, all, notPii);
      addresses(text, w, all);
      phones(text, w, all);
    }
    all.removeIf(f -> notPii.stream().anyMatch(span -> f.start() < span[1] && span[0] < f.end()));
    return resolveOverlaps(all);
  }

  /** IPv4 and (valid) IPv6 addresses in one window. */
  private static void addresses(String text, int[] w, List<GuardFinding> all) {
    add(all, within(IPV4, text, w), PiiEntity.IP, 0.9);
    Matcher m = within(IPV6, text, w);
    while (m.find()) {
      if (validIpv6(m.group())) {
        all.add(finding(PiiEntity.IP, 0.9, m.start(), m.end()));
      }
    }
  }

  /** Phone numbers in one window, found and scored by {@link PhoneNumbers}. */
  private static void phones(String text, int[] w, List<GuardFinding> all) {
    for (PhoneNumbers.Found p : PhoneNumbers.find(text, w[0], w[1])) {
      all.add(finding(PiiEntity.PHONE, p.score(), p.start(), p.end()));
    }
  }

  /** Replaces every finding scoring at least {@code threshold} with its placeholder. */
  public Redaction redact(String text, double threshold) {
    return redact(text, threshold, java.util.Set.of());
  }

  /**
   * As {@link #redact(String, double)}, except the e-mail addresses and phone numbers in {@code
   * allowed} (compared as {@link #contactKey}): the reader's own, the company's.
   */
  public Redaction redact(String text, double threshold, java.util.Set<String> allowed) {
    List<GuardFinding> kept = new ArrayList<>();
    for (GuardFinding f : find(text)) {
      if (f.score() >= threshold && !allowed(text, f, allowed)) {
        kept.add(f);
      }
    }
    if (kept.isEmpty()) {
      return new Redaction(text, kept);
    }
    StringBuilder out = new StringBuilder(text.length());
    int cursor = 0;
    for (GuardFinding f : kept) {
      out.append(text, cursor, f.start()).append(PiiEntity.valueOf(f.category()).placeholder());
      cursor = f.end();
    }
    out.append(text, cursor, text.length());
    return new Redaction(out.toString(), kept);
  }

  /** Whether a finding is an e-mail or phone in {@code allowed}. */
  public static boolean allowed(String text, GuardFinding f, java.util.Set<String> allowed) {
    if (allowed.isEmpty()) {
      return false;
    }
    String value = text.substring(f.start(), f.end());
    return (f.category().equals(PiiEntity.EMAIL.name())
            || f.category().equals(PiiEntity.PHONE.name()))
        && allowed.contains(contactKey(value));
  }

  /**
   * How contact values compare: an e-mail address lower-cased, a phone number by its digits (so "+1
   * (415) 555-0132" is "+1 415 555 0132"); a value with neither is kept as written.
   */
  public static String contactKey(String value) {
    String v = value.strip();
    if (v.contains("@")) {
      return v.toLowerCase(java.util.Locale.ROOT);
    }
    String digits = v.replaceAll("\\D", "");
    return digits.isEmpty() ? v : digits;
  }

  static void add(List<GuardFinding> out, Matcher m, PiiEntity entity, double score) {
    while (m.find()) {
      out.add(finding(entity, score, m.start(), m.end()));
    }
  }

  /** A matcher limited to a window, still seeing the text around it for look-arounds. */
  private static Matcher within(Pattern pattern, String text, int[] window) {
    return AccountNumbers.within(pattern, text, window);
  }

  /**
   * Merged windows reaching {@code before} characters before and {@code after} characters after
   * every character between {@code low} and {@code high}.
   */
  private static List<int[]> windows(String text, char low, char high, int before, int after) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int[] current = null;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < low || c > high) {
        continue;
      }
      int from = Math.max(0, i - before);
      int to = Math.min(n, i + 1 + after);
      if (current != null && from <= current[1]) {
        current[1] = to;
      } else {
        current = new int[] {from, to};
        out.add(current);
      }
    }
    return out;
  }

  /**
   * Windows around runs of digits (digits at most {@value #DIGIT_GAP} characters apart) holding at
   * least {@value #MIN_DIGITS} digits: every numeric entity has that many, and skipping "2", "10"
   * or "2048" keeps the regexes off most of a long answer.
   */
  private static List<int[]> digitWindows(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int runStart = -1;
    int runEnd = -1;
    int digits = 0;
    for (int i = 0; i <= n; i++) {
      boolean digit = i < n && Character.isDigit(text.charAt(i));
      if (digit && runStart >= 0 && i - runEnd <= DIGIT_GAP) {
        runEnd = i + 1;
        digits++;
        continue;
      }
      if (runStart >= 0 && (digit || i == n) && digits >= MIN_DIGITS) {
        int from = Math.max(0, runStart - WINDOW_PAD);
        int to = Math.min(n, runEnd + WINDOW_PAD);
        if (!out.isEmpty() && from <= out.get(out.size() - 1)[1]) {
          out.get(out.size() - 1)[1] = to;
        } else {
          out.add(new int[] {from, to});
        }
      }
      if (digit) {
        runStart = i;
        runEnd = i + 1;
        digits = 1;
      }
    }
    return out;
  }

  static GuardFinding finding(PiiEntity entity, double score, int start, int end) {
    return new GuardFinding(GUARD, entity.name(), score, start, end);
  }

  private static List<GuardFinding> resolveOverlaps(List<GuardFinding> all) {
    all.sort(
        Comparator.comparingInt((GuardFinding f) -> PiiEntity.valueOf(f.category()).ordinal())
            .thenComparingInt(f -> f.start() - f.end()));
    List<GuardFinding> kept = new ArrayList<>();
    for (GuardFinding f : all) {
      boolean overlaps = false;
      for (GuardFinding k : kept) {
        if (f.start() < k.end() && k.start() < f.end()) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingInt(GuardFinding::start));
    return kept;
  }

  private static boolean validIpv6(String candidate) {
    String lower = candidate.toLowerCase(Locale.ROOT);
    int compressed = lower.indexOf("::");
    if (compressed >= 0 && lower.indexOf("::", compressed + 1) >= 0) {
      return false;
    }
    String[] groups = lower.split(":", -1);
    int nonEmpty = 0;
    boolean letter = false;
    for (String g : groups) {
      if (g.length() > 4) {
        return false;
      }
      if (!g.isEmpty()) {
        nonEmpty++;
      }
      for (int i = 0; i < g.length(); i++) {
        letter |= g.charAt(i) >= 'a';
      }
    }
    // "12:30:45" is a time, not an address: demand the full form or a "::" with hex letters
    return compressed < 0 ? groups.length == 8 && nonEmpty == 8 : nonEmpty >= 2 && letter;
  }
}
