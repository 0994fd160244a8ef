package io.frontdesk.guard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weighted phrase patterns over {@link Tokens}, read once from a rule file. A rule is {@code
 * category weight pattern}; a pattern is a sequence of word slots ({@code word}, {@code prefix*},
 * {@code a|b*|c}, a bracket {@code (a|b c)} whose multi-word alternatives match consecutive words,
 * or a {@code @class} defined as {@code @class = a|b*}; {@code ?} after a slot makes it optional),
 * where {@code ~N} allows up to N other words before the next slot. {@code re:...} rules are Java
 * regexes over the lower-cased text, for markup that has no words. Matched rules combine as a
 * noisy-or of their weights, so one strong pattern or several weak ones make a high score.
 */
final class PhraseRules {

  /**
   * One word slot: single-word alternatives ({@code exact}, {@code prefixes}) and multi-word ones
   * ({@code phrases}, each word exact or a prefix ending in {@code *}), which match consecutive
   * words.
   */
  private record Slot(
      Set<String> exact,
      List<String> prefixes,
      List<String[]> phrases,
      int gapBefore,
      boolean optional) {
    boolean matches(String word) {
      if (exact.contains(word)) {
        return true;
      }
      for (String prefix : prefixes) {
        if (word.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }

    /** Index of the last word of a phrase alternative starting at word {@code i}, or -1. */
    int phraseEnd(String[] phrase, Tokens tokens, int i) {
      if (i + phrase.length > tokens.size()) {
        return -1;
      }
      for (int k = 0; k < phrase.length; k++) {
        if (!wordMatches(phrase[k], tokens.word(i + k))) {
          return -1;
        }
      }
      return i + phrase.length - 1;
    }

    private static boolean wordMatches(String pattern, String word) {
      return pattern.endsWith("*")
          ? word.startsWith(pattern.substring(0, pattern.length() - 1))
          : word.equals(pattern);
    }
  }

  /** A rule; a regex rule runs only when the text contains one of its {@code literals}. */
  private record Rule(
      String category, double weight, Slot[] slots, Pattern regex, List<String> literals) {}

  private final List<Rule> rules;
  private final Map<String, List<Integer>> byFirstWord = new HashMap<>();

  /** Rules whose first slot has a prefix, by the prefix's first {@value #KEY} characters. */
  private final Map<String, List<Integer>> byFirstPrefix = new HashMap<>();

  private static final int KEY = 3;
  private final List<Integer> regexRules = new ArrayList<>();

  private PhraseRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    for (int r = 0; r < rules.size(); r++) {
      Rule rule = rules.get(r);
      if (rule.regex() != null) {
        regexRules.add(r);
        continue;
      }
      Slot first = rule.slots()[0];
      List<String> words = new ArrayList<>(first.exact());
      List<String> prefixes = new ArrayList<>(first.prefixes());
      for (String[] phrase : first.phrases()) {
        if (phrase[0].endsWith("*")) {
          prefixes.add(phrase[0].substring(0, phrase[0].length() - 1));
        } else {
          words.add(phrase[0]);
        }
      }
      for (String word : words) {
        index(byFirstWord, word, r);
      }
      for (String prefix : prefixes) {
        if (prefix.length() < KEY) {
          throw new IllegalArgumentException("prefix shorter than " + KEY + ": " + prefix + "*");
        }
        index(byFirstPrefix, prefix.substring(0, KEY), r);
      }
    }
  }

  /** Every exact word the rules' word slots name (for resolving disguised spellings). */
  List<String> words() {
    return fromSlots(Slot::exact);
  }

  /** The word prefixes of the rules' slots ("instruction" of {@code instruction*}). */
  List<String> prefixes() {
    return fromSlots(Slot::prefixes);
  }

  private List<String> fromSlots(Function<Slot, Collection<String>> part) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    for (Rule rule : rules) {
      if (rule.slots() != null) {
        for (Slot slot : rule.slots()) {
          out.addAll(part.apply(slot));
        }
      }
    }
    return List.copyOf(out);
  }

