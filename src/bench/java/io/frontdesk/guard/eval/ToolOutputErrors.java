package io.frontdesk.guard.eval;

import io.frontdesk.guard.GuardFinding;
import io.frontdesk.guard.ToolOutputGuard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tool-output guard's tuning aid: BIPIA train payloads it misses, and on the DEV half of the
 * StackFAQ threads (plus the project's own articles) every sentence it removes and every one that
 * comes close, with the rules that fired (and on our own how-to check set). BIPIA test and the
 * held-out StackFAQ half are never printed. Run by {@code bin/train-guards --tool-output [--hits]}.
 */
public final class ToolOutputErrors {

  /** Sentences scoring at least this share of the threshold are printed as near misses. */
  private static final double NEAR = 0.5;

  private ToolOutputErrors() {}

  public static void main(String[] args) {
    EvalData data = new EvalData(Path.of(args.length > 0 ? args[0] : "../shared/eval"));
    double threshold = 0.5;
    boolean hits = args.length > 1 && args[1].equals("--hits");
    ToolOutputGuard guard = new ToolOutputGuard();
    List<String> articles = List.copyOf(EvalData.demoArticles().values());
    int n = 0;
    int caught = 0;
    for (String part : List.of("text_attack_train", "code_attack_train")) {
      for (EvalData.Example e : data.bipia(part)) {
        String poisoned =
            ToolOutputEmbedding.embed(articles.get(n % articles.size()), e.text(), n++);
        ToolOutputGuard.Screened s = guard.neutralise(poisoned, threshold);
        if (!s.text().contains(e.text().strip())) {
          caught++;
          if (hits) {
            // what removed it: the rules of every scored sentence inside the payload
            int at = poisoned.indexOf(e.text().strip());
            int end = at + e.text().strip().length();
            String rules =
                guard.score(poisoned).stream()
                    .filter(x -> x.start() >= at && x.end() <= end && x.score() > 0)
                    .map(x -> String.format("%.2f%s", x.score(), categories(x)))
                    .collect(Collectors.joining(" "));
            System.out.printf("HIT %s | %s%n", rules, GuardErrors.clip(e.text()));
          }
        } else {
          System.out.printf(
              "MISS %.2f %s | %s%n", s.score(), e.source(), GuardErrors.clip(e.text()));
        }
      }
    }
    System.out.printf("== BIPIA train payloads removed %d/%d%n%n", caught, n);

    List<String> clean = new ArrayList<>(articles);
    data.stackFaqAnswers().stream().filter(t -> Split.of(t) == Split.DEV).forEach(clean::add);
    clean(guard, threshold, "DEV clean texts (articles + StackFAQ DEV half)", clean);
    clean(guard, threshold, "our how-to check set", EvalData.toolOutputHowTo());
    clean(guard, threshold, "our help threads check set", EvalData.toolOutputThreads());
  }

  /** Every sentence of clean texts that is removed or comes close, and the totals. */
  private static void clean(
      ToolOutputGuard guard, double threshold, String name, List<String> texts) {
    int altered = 0;
    int sentences = 0;
    int removed = 0;
    for (String text : texts) {
      ToolOutputGuard.Screened s = guard.neutralise(text, threshold);
      altered += s.findings().isEmpty() ? 0 : 1;
      sentences += text.split("(?<=[.!?])\\s+|\\n+").length;
      for (GuardFinding f : s.findings()) {
        removed += text.substring(f.start(), f.end()).split("(?<=[.!?])\\s+|\\n+").length;
      }
      // near misses too: how close the clean text comes to being cut
      for (ToolOutputGuard.Scored sentence : guard.score(text)) {
        if (sentence.score() >= threshold * NEAR) {
          System.out.printf(
              "%s %.2f %s | %s%n",
              sentence.score() >= threshold ? "FP  " : "NEAR",
              sentence.score(),
              categories(sentence),
              GuardErrors.clip(text.substring(sentence.start(), sentence.end())));
        }
      }
    }
    System.out.printf(
        "== %s altered %d/%d, sentences removed %d/%d%n%n",
        name, altered, texts.size(), removed, sentences);
  }

  private static String categories(ToolOutputGuard.Scored sentence) {
    return sentence.findings().stream()
        .map(f -> f.category() + ":" + f.score())
        .collect(Collectors.joining(",", "[", "]"));
  }
}
