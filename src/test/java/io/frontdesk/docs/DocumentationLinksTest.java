package io.frontdesk.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README is a front door and every link in it and in docs/ resolves inside the repository. */
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final int README_MAX_LINES = 250;

  @Test
  void everyLinkInTheReadmeAndTheDocsResolvesToAFileOrHeadingInsideTheRepository()
      throws IOException {
    MarkdownLinks links = new MarkdownLinks(ROOT);
    List<String> problems = new ArrayList<>();
    for (Path file : documentation()) {
      problems.addAll(links.problems(file));
    }
    assertEquals(List.of(), problems, "links that do not resolve inside the repository");
  }

  @Test
  void theReadmeIsAFrontDoorOfAtMost250Lines() throws IOException {
    int lines = Files.readAllLines(ROOT.resolve("README.md")).size();
    assertTrue(
        lines <= README_MAX_LINES,
        "README.md has " + lines + " lines; move detail into docs/ (at most " + README_MAX_LINES);
  }

  @Test
  void theReadmeLinksEveryDocumentAndEveryPictureInDocsIsShown() throws IOException {
    Set<Path> fromReadme = targets(ROOT.resolve("README.md"));
    Set<Path> fromAll = new HashSet<>();
    for (Path file : documentation()) {
      fromAll.addAll(targets(file));
    }
    List<String> unlinked = new ArrayList<>();
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      for (Path doc : docs.sorted().toList()) {
        boolean markdown = doc.toString().endsWith(".md");
        if (!(markdown ? fromReadme : fromAll).contains(doc.normalize())) {
          unlinked.add(ROOT.relativize(doc) + (markdown ? " (not linked from README.md)" : ""));
        }
      }
    }
    assertEquals(List.of(), unlinked, "files in docs/ no reader is led to");
  }

  @Test
  void headingIdsFollowGitHubsRule() {
    String markdown =
        """
        # Frontdesk
        ## Without a model key: the offline model
        ### `/ws/chat`, the **chat** protocol
        ## Runs & reports
        ## Notes
        ## Notes
        ## τ-bench scenarios
        """;
    assertEquals(
        List.of(
            "frontdesk",
            "without-a-model-key-the-offline-model",
            "wschat-the-chat-protocol",
            "runs--reports",
            "notes",
            "notes-1",
            "τ-bench-scenarios"),
        List.copyOf(MarkdownLinks.headingIds(markdown)));
  }

  @Test
  void theCheckRefusesLinksThatLeaveTheRepositoryOrPointAtNothing(@TempDir Path repo)
      throws IOException {
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/a.md"), "# A\n\n## The B part\n");
    Files.createDirectories(repo.resolve("target"));
    Files.writeString(repo.resolve("target/report.md"), "# built\n");
    Files.writeString(
        repo.resolve("README.md"),
        """
        # Frontdesk

        [map](../shared/DESIGN.md), [web](https://example.com/x), started on http://localhost:8080,
        [gone](docs/missing.md), [anchor](docs/a.md#nope), [built](target/report.md),
        [root](/docs/a.md). Fine: [b](docs/a.md#the-b-part), [top](#frontdesk), [doc](docs/a.md),
        `http://localhost:8080` in code, and

        ```
        curl http://localhost:8080/q/health/ready
        ```
        """);

    List<String> problems = new MarkdownLinks(repo).problems(repo.resolve("README.md"));

    assertEquals(
        List.of(
            "README.md: ../shared/DESIGN.md — points outside the repository",
            "README.md: https://example.com/x — leaves the repository (a reader of the project"
                + " has only its files)",
            "README.md: http://localhost:8080 — leaves the repository (a reader of the project"
                + " has only its files)",
            "README.md: docs/missing.md — no such file: docs/missing.md",
            "README.md: docs/a.md#nope — no heading #nope in docs/a.md",
            "README.md: target/report.md — points into target/, which a clone does not have",
            "README.md: /docs/a.md — an absolute path: write it relative to the file"),
        problems);
  }

  /** README.md and every Markdown file in docs/. */
  private static List<Path> documentation() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  /** The files the links of one document lead to (anchors and external links left out). */
  private static Set<Path> targets(Path file) throws IOException {
    Set<Path> targets = new HashSet<>();
    for (String destination : MarkdownLinks.destinations(Files.readString(file))) {
      String path = destination.replaceFirst("#.*", "");
      if (!path.isEmpty() && !path.contains(":")) {
        targets.add(file.getParent().resolve(path).normalize());
      }
    }
    return targets;
  }
}
