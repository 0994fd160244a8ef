package io.frontdesk.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Reads Markdown files as GitHub renders them (CommonMark, tables, bare URLs as links, heading ids
 * by GitHub's slug rule) and tells which links do not resolve to a file, or a heading, inside the
 * repository.
 */
final class MarkdownLinks {

  private static final List<Extension> EXTENSIONS =
      List.of(
          AutolinkExtension.create(), TablesExtension.create(), HeadingAnchorExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS).build();
  private static final Pattern HEADING_ID = Pattern.compile("<h[1-6] id=\"([^\"]*)\"");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  // built or local folders: present after a build or a run, never in a clone
  private static final Set<String> NOT_IN_A_CLONE = Set.of("target", "data");

  private final Path root;
  private final Map<Path, Set<String>> anchors = new HashMap<>();

  MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Every link and image destination of the file, in order. */
  static List<String> destinations(String markdown) {
    List<String> found = new ArrayList<>();
    PARSER
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Link link) {
                found.add(link.getDestination());
                visitChildren(link);
              }

              @Override
              public void visit(Image image) {
                found.add(image.getDestination());
                visitChildren(image);
              }
            });
    return found;
  }

  /** The ids GitHub gives the file's headings (lower case, punctuation dropped, -1 for repeats). */
  static Set<String> headingIds(String markdown) {
    Node document = PARSER.parse(markdown);
    Matcher ids = HEADING_ID.matcher(HTML.render(document));
    Set<String> found = new LinkedHashSet<>();
    while (ids.find()) {
      found.add(ids.group(1));
    }
    return found;
  }

  /** What is wrong with each link of the file that does not resolve, one line each. */
  List<String> problems(Path file) {
    Path source = file.toAbsolutePath().normalize();
    List<String> problems = new ArrayList<>();
    for (String destination : destinations(read(source))) {
      String problem = problem(source, destination);
      if (problem != null) {
        problems.add(root.relativize(source) + ": " + destination + " — " + problem);
      }
    }
    return problems;
  }

  private String problem(Path source, String destination) {
    if (destination.isEmpty()) {
      return "an empty link";
    }
    if (SCHEME.matcher(destination).find() || destination.startsWith("//")) {
      return "leaves the repository (a reader of the project has only its files)";
    }
    if (destination.startsWith("/")) {
      return "an absolute path: write it relative to the file";
    }
    int hash = destination.indexOf('#');
    String path = hash < 0 ? destination : destination.substring(0, hash);
    String fragment = hash < 0 ? "" : decode(destination.substring(hash + 1));
    Path target =
        path.isEmpty() ? source : source.getParent().resolve(decode(path)).toAbsolutePath();
    target = target.normalize();
    if (!target.startsWith(root)) {
      return "points outside the repository";
    }
    Path inside = root.relativize(target);
    if (inside.getNameCount() > 0 && NOT_IN_A_CLONE.contains(inside.getName(0).toString())) {
      return "points into " + inside.getName(0) + "/, which a clone does not have";
    }
    if (!Files.exists(target)) {
      return "no such file: " + inside;
    }
    if (fragment.isEmpty()) {
      return null;
    }
    if (!target.toString().endsWith(".md")) {
      return "a heading anchor in a file that is not Markdown";
    }
    Set<String> ids = anchors.computeIfAbsent(target, t -> headingIds(read(t)));
    return ids.contains(fragment) ? null : "no heading #" + fragment + " in " + inside;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
