package io.frontdesk.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scenarios an evaluation runs and the file each came from: the built-in ones ({@code
 * src/bench/resources/scenarios/*.yaml}) plus those of the data folder ({@code
 * $FRONTDESK_EVAL_DIR/scenarios/*.yaml}) when it has them, so that an operator's own scenarios are
 * measured beside the demo's; a folder without them gives a "not measured" note.
 */
record ScenarioSources(Map<Scenario, Path> files, List<String> notes) {

  /** The folder of an evaluation data directory that holds its scenarios. */
  static final String FOLDER = "scenarios";

  /** The built-in scenarios and, if it is there, the data folder's (null: none was named). */
  static ScenarioSources read(Path builtIn, Path evalDir) {
    Map<Scenario, Path> files = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    yamlFiles(builtIn).forEach(f -> files.put(Scenario.read(f), f));
    if (evalDir != null) {
      Path own = evalDir.resolve(FOLDER);
      List<Path> found = Files.isDirectory(own) ? yamlFiles(own) : List.of();
      if (found.isEmpty()) {
        notes.add(
            "not measured: `%s/*.yaml` missing (only the built-in scenarios ran)".formatted(own));
      }
      found.forEach(f -> files.put(Scenario.read(f), f));
    }
    return new ScenarioSources(files, notes);
  }

  /** Keeps the scenarios whose id starts with the prefix (all for null). */
  ScenarioSources only(String prefix) {
    if (prefix == null) {
      return this;
    }
    Map<Scenario, Path> kept = new LinkedHashMap<>();
    files.forEach(
        (s, f) -> {
          if (s.id().startsWith(prefix)) {
            kept.put(s, f);
          }
        });
    return new ScenarioSources(kept, notes);
  }

  List<Scenario> scenarios() {
    return List.copyOf(files.keySet());
  }

  /** Where each scenario was read, by folder: "`folder/*.yaml`: n scenarios". */
  Map<Path, Integer> countByFolder() {
    Map<Path, Integer> out = new LinkedHashMap<>();
    files.values().forEach(f -> out.merge(f.getParent(), 1, Integer::sum));
    return out;
  }

  private static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
