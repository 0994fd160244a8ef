package io.frontdesk.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small classes with one job each (STYLE.md): no source file in src/main/java over {@value
 * #MAX_CLASS_LINES} lines except the rule tables named here, no method or constructor over {@value
 * #MAX_METHOD_LINES}, and SQL text only in repositories.
 */
class SourceShapeTest {

  static final int MAX_CLASS_LINES = 400;
  static final int MAX_METHOD_LINES = 60;
  private static final Path MAIN = Path.of("src/main/java");

  /** Files allowed past the class limit, each with why: tables of rules, not logic. */
  static final Map<String, String> RULE_TABLES = Map.of();

  private static List<Path> sources;

  @BeforeAll
  static void readSources() throws IOException {
    StaticJavaParser.getParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21);
    try (Stream<Path> files = Files.walk(MAIN)) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void noClassIsLongerThanFourHundredLines() throws IOException {
    assertEquals(
        List.of(),
        exempting(longClasses(), RULE_TABLES),
        "classes over " + MAX_CLASS_LINES + " lines: split them by job");
  }

  @Test
  void noMethodIsLongerThanSixtyLines() throws IOException {
    assertEquals(
        List.of(),
        longMethods().stream().map(Offence::what).toList(),
        "methods over " + MAX_METHOD_LINES + " lines");
  }

  @Test
  void sqlIsWrittenOnlyInRepositories() throws IOException {
    assertEquals(
        List.of(),
        sqlOutsideRepositories().stream().map(Offence::what).toList(),
        "SQL outside a repository");
  }

  /** A file breaking a rule, by its class name, and how. */
  private record Offence(String file, String what) {}

  private static List<Offence> longClasses() throws IOException {
    List<Offence> out = new ArrayList<>();
    for (Path source : sources) {
      long lines = Files.readAllLines(source).size();
      if (lines > MAX_CLASS_LINES) {
        out.add(
            new Offence(name(source), "%s: %d lines".formatted(MAIN.relativize(source), lines)));
      }
    }
    return out;
  }

  private static List<Offence> longMethods() throws IOException {
    List<Offence> out = new ArrayList<>();
    for (Path source : sources) {
      CompilationUnit unit = StaticJavaParser.parse(source);
      for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
        int lines = callable.getRange().map(r -> r.end.line - r.begin.line + 1).orElse(0);
        if (lines > MAX_METHOD_LINES) {
          out.add(
              new Offence(
                  name(source),
                  "%s: %s, %d lines"
                      .formatted(
                          MAIN.relativize(source), callable.getDeclarationAsString(), lines)));
        }
      }
    }
    return out;
  }

  private static List<Offence> sqlOutsideRepositories() throws IOException {
    List<Offence> out = new ArrayList<>();
    for (Path source : sources) {
      if (name(source).endsWith("Repository")
          || source.startsWith(MAIN.resolve("io/frontdesk/database"))) {
        continue;
      }
      CompilationUnit unit = StaticJavaParser.parse(source);
      for (LiteralStringValueExpr text : unit.findAll(LiteralStringValueExpr.class)) {
        if ((text instanceof StringLiteralExpr || text instanceof TextBlockLiteralExpr)
            && SQL.matcher(text.getValue()).find()) {
          out.add(
              new Offence(
                  name(source),
                  "%s:%d: %s"
                      .formatted(
                          MAIN.relativize(source),
                          text.getBegin().map(p -> p.line).orElse(0),
                          firstLine(text.getValue()))));
        }
      }
    }
    return out;
  }

  /** The offences of files no list names. */
  private static List<String> exempting(List<Offence> offences, Map<String, String> tables) {
    return offences.stream().filter(o -> !tables.containsKey(o.file())).map(Offence::what).toList();
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 60) + "…" : line;
  }

  private static String name(Path source) {
    String file = source.getFileName().toString();
    return file.substring(0, file.length() - ".java".length());
  }

  /** What SQL in a Java string looks like. */
  private static final Pattern SQL =
      Pattern.compile(
          "\\b(select\\s+[\\w*(]|insert\\s+into|update\\s+\\w+\\s+set|delete\\s+from"
              + "|pg_notify|pg_advisory)",
          Pattern.CASE_INSENSITIVE);
}
