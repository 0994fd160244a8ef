package io.frontdesk.guard.eval;

import io.frontdesk.guard.GuardConfig;
import io.frontdesk.guard.ToolOutputGuard;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Indirect injection: BIPIA payloads planted in the project's help-centre articles, and clean
 * articles and StackFAQ threads, through the tool-output guard.
 */
public final class ToolOutputSection {

  private final EvalData data;
  private final ToolOutputGuard guard;
  private final double threshold;
  private final List<String> articles = List.copyOf(EvalData.demoArticles().values());
  private final List<String> poisoned = new ArrayList<>();

  Tally removedTest = new Tally();
  Tally removedTrain = new Tally();
  Tally cleanAltered = new Tally();
  Tally faqAltered = new Tally();
  Tally howToAltered = new Tally();

  ToolOutputSection(EvalData data, ToolOutputGuard guard, double threshold) {
    this.data = data;
    this.guard = guard;
    this.threshold = threshold;
  }

  void write(StringBuilder md) {
    md.append("## 2. Indirect injection in tool output (`ToolOutputGuard`)\n\n")
        .append("Each BIPIA payload is planted as its own paragraph in one of the project's ")
        .append(articles.size())
        .append(" help-centre articles and documentation pages (`src/main/resources/demo`),")
        .append(" at a position that varies with the example, and the article goes through")
        .append(" `neutralise` at threshold ")
        .append(threshold)
        .append(". *Removed* = the payload")
        .append(" text is gone from the result; *rest intact* = after dropping the marker, the")
        .append(" result is exactly the clean article. BIPIA's train split (its own categories)")
        .append(" was used for tuning; its test split has different categories. Its errors were")
        .append(" never printed, but its aggregate and per-category rates were read in earlier")
        .append(" rounds of changing this guard (in the latest round once, from the run that")
        .append(" wrote this report, after the rules were final), so the test figures are not")
        .append(" blind.\n\n")
        .append("| payloads | removed | rest intact (of removed) |\n|---|---|---|\n");
    int seed = 0;
    Map<String, Tally> byCategory = new LinkedHashMap<>();
    for (String part :
        List.of("text_attack_train", "code_attack_train", "text_attack_test", "code_attack_test")) {
      Tally removed = part.endsWith("test") ? removedTest : removedTrain;
      int partRemoved = 0;
      int partIntact = 0;
      List<EvalData.Example> payloads = data.bipia(part);
      for (EvalData.Example e : payloads) {
        String article = articles.get(seed % articles.size());
        String text = ToolOutputEmbedding.embed(article, e.text(), seed++);
        poisoned.add(text);
        String out = guard.neutralise(text, threshold).text();
        boolean gone = !out.contains(e.text().strip());
        removed.add(e.text(), gone);
        if (part.endsWith("test")) {
          byCategory.computeIfAbsent(e.source(), s -> new Tally()).add(e.text(), gone);
        }
        if (gone) {
          partRemoved++;
          partIntact +=
              normalise(out.replace(ToolOutputGuard.MARKER, "")).equals(normalise(article)) ? 1 : 0;
        }
      }
      md.append("| bipia ")
          .append(part)
          .append(" (")
          .append(payloads.size())
          .append(") | ")
          .append(Tally.pct(partRemoved, payloads.size()))
          .append(" | ")
          .append(Tally.pct(partIntact, partRemoved))
          .append(" |\n");
    }
    md.append("\nBIPIA test split by category (removed):\n\n| category | removed |\n|---|---|\n");
    byCategory.forEach(
        (category, t) ->
            md.append("| ")
                .append(category.substring(category.indexOf('/') + 1))
                .append(" | ")
                .append(Tally.pct(t.hits, t.all))
                .append(" |\n"));

    md.append("\n### Clean retrieved text: false positives\n\n")
        .append("Per text (*altered*: at least one sentence replaced by the marker) and per")
        .append(" sentence. Rules were tuned looking only at the sentences removed from, or")
        .append(" coming close in, the project's articles, the StackFAQ DEV half and our own")
        .append(" how-to texts and help threads (`bin/train-guards --tool-output`); the")
        .append(" HELD-OUT half is the check. Its texts were never printed, but not all of it is")
        .append(" unseen: an earlier round's description of its false alarms (answer-steering")
        .append(" rules firing on e-mail how-to text such as \"add a signature to your replies\")")
        .append(" is what the reader's-own-replies test (`AnswerReference`) was written against,")
        .append(" and its altered count has been read after each round of changes (in the latest")
        .append(" round, which added the surroundings test — another paragraph naming the")
        .append(" reader's own replies — and editor cues, once, from the run that wrote this")
        .append(" report, after the rules were final).\n\n")
        .append("| texts | altered (any sentence removed) | sentences removed |\n|---|---|---|\n");
    cleanRow(md, "project KB articles + documentation pages", articles, cleanAltered);
    List<String> faq = data.stackFaqAnswers();
    cleanRow(md, "StackFAQ threads (question + answers), all", faq, cleanAltered, faqAltered);
    for (Split split : Split.values()) {
      cleanRow(
          md,
          "&nbsp;&nbsp;StackFAQ " + split.name().replace('_', '-') + " half",
          faq.stream().filter(t -> Split.of(t) == split).toList());
    }
    cleanRow(
        md,
        "our how-to texts about the reader's own replies and messages"
            + " (`src/bench/resources/guard/check/tool-output-how-to.txt`; written by us, **not"
            + " independent**)",
        EvalData.toolOutputHowTo(),
        howToAltered);
    cleanRow(
        md,
        "our help threads and pages: forum questions with answers, e-mail and chat help,"
            + " help-desk docs on agents' replies (`src/bench/resources/guard/check/"
            + "tool-output-threads.txt`; written by us, **not independent**)",
        EvalData.toolOutputThreads());
    md.append("\n");
  }

  private void cleanRow(StringBuilder md, String name, List<String> texts, Tally... into) {
    int altered = 0;
    int sentences = 0;
    int removed = 0;
    for (String text : texts) {
      ToolOutputGuard.Screened s = guard.neutralise(text, threshold);
      boolean changed = !s.findings().isEmpty();
      altered += changed ? 1 : 0;
      for (Tally t : into) {
        t.add(text, changed);
      }
      sentences += text.split("(?<=[.!?])\\s+|\\n+").length;
      for (var f : s.findings()) {
        removed += text.substring(f.start(), f.end()).split("(?<=[.!?])\\s+|\\n+").length;
      }
    }
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(Tally.pct(altered, texts.size()))
        .append(" | ")
        .append(Tally.pct(removed, sentences))
        .append(" |\n");
  }

  private static String normalise(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  /** Prints this section alone, for iterating on the tool-output guard without the whole report. */
  public static void main(String[] args) {
    EvalData data = new EvalData(Path.of(args.length > 0 ? args[0] : "../shared/eval"));
    double threshold =
        new SmallRyeConfigBuilder()
            .withMapping(GuardConfig.class)
            .build()
            .getConfigMapping(GuardConfig.class)
            .toolOutput()
            .threshold();
    StringBuilder md = new StringBuilder();
    new ToolOutputSection(data, new ToolOutputGuard(), threshold).write(md);
    System.out.print(md);
  }

  /** Clean and poisoned articles, for the latency run. */
  List<String> texts() {
    List<String> out = new ArrayList<>(articles);
    out.addAll(poisoned);
    out.addAll(data.stackFaqAnswers());
    return out;
  }
}
