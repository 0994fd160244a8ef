package io.frontdesk.agent.routing.eval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * A harder long-message set, derived by us (issue 27): each StackFAQ user query embedded in
 * customer chatter drawn (seeded, so the set is the same on every run) from sentences written for
 * this evaluation — greetings, context, frustration, thanks, unrelated details and mentions of
 * other threads' subjects — to 40–120 words; StackFAQ's threads split into one article per answer
 * (hundreds of articles). The data stays in the evaluation folder; only this recipe is ours.
 */
final class ChattyMessages {

  static final long SEED = 27;
  static final int MIN_WORDS = 40;
  static final int MAX_WORDS = 120;

  private static final List<String> GREETINGS =
      List.of(
          "Hi there,",
          "Hello, hope you are well.",
          "Good morning team.",
          "Hey, quick one for you (well, maybe not that quick).",
          "Hi, I'm writing on behalf of our small team.",
          "Good afternoon, thanks for reading this.",
          "Hello support, it's me again.",
          "Hi all, sorry to bother you on a Friday.");
  private static final List<String> CONTEXT =
      List.of(
          "I've been working on a side project for a few weeks now and mostly it goes fine.",
          "We are a team of four and I'm the one who ends up dealing with the tooling.",
          "I'm fairly new to all of this, so please bear with me if this is obvious.",
          "My manager asked me to sort this out before the end of the week.",
          "I tried searching for a while but the answers I found were from years ago.",
          "Our setup is nothing special, just a laptop and the usual tools everyone uses.",
          "I spent most of yesterday evening on this and got nowhere.",
          "A colleague said he had the same thing once but he can't remember what he did.",
          "This is for a client demo, so it matters more than it normally would.",
          "I read the documentation twice and I still don't get it.",
          "I switched to a new machine last month and since then small things keep coming up.",
          "We migrated an older project recently and I am cleaning up after it.");
  private static final List<String> FRUSTRATION =
      List.of(
          "Honestly it's driving me a bit crazy.",
          "I feel like I'm missing something really simple here.",
          "It shouldn't be this hard, should it?",
          "I've restarted everything twice already, no change.",
          "Any pointer would be a huge help at this point.",
          "I'm starting to run out of ideas, to be honest.",
          "Sorry if this has been asked a hundred times.");
  private static final List<String> DETAILS =
      List.of(
          "Also, unrelated, the weather here has been awful all week.",
          "By the way my coffee machine broke this morning, so the day started badly.",
          "We also have a team offsite next month, which is why I want this done.",
          "On another note, the office internet was down for an hour today.",
          "My cat walked over the keyboard twice while I was writing this.",
          "I'm writing from the train, so excuse any typos.",
          "Our billing contact changed last week too, but that's a separate story.");
  // {} is filled with two words of another thread's subject: words that mislead a keyword search
  private static final List<String> OTHER_TOPIC =
      List.of(
          "Last week I also had some trouble with {}, but that sorted itself out.",
          "A friend said it might have to do with {}, not sure it's related.",
          "Earlier today I was fiddling with {} as well, which is fine now.",
          "(My other question, about {}, can wait.)");
  private static final List<String> THANKS =
      List.of(
          "Thanks a lot in advance!",
          "Many thanks, and have a nice day.",
          "Cheers, and thanks for any help.",
          "Thank you so much for your time.",
          "Looking forward to your reply.",
          "Thanks!! Best regards, Sam");

  /** One derived message: its id (chatty-<n>, n the query's line), its gold thread, its text. */
  record Message(String id, String goldThread, String text) {

    /** Even CRC-32 of the gold thread: tuning half; odd: held out (whole threads on one side). */
    boolean tuning() {
      CRC32 crc = new CRC32();
      crc.update(goldThread.getBytes(StandardCharsets.UTF_8));
      return crc.getValue() % 2 == 0;
    }

    LongMessages.Message asLong(Set<String> goldArticles) {
      return new LongMessages.Message(id, goldArticles, text);
    }
  }

  private ChattyMessages() {}

  /**
   * The messages, one per query, in the queries' order; {@code subjects} are the threads' titles
   * (one is picked, never the query's own, for a mention of another topic).
   */
  static List<Message> build(
      List<EvalSets.Query> queries, List<EvalSets.FaqDocument> threads, long seed) {
    Random random = new Random(seed);
    List<Message> out = new ArrayList<>();
    for (EvalSets.Query q : queries) {
      out.add(new Message("chatty-" + (out.size() + 1), q.gold(), compose(q, threads, random)));
    }
    return out;
  }

  private static String compose(
      EvalSets.Query q, List<EvalSets.FaqDocument> threads, Random random) {
    List<String> before = new ArrayList<>();
    List<String> after = new ArrayList<>();
    if (random.nextInt(10) < 8) {
      before.add(pick(GREETINGS, random));
    }
    before.add(pick(CONTEXT, random));
    if (random.nextInt(10) < 4) {
      before.add(otherTopic(q, threads, random));
    }
    String question = q.text().strip();
    String[] pool = {"context", "context", "detail", "frustration", "frustration", "other"};
    while (words(before) + words(after) + count(question) < MIN_WORDS + random.nextInt(30)) {
      String kind = pool[random.nextInt(pool.length)];
      String s =
          switch (kind) {
            case "context" -> pick(CONTEXT, random);
            case "detail" -> pick(DETAILS, random);
            case "frustration" -> pick(FRUSTRATION, random);
            default -> otherTopic(q, threads, random);
          };
      List<String> side = random.nextBoolean() ? before : after;
      if (!before.contains(s) && !after.contains(s)) {
        side.add(s);
      }
    }
    after.add(pick(THANKS, random));
    List<String> all = new ArrayList<>(before);
    all.add(question);
    all.addAll(after);
    while (words(all) > MAX_WORDS && all.size() > 2) {
      // drop chatter, never the question, until the message is short enough
      all.remove(all.indexOf(question) == 0 ? 1 : 0);
    }
    return String.join(" ", all);
  }

  private static String otherTopic(
      EvalSets.Query q, List<EvalSets.FaqDocument> threads, Random random) {
    EvalSets.FaqDocument other;
    do {
      other = threads.get(random.nextInt(threads.size()));
    } while (other.id().equals(q.gold()));
    List<String> words = new ArrayList<>();
    for (String w : other.question().split("[^A-Za-z0-9#+-]+")) {
      if (w.length() >= 4 && !words.contains(w.toLowerCase(java.util.Locale.ROOT))) {
        words.add(w.toLowerCase(java.util.Locale.ROOT));
      }
    }
    if (words.isEmpty()) {
      return pick(DETAILS, random);
    }
    String first = words.get(random.nextInt(words.size()));
    String second = words.get(random.nextInt(words.size()));
    return pick(OTHER_TOPIC, random)
        .replace("{}", first.equals(second) ? first : first + " and " + second);
  }

  private static String pick(List<String> pool, Random random) {
    return pool.get(random.nextInt(pool.size()));
  }

  private static int words(List<String> sentences) {
    return sentences.stream().mapToInt(ChattyMessages::count).sum();
  }

  static int count(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }
}