  private static void index(Map<String, List<Integer>> index, String key, int rule) {
    List<Integer> bucket = index.computeIfAbsent(key, k -> new ArrayList<>());
    if (!bucket.contains(rule)) {
      bucket.add(rule);
    }
  }

  /**
   * The rules of one or more files read as one, so a later file may use an earlier one's classes.
   */
  static PhraseRules load(String... resources) {
    StringBuilder text = new StringBuilder();
    for (String resource : resources) {
      try (InputStream in = PhraseRules.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing guard resource " + resource);
        }
        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return parse(text.toString(), String.join(" + ", resources));
  }

  static PhraseRules parse(String text, String source) {
    Map<String, String> classes = new HashMap<>();
    List<Rule> rules = new ArrayList<>();
    int lineNumber = 0;
    try (BufferedReader reader = new BufferedReader(new java.io.StringReader(text))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("@")) {
          int eq = line.indexOf('=');
          classes.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
          continue;
        }
        String[] parts = line.split("\\s+", 3);
        if (parts.length < 3) {
          throw new IllegalArgumentException(source + ":" + lineNumber + ": " + line);
        }
        double weight = Double.parseDouble(parts[1]);
        if (parts[2].startsWith("re(")) {
          // re(lit|lit):regex - the literals are a cheap test that keeps the regex off most texts
          int close = parts[2].indexOf("):");
          List<String> literals = List.of(parts[2].substring(3, close).split("\\|"));
          Pattern regex = Pattern.compile(parts[2].substring(close + 2));
          rules.add(new Rule(parts[0], weight, null, regex, literals));
        } else if (parts[2].startsWith("re:")) {
          rules.add(
              new Rule(parts[0], weight, null, Pattern.compile(parts[2].substring(3)), List.of()));
        } else {
          rules.add(new Rule(parts[0], weight, slots(parts[2], classes), null, List.of()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PhraseRules(rules);
  }

  private static Slot[] slots(String pattern, Map<String, String> classes) {
    List<Slot> slots = new ArrayList<>();
    int gap = 0;
    for (String part : parts(pattern)) {
      if (part.startsWith("~")) {
        gap = Integer.parseInt(part.substring(1));
        continue;
      }
      boolean optional = part.endsWith("?");
      if (optional) {
        part = part.substring(0, part.length() - 1);
      }
      String alternatives = part.startsWith("@") ? classes.get(part) : part;
      if (alternatives == null) {
        throw new IllegalArgumentException("undefined word class " + part);
      }
      if (alternatives.startsWith("(") && alternatives.endsWith(")")) {
        alternatives = alternatives.substring(1, alternatives.length() - 1);
      }
      if (alternatives.indexOf('(') >= 0 || alternatives.indexOf(')') >= 0) {
        throw new IllegalArgumentException("nested or unbalanced brackets in " + pattern);
      }
      List<String> exact = new ArrayList<>();
      List<String> prefixes = new ArrayList<>();
      List<String[]> phrases = new ArrayList<>();
      for (String alt : alternatives.split("\\|")) {
        // rule words are folded like text words: "don't" is the token "dont"
        String[] words = alt.strip().toLowerCase(Locale.ROOT).replace("'", "").split("\\s+");
        if (words.length > 1) {
          // "(is being|are being)": a multi-word alternative matches consecutive words
          phrases.add(words);
        } else if (words[0].endsWith("*")) {
          prefixes.add(words[0].substring(0, words[0].length() - 1));
        } else {
          exact.add(words[0]);
        }
      }
      slots.add(
          new Slot(Set.copyOf(exact), List.copyOf(prefixes), List.copyOf(phrases), gap, optional));
      gap = 0;
    }
    return slots.toArray(Slot[]::new);
  }

  /**
   * The parts of a pattern: {@code ~N}, a word or {@code a|b*}, a {@code @class}, or a bracket
   * {@code (a|b c)} whose alternatives may hold spaces, each optionally followed by {@code ?}.
   */
  private static List<String> parts(String pattern) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      if (Character.isWhitespace(pattern.charAt(i))) {
        i++;
        continue;
      }
      int end;
      if (pattern.charAt(i) == '(') {
        end = pattern.indexOf(')', i);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed bracket in " + pattern);
        }
        end++;
      } else {
        end = i;
        while (end < n && !Character.isWhitespace(pattern.charAt(end))) {
          end++;
        }
      }
      if (end < n && pattern.charAt(end) == '?') {
        end++;
      }
      parts.add(pattern.substring(i, end));
      i = end;
    }
    return parts;
  }

  /** Every rule that matches, once each (its first match), scored by rule weight. */
  Detection scan(String text, Tokens tokens, String guard) {
    boolean[] seen = new boolean[rules.size()];
    List<GuardFinding> findings = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      List<Integer> candidates = byFirstWord.get(tokens.word(i));
      if (candidates != null) {
        for (int r : candidates) {
          tryRule(r, tokens, i, seen, findings, guard);
        }
      }
      String word = tokens.word(i);
      List<Integer> prefixed =
          word.length() < KEY ? null : byFirstPrefix.get(word.substring(0, KEY));
      if (prefixed != null) {
        for (int r : prefixed) {
          tryRule(r, tokens, i, seen, findings, guard);
        }
      }
    }
    if (!regexRules.isEmpty()) {
      String lower = text.toLowerCase(Locale.ROOT);
      for (int r : regexRules) {
        if (!containsAny(lower, rules.get(r).literals())) {
          continue;
        }
        Matcher m = rules.get(r).regex().matcher(lower);
        if (m.find()) {
          seen[r] = true;
          Rule rule = rules.get(r);
          findings.add(new GuardFinding(guard, rule.category(), rule.weight(), m.start(), m.end()));
        }
      }
    }
    return new Detection(noisyOr(findings), findings);
  }

