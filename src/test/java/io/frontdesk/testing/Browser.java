package io.frontdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver protocol with the JDK's HTTP client
 * (no Selenium). One driver process per JVM; each {@link #open()} is a fresh browser with its own
 * empty profile, so two of them are two different people.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static Driver driver;

  private final String session;
  private final Path profile;

  private Browser(String session, Path profile) {
    this.session = session;
    this.profile = profile;
  }

  /** A new headless browser window (1280×800). Fails, never skips, when Chromium is missing. */
  public static Browser open() {
    Driver d = driver();
    try {
      Path profile = Files.createTempDirectory("frontdesk-chromium-");
      ObjectNode options = JSON.createObjectNode().put("binary", CHROMIUM.toString());
      var args = options.putArray("args");
      for (String arg :
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-dev-shm-usage",
              "--window-size=1280,800",
              "--user-data-dir=" + profile)) {
        args.add(arg);
      }
      ObjectNode body = JSON.createObjectNode();
      ObjectNode always = body.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      always.set("goog:chromeOptions", options);
      JsonNode value = d.call("POST", "/session", body);
      Browser browser = new Browser(value.path("sessionId").asText(), profile);
      browser.viewport(1280, 800, false);
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Driver driver() {
    if (driver == null) {
      if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
        throw new AssertionError(
            "the browser tests need Debian's Chromium and chromedriver ("
                + CHROMIUM
                + ", "
                + CHROMEDRIVER
                + "): apt-get install -y chromium chromium-driver (.ci/run does this)");
      }
      driver = Driver.start();
      Runtime.getRuntime().addShutdownHook(new Thread(driver.process::destroy));
    }
    return driver;
  }

  /** Loads a page and waits until its document is ready. */
  public Browser get(String url) {
    call("POST", "/url", JSON.createObjectNode().put("url", url));
    return this;
  }

  /**
   * Sets the page's viewport (CSS pixels), as a desktop window or as a phone (touch, mobile
   * viewport rules).
   */
  public Browser viewport(int width, int height, boolean mobile) {
    ObjectNode params =
        JSON.createObjectNode()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", mobile);
    ObjectNode cdp = JSON.createObjectNode().put("cmd", "Emulation.setDeviceMetricsOverride");
    cdp.set("params", params);
    call("POST", "/goog/cdp/execute", cdp);
    return this;
  }

  /** The first element matching the CSS selector, waiting for it to appear and be displayed. */
  public Element find(String css) {
    return waitFor(
            "a visible " + css,
            () -> {
              for (Element e : findAll(css)) {
                if (e.displayed()) {
                  return e;
                }
              }
              return null;
            })
        .orElseThrow();
  }

  /** All elements matching the CSS selector now. */
  public List<Element> findAll(String css) {
    JsonNode value =
        call(
            "POST",
            "/elements",
            JSON.createObjectNode().put("using", "css selector").put("value", css));
    List<Element> out = new ArrayList<>();
    value.forEach(node -> out.add(new Element(node.path(ELEMENT).asText())));
    return out;
  }

  /** Waits until some element matching the selector has text satisfying the condition. */
  public Element waitForText(String css, Predicate<String> condition, String what) {
    return waitFor(
            what + " (" + css + ")",
            () -> {
              for (Element e : findAll(css)) {
                try {
                  if (condition.test(e.text())) {
                    return e;
                  }
                } catch (IllegalStateException stale) {
                  // the page replaced the element between the two calls: look again
                }
              }
              return null;
            })
        .orElseThrow();
  }

  /** Waits until some element matching the selector contains this text. */
  public Element waitForText(String css, String contained) {
    return waitForText(css, t -> t.contains(contained), "text \"" + contained + "\"");
  }

  /**
   * Clicks the first element matching the selector whose text contains {@code contained}, again
   * when a live page replaced the element between finding and clicking it.
   */
  public void clickText(String css, String contained) {
    waitFor(
        "a click on \"" + contained + "\" (" + css + ")",
        () -> {
          try {
            waitForText(css, contained).click();
            return true;
          } catch (IllegalStateException stale) {
            return null;
          }
        });
  }

  /** The texts of every element matching the selector now. */
  public List<String> texts(String css) {
    List<String> out = new ArrayList<>();
    for (Element e : findAll(css)) {
      out.add(e.text());
    }
    return out;
  }

  /** Runs JavaScript in the page (its {@code return} value as JSON). */
  public JsonNode script(String script, Object... args) {
    ObjectNode body = JSON.createObjectNode().put("script", script);
    body.set("args", JSON.valueToTree(List.of(args)));
    return call("POST", "/execute/sync", body);
  }

  /** Waits, bounded, until the supplier returns something (not null, not false). */
  public <T> java.util.Optional<T> waitFor(String what, java.util.function.Supplier<T> probe) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      T value = probe.get();
      if (value != null && !Boolean.FALSE.equals(value)) {
        return java.util.Optional.of(value);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for " + what + "; the page shows:\n" + bodyText());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  /** The visible text of the whole page. */
  public String bodyText() {
    try {
      return findAll("body").getFirst().text();
    } catch (RuntimeException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  /** Writes a PNG of the viewport to {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Path file = dir.resolve(name + ".png");
      byte[] png = Base64.getDecoder().decode(call("GET", "/screenshot", null).asText());
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver().call("DELETE", "/session/" + session, null);
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary profile is harmless
      }
    }
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return driver().call(method, "/session/" + session + path, body);
  }

  /** An element of the page. */
  public final class Element {
    private final String id;

    private Element(String id) {
      this.id = id;
    }

    public Element click() {
      call("POST", "/element/" + id + "/click", JSON.createObjectNode());
      return this;
    }

    /** Types into the element (an input or textarea). */
    public Element type(String text) {
      call("POST", "/element/" + id + "/value", JSON.createObjectNode().put("text", text));
      return this;
    }

    public Element clear() {
      call("POST", "/element/" + id + "/clear", JSON.createObjectNode());
      return this;
    }

    public String text() {
      return call("GET", "/element/" + id + "/text", null).asText();
    }

    public String attribute(String name) {
      JsonNode v = call("GET", "/element/" + id + "/attribute/" + name, null);
      return v.isNull() ? null : v.asText();
    }

    public String property(String name) {
      JsonNode v = call("GET", "/element/" + id + "/property/" + name, null);
      return v.isNull() ? null : v.asText();
    }

    public boolean displayed() {
      try {
        return call("GET", "/element/" + id + "/displayed", null).asBoolean();
      } catch (IllegalStateException stale) {
        return false;
      }
    }

    /** Chooses the option of a select element with this value. */
    public Element select(String value) {
      script(
          "arguments[0].value = arguments[1];"
              + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
          Map.of(ELEMENT, id),
          value);
      return this;
    }
  }

  /** The chromedriver process, on a free port of 127.0.0.1. */
  private record Driver(Process process, URI base) {

    static Driver start() {
      try {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target")).resolve("chromedriver.log");
        Process process =
            new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Driver d = new Driver(process, URI.create("http://127.0.0.1:" + port));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
          try {
            if (d.call("GET", "/status", null).path("ready").asBoolean()) {
              return d;
            }
          } catch (UncheckedIOException notYet) {
            // not listening yet
          }
          if (System.nanoTime() > deadline || !process.isAlive()) {
            process.destroy();
            throw new AssertionError("chromedriver did not start; see " + log.toAbsolutePath());
          }
          Thread.sleep(100);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted starting chromedriver");
      }
    }

    JsonNode call(String method, String path, JsonNode body) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
      }
      try {
        HttpResponse<String> response =
            HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        JsonNode value = json.path("value");
        if (response.statusCode() >= 400) {
          String error = value.path("error").asText();
          String message = error + ": " + value.path("message").asText();
          if (error.equals("stale element reference") || error.equals("no such element")) {
            throw new IllegalStateException(message);
          }
          throw new AssertionError("WebDriver " + method + " " + path + " failed: " + message);
        }
        return value;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted talking to chromedriver");
      }
    }
  }
}
