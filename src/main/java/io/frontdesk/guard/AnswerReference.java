package io.frontdesk.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether answer-steering words in retrieved text ("add … to your reply", "do not tell the user")
 * are an instruction to the assistant about the answer it is writing, or how-to text for a person
 * about their own replies and messages ("To add a signature to your replies, open Settings"). Read
 * mostly from the sentence's grammar, not its topic: an instruction to the assistant is an
 * imperative about one answer, so the words are the reader's own when the noun is plural ("your
 * replies"), when the clause has a subject, a modal or a subordinator before them or is a purpose
 * clause ("you can add", "Gmail adds", "if you want", "to add …,"), when they belong to the subject
 * of a statement ("The link in your answer is broken", "In your reply, the quoted text is hidden"),
 * or when the sentence tells a person what to click, press or indent (a {@code reader} cue of
 * tool-output-rules.txt). One cue comes from the surroundings: in a thread or help page whose other
 * paragraphs talk about the reader's own replies ("How do I stop Gmail grouping my replies?"),
 * "Start your reply with …" is advice to that reader ({@link #aboutReadersMessages}).
 */
final class AnswerReference {

  /**
   * The rule category of cues that a sentence tells a person what to click or press
   * (tool-output-rules.txt "reader"); they weigh nothing themselves.
   */
  static final String READER = "reader";

  /**
   * Prefix of the category of answer-steering words about the reader's own replies: "reader_answer"
   * for an "answer" rule, and so on.
   */
  static final String READERS_OWN = "reader_";

  /** The share of its weight an answer-steering finding about the reader's own replies keeps. */
  static final double READERS_WEIGHT = ToolOutputGuard.UNCORROBORATED;

  /** The answer nouns of tool-output-rules.txt and injection-rules.txt ({@code @answer}). */
  private static final Set<String> ANSWER_NOUNS =
      words("answer response reply message output completion");

  /**
   * The nouns of a person's own written messages (not "output" or "completion"), singular and
   * plural.
   */
  private static final Set<String> PERSONAL =
      words("answer answers response responses reply replies message messages");

  /**
   * What else, named as the reader's own, says that a text is about their mail and posts: "my
   * emails", "your inbox" (plurals only where the singular also modifies another noun, as in "your
   * email address").
   */
  private static final Set<String> NAMING =
      words(
          "answer answers response responses reply replies message messages emails mails inbox"
              + " posts comments tweets chats conversations threads drafts");

  /**
   * The rule categories the surroundings can make the reader's: steering of what an answer says,
   * not the evasion, override or persona patterns ("Spell your reply backwards" is no advice to a
   * person about their mail, whatever the thread is about).
   */
  private static final Set<String> SOFT = Set.of(ToolOutputGuard.ANSWER, "payload", "addressee");

  /** Possessives of the person a help text talks to or the one who asks in a thread. */
  private static final Set<String> OWNERS = words("your my our");

  /**
   * The same persons as subjects, "you reply", "how do I answer": opening the sentence, after a
   * word that opens a clause or an auxiliary of a question ("tell you whether the message arrived"
   * has "you" as an object).
   */
  private static final Set<String> PERSONS = words("you i we");

  private static final Set<String> OPENERS =
      words(
          "when while if once before after as and but or so because until unless whenever since"
              + " then that do does did can could should would will may might");

  /** Rule categories of a sentence that steers an answer or addresses the assistant itself. */
  private static final Set<String> STEERING = Set.of("address", ToolOutputGuard.ANSWER, "action");

  private static final Set<String> PLURALS =
      words("answers responses replies messages outputs completions");

  /**
   * Words that, before the steering words in their clause, make it something other than an
   * imperative: a modal or auxiliary of ability or tense, a subordinator or a question word ("must"
   * and "should" give orders themselves).
   */
  private static final Set<String> NOT_IMPERATIVE =
      words(
          "can could may might will would does did is are was were am been has had cant wont"
              + " doesnt didnt isnt arent youll youre youve youd ill im ive weve theyre if when"
              + " whenever once unless because since while whether how what why where which who");

  /** A subject pronoun opening the clause: "You can …", "It adds …". */
  private static final Set<String> PRONOUNS = words("i you we they he she it one u there");

  /** After the pronoun, an order all the same: "You must add …", "you have to include …". */
  private static final Set<String> DEONTIC = words("must should shall need needs have ought");

  /** Words that open a statement: a subject after "In your reply,". */
  private static final Set<String> SUBJECT =
      words(
          "the a an this that these those it its there you i we they he she my our their his her"
              + " each every any all some no youll youre ill im theres");

  /** A finite verb after "the link in your answer": the phrase belongs to the subject. */
  private static final Set<String> FINITE =
      words(
          "is are was were will can could may might would does did has had isnt arent wasnt"
              + " werent wont cant doesnt didnt");

  private static final Set<String> PREPOSITIONS = words("in into within throughout at to");

  private AnswerReference() {}

  private static Set<String> words(String list) {
    return Set.of(list.split(" "));
  }

  /**
   * The sentence's findings (offsets into the sentence), each answer-steering one about the
   * reader's own replies turned into {@code reader_<category>} at {@link #READERS_WEIGHT} of its
   * weight, so that it no longer says that the sentence talks to the assistant. With a {@code
   * reader} cue a task request ({@code task}) is the reader's too ("Write your answer in the box
   * below and click Post"): a task planted for the assistant never needs a click. With {@code
   * readersMessages} (the rest of the text talks about the reader's own replies) "your reply" and
   * "your message" in the answer-steering and payload rules are the reader's wherever they occur.
   */
  static List<GuardFinding> mark(
      String sentence, Tokens tokens, List<GuardFinding> findings, boolean readersMessages) {
    boolean readerCue = false;
    for (GuardFinding f : findings) {
      if (f.category().equals(READER) && !quoted(sentence, f.start())) {
        // "… telling readers to click www…" relays the click: it is not the sentence's own
        int at = firstWord(tokens, f);
        readerCue |= at == 0 || at >= tokens.size() || !tokens.word(at - 1).equals("to");
      }
    }
    List<GuardFinding> out = new ArrayList<>(findings.size());
    for (GuardFinding f : findings) {
      int first = firstWord(tokens, f);
      int last = first;
      while (last + 1 < tokens.size() && tokens.start(last + 1) < f.end()) {
        last++;
      }
      boolean readers =
          f.category().equals(ToolOutputGuard.REQUEST) && readerCue
              || first < tokens.size()
                  && isAbout(f.category(), tokens, first, last)
                  && (readersOwn(sentence, tokens, first, last, readerCue)
                      || readersMessages
                          && SOFT.contains(f.category())
                          && personal(tokens, first, last));
      out.add(
          readers
              ? new GuardFinding(
                  f.guard(),
                  READERS_OWN + f.category(),
                  f.score() * READERS_WEIGHT,
                  f.start(),
                  f.end())
              : f);
    }
    return out;
  }

  /**
   * Whether each segment's surroundings are about the reader's own replies and messages: whether
   * another paragraph names them, or the reader's mail and posts, as the reader's or the writer's
   * ("How do I stop Gmail grouping my replies?", "While you write a reply", "my emails") in a
   * sentence that does not itself steer an answer. In such a thread or help page "Start your reply
   * with …" further down is advice to the reader; a payload planted in an article about something
   * else has no such surroundings (the project's articles never say "your reply"), and its own
   * paragraph never counts.
   */
  static boolean[] aboutReadersMessages(
      String text, List<Segment> segments, List<Tokens> tokens, List<List<GuardFinding>> raw) {
    int[] paragraph = TopicOverlap.paragraphs(text, segments);
    int n = segments.size();
    int paragraphs = n == 0 ? 0 : paragraph[n - 1] + 1;
    boolean[] names = new boolean[paragraphs];
    for (int i = 0; i < n; i++) {
      Segment s = segments.get(i);
      Tokens t = tokens.get(i);
      if (s.code()
          || names[paragraph[i]]
          || steers(mark(text.substring(s.start(), s.end()), t, raw.get(i), false))) {
        continue;
      }
      for (int w = 1; w < t.size() && !names[paragraph[i]]; w++) {
        names[paragraph[i]] = NAMING.contains(t.word(w)) && ownedByReader(t, w);
      }
    }
    int naming = 0;
    for (boolean b : names) {
      naming += b ? 1 : 0;
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = naming - (names[paragraph[i]] ? 1 : 0) > 0;
    }
    return out;
  }

  /**
   * Whether the message noun at word {@code w} is the reader's or the writer's own: "your reply",
   * "my own answers", "you write a public reply", "I posted an answer" ("a first reply within 24
   * hours" in an article about support plans is not).
   */
  private static boolean ownedByReader(Tokens t, int w) {
    for (int k = Math.max(0, w - 4); k < w; k++) {
      if (OWNERS.contains(t.word(k)) && k >= w - 2
          || PERSONS.contains(t.word(k)) && (k == 0 || OPENERS.contains(t.word(k - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a sentence's findings steer an answer or talk to the assistant itself. */
  private static boolean steers(List<GuardFinding> findings) {
    for (GuardFinding f : findings) {
      if (STEERING.contains(f.category())) {
        return true;
      }
    }
    return false;
  }

  /** Whether words first..last say "your reply" (or answer, response, message). */
  private static boolean personal(Tokens tokens, int first, int last) {
    int noun = answerNoun(tokens, first, last);
    return noun >= 0 && PERSONAL.contains(tokens.word(noun));
  }

  /** The index of the first word of a finding. */
  private static int firstWord(Tokens tokens, GuardFinding f) {
    int first = 0;
    while (first < tokens.size() && tokens.end(first) <= f.start()) {
      first++;
    }
    return first;
  }

  /**
   * Several answer-steering rules often match the same words about the reader's own replies ("add a
   * signature to your replies" is both "add … your reply" and "to your reply"): one piece of
   * evidence, so only the strongest counts.
   */
  static void keepStrongest(List<GuardFinding> own) {
    GuardFinding strongest = null;
    for (GuardFinding f : own) {
      if (f.category().startsWith(READERS_OWN)
          && (strongest == null || f.score() > strongest.score())) {
        strongest = f;
      }
    }
    GuardFinding keep = strongest;
    own.removeIf(f -> f.category().startsWith(READERS_OWN) && f != keep);
  }

  /** Whether a finding is about an answer: any answer-steering rule, or a "your reply" in it. */
  private static boolean isAbout(String category, Tokens tokens, int first, int last) {
    return category.equals(ToolOutputGuard.ANSWER) || answerNoun(tokens, first, last) >= 0;
  }

  /**
   * Whether the finding spanning words {@code first..last} of the sentence is about the reader's
   * own replies rather than the assistant's answer; {@code readerCue} says the sentence tells a
   * person what to click or press.
   */
  private static boolean readersOwn(
      String sentence, Tokens tokens, int first, int last, boolean readerCue) {
    int noun = answerNoun(tokens, first, last);
    if (noun >= 0 && (readerCue || plural(sentence, tokens, noun))) {
      return true;
    }
    int clause = clauseStart(sentence, tokens, first);
    if (clause < first && tokens.word(clause).equals("to")) {
      return true; // "To add a signature to your reply, open …": a purpose clause
    }
    if (clause < first
        && PRONOUNS.contains(tokens.word(clause))
        && !(clause + 1 < first && DEONTIC.contains(tokens.word(clause + 1)))) {
      return true; // "You can add …": a statement with a subject
    }
    for (int i = clause; i < first; i++) {
      if (NOT_IMPERATIVE.contains(tokens.word(i)) && !quoted(sentence, tokens.start(i))) {
        return true;
      }
    }
    if (clause < first
        && SUBJECT.contains(tokens.word(clause))
        && PREPOSITIONS.contains(tokens.word(first))
        && noun == last
        && last + 1 < tokens.size()
        && FINITE.contains(tokens.word(last + 1))
        && !(last + 2 < tokens.size() && tokens.word(last + 2).equals("to"))) {
      return true; // "The link in your answer is broken": the phrase is part of the subject
    }
    // "In your reply, the quoted text is hidden …": the phrase opens a statement, not an order
    return clause == first
        && noun == last
        && PREPOSITIONS.contains(tokens.word(first))
        && last + 1 < tokens.size()
        && SUBJECT.contains(tokens.word(last + 1));
  }

  /**
   * Whether a character is inside a double-quoted string of the sentence: quoted words are the
   * material a sentence is about ("Add \"you can win\" to your reply"), not its grammar.
   */
  static boolean quoted(String sentence, int at) {
    boolean inside = false;
    for (int c = 0; c < at; c++) {
      char ch = sentence.charAt(c);
      if (ch == '"') {
        inside = !inside;
      } else if (ch == '“') {
        inside = true;
      } else if (ch == '”') {
        inside = false;
      }
    }
    return inside;
  }

  /** The word index of the answer noun after "your" in words first..last, or -1. */
  private static int answerNoun(Tokens tokens, int first, int last) {
    for (int i = first; i < last; i++) {
      if (tokens.word(i).equals("your")) {
        for (int j = i + 1; j <= Math.min(last, i + 2); j++) {
          String word = tokens.word(j);
          if (ANSWER_NOUNS.contains(word) || PLURALS.contains(word)) {
            return j;
          }
        }
      }
    }
    return -1;
  }

  /** "your replies", not "your response's words" (the token folds the apostrophe away). */
  private static boolean plural(String sentence, Tokens tokens, int i) {
    String raw = sentence.substring(tokens.start(i), tokens.end(i));
    return PLURALS.contains(tokens.word(i)) && raw.indexOf('\'') < 0 && raw.indexOf('’') < 0;
  }

  /** The first word of the clause holding word {@code i}: after , ; : ( ) dashes or a newline. */
  private static int clauseStart(String sentence, Tokens tokens, int i) {
    int k = i;
    while (k > 0 && !boundary(sentence, tokens.end(k - 1), tokens.start(k))) {
      k--;
    }
    return k;
  }

  private static boolean boundary(String sentence, int from, int to) {
    for (int c = from; c < to; c++) {
      switch (sentence.charAt(c)) {
        case ',', ';', ':', '(', ')', '—', '–', '\n' -> {
          return true;
        }
        default -> {}
      }
    }
    return false;
  }
}