  private static boolean containsAny(String text, List<String> literals) {
    if (literals.isEmpty()) {
      return true;
    }
    for (String literal : literals) {
      if (text.contains(literal)) {
        return true;
      }
    }
    return false;
  }

  static double noisyOr(List<GuardFinding> findings) {
    double miss = 1.0;
    for (GuardFinding f : findings) {
      miss *= 1.0 - f.score();
    }
    return 1.0 - miss;
  }

  private void tryRule(
      int r, Tokens tokens, int first, boolean[] seen, List<GuardFinding> out, String guard) {
    if (seen[r]) {
      return;
    }
    Rule rule = rules.get(r);
    int end = matchAt(rule.slots(), 0, tokens, first);
    if (end >= 0) {
      seen[r] = true;
      out.add(
          new GuardFinding(
              guard, rule.category(), rule.weight(), tokens.start(first), tokens.end(end)));
    }
  }

  /**
   * Index of the last token of a match of slots[s..] whose slot {@code s} starts at token {@code
   * i}, or -1.
   */
  private static int matchAt(Slot[] slots, int s, Tokens tokens, int i) {
    Slot slot = slots[s];
    if (slot.matches(tokens.word(i))) {
      int end = matchFrom(slots, s + 1, tokens, i, 0);
      if (end >= 0) {
        return end;
      }
    }
    for (String[] phrase : slot.phrases()) {
      int last = slot.phraseEnd(phrase, tokens, i);
      if (last >= 0) {
        int end = matchFrom(slots, s + 1, tokens, last, 0);
        if (end >= 0) {
          return end;
        }
      }
    }
    return -1;
  }

  /**
   * Index of the last token of a match of slots[s..] after token {@code previous}, or -1. A skipped
   * optional slot lends its window to the next slot ({@code extraGap}).
   */
  private static int matchFrom(Slot[] slots, int s, Tokens tokens, int previous, int extraGap) {
    if (s == slots.length) {
      return previous;
    }
    Slot slot = slots[s];
    int last = Math.min(tokens.size() - 1, previous + 1 + slot.gapBefore() + extraGap);
    for (int i = previous + 1; i <= last; i++) {
      int end = matchAt(slots, s, tokens, i);
      if (end >= 0) {
        return end;
      }
    }
    if (slot.optional()) {
      return matchFrom(slots, s + 1, tokens, previous, extraGap + slot.gapBefore() + 1);
    }
    return -1;
  }
}
