package io.frontdesk.agent.routing.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.frontdesk.agent.routing.Router;
import io.frontdesk.agent.routing.RouterModel;
import io.frontdesk.embedding.InProcessEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingEvaluationTest {

  /** Three intents of a few queries each, in CLINC150's and BANKING77's wording. */
  private static final Map<String, List<String>> INTENTS =
      Map.of(
          "balance",
          List.of(
              "what is my account balance",
              "how much money do I have",
              "tell me my balance",
              "show the balance of my checking account",
              "how much is left in my savings",
              "balance please",
              "what's in my bank account right now"),
          "weather",
          List.of(
              "what is the weather today",
              "will it rain tomorrow",
              "is it sunny outside",
              "what's the forecast for the weekend",
              "how cold is it going to be",
              "do I need an umbrella today",
              "tell me the temperature outside"),
          "alarm",
          List.of(
              "set an alarm for 7 am",
              "wake me up at six",
              "create an alarm for tomorrow morning",
              "I need an alarm at noon",
              "set my alarm for 5:30",
              "alarm for eight please",
              "put an alarm on for 9"));

  private static final List<String> OUT_OF_SCOPE =
      List.of(
          "how do I make lasagna",
          "who won the world cup in 1998",
          "what is the capital of peru",
          "write me a poem about cats",
          "how tall is mount everest",
          "what does a platypus eat",
          "can you recommend a good novel");

  @Test
  void aFolderWithoutStackFaqIsScoredForWhatItHasAndEveryRowNamesItsFile(@TempDir Path dir)
      throws Exception {
    writeBanking(dir);
    writeClinc(dir, List.of("train", "oos_train", "val", "oos_val"));
    Path report = dir.resolve("out/routing-evaluation.md");

    RoutingEvaluation.main(
        new String[] {
          dir.toString(), report.toString(), "bin/evaluate-routing", dir.resolve("cache").toString()
        });

    String md = Files.readString(report);
    assertTrue(md.contains("- **not measured: `kb/stackfaq/derived_corpus.json` missing**"), md);
    assertTrue(md.contains("- **not measured: `kb/stackfaq/derived_queries.jsonl` missing**"), md);
    assertTrue(md.contains("### BANKING77 (`intents/banking77/train.csv`)"), md);
    assertTrue(md.contains("### CLINC150 (`intents/clinc150/clinc150_train_val.json`)"), md);
    assertTrue(
        md.contains(
            "| method: out-of-scope recall, `intents/clinc150/clinc150_train_val.json` train → oos_val | ≥ 0.85 | "),
        md);
    assertTrue(
        md.contains(
            "| hybrid recall@5 (configured weights), `kb/stackfaq/derived_queries.jsonl` | ≥ 0.95 | not measured: set missing |"),
        md);
    assertTrue(
        md.contains("| `oos_val` | " + OUT_OF_SCOPE.size() + " | "),
        "the shipped router's row on the folder's oos_val\n" + md);
    assertTrue(!md.contains("Davidson") && !md.contains("48 attacks"), md);
  }

  @Test
  void aClincFileWithoutItsTrainSplitSaysSoAndStillScoresTheShippedRouter(@TempDir Path dir)
      throws Exception {
    writeClinc(dir, List.of("val", "oos_val"));
    EvalSets sets = new EvalSets(dir);
    InProcessEmbedder model = InProcessEmbedder.load();
    CachedEmbedder embedder = new CachedEmbedder(model, dir.resolve("cache"));
    RouterModel shipped =
        Classification.train(
                Classification.samples(
                    Router.asRead(Router.shipped()).stream()
                        .map(e -> new Labelled(e.text(), e.label()))
                        .toList(),
                    embedder),
                1e-4)
            .withThreshold(0.6)
            .withOutOfScopeAt(0.3);
    IntentSection section = new IntentSection(sets, embedder, 1e-4, shipped);
    StringBuilder md = new StringBuilder();

    section.write(md);

    assertTrue(
        sets.skipped().contains("not measured: `intents/banking77/train.csv` missing"),
        sets.skipped().toString());
    assertTrue(
        sets.skipped()
            .contains(
                "not measured: split `train` of `intents/clinc150/clinc150_train_val.json` missing"),
        sets.skipped().toString());
    assertTrue(md.toString().contains("Method: not measured"), md.toString());
    assertTrue(
        md.toString().contains("| `oos_val` | " + OUT_OF_SCOPE.size() + " | "), md.toString());
    assertTrue(section.shippedOosRecall != null && section.clincInScope == null, md.toString());
  }

  private static void writeBanking(Path dir) throws Exception {
    Path file = dir.resolve(EvalSets.BANKING77);
    Files.createDirectories(file.getParent());
    StringBuilder csv = new StringBuilder("text,category\n");
    INTENTS.forEach(
        (intent, texts) ->
            texts.forEach(t -> csv.append(t).append(',').append(intent).append('\n')));
    Files.writeString(file, csv, StandardCharsets.UTF_8);
  }

  /** CLINC150's format with only the named splits; val gets the last two queries of each intent. */
  private static void writeClinc(Path dir, List<String> splits) throws Exception {
    Map<String, List<List<String>>> json = new LinkedHashMap<>();
    List<List<String>> train = new ArrayList<>();
    List<List<String>> val = new ArrayList<>();
    INTENTS.forEach(
        (intent, texts) -> {
          texts.subList(0, 5).forEach(t -> train.add(List.of(t, intent)));
          texts.subList(5, texts.size()).forEach(t -> val.add(List.of(t, intent)));
        });
    Map<String, List<List<String>>> all =
        Map.of(
            "train",
            train,
            "val",
            val,
            "oos_train",
            OUT_OF_SCOPE.subList(0, 3).stream().map(t -> List.of(t, "oos")).toList(),
            "oos_val",
            OUT_OF_SCOPE.stream().map(t -> List.of(t, "oos")).toList());
    splits.forEach(s -> json.put(s, all.get(s)));
    Path file = dir.resolve(EvalSets.CLINC150);
    Files.createDirectories(file.getParent());
    Files.writeString(file, new ObjectMapper().writeValueAsString(json), StandardCharsets.UTF_8);
  }
}
