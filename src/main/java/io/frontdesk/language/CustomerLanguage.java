package io.frontdesk.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The customer's language, read from their messages by Lingua (n-gram models, in process). A
 * conversation keeps its language until a message is confidently in another: "ok", "merci", an
 * order id or a two-word reply never switches it.
 */
@ApplicationScoped
public class CustomerLanguage {

  /** What a conversation speaks until a message says otherwise. */
  public static final String DEFAULT = "en";

  private static final Logger LOG = Logger.getLogger(CustomerLanguage.class);

  /** A word that counts: letters only (an id such as ord_000015 or TCK-1001 is not one). */
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{M}'’-]*\\p{L}{2,}[\\p{L}\\p{M}'’-]*");

  private static final Pattern SPACE = Pattern.compile("\\s+");

  private static final Pattern EDGES =
      Pattern.compile("^[\\p{P}\\p{S}&&[^_]]+|[\\p{P}\\p{S}&&[^_]]+$");

  /** How long the first reading may take: it loads the models (seconds on a busy machine). */
  private static final Duration FIRST_READ = Duration.ofSeconds(30);

  private final LanguageDetector detector;
  private final LanguageConfig config;
  private volatile boolean loaded;

  CustomerLanguage(LanguageConfig config) {
    this.config = config;
    LanguageDetectorBuilder builder =
        LanguageDetectorBuilder.fromIsoCodes639_1(
            config.detected().stream()
                .map(code -> IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new));
    this.detector = (config.highAccuracy() ? builder : builder.withLowAccuracyMode()).build();
  }

  /** Loads the models on a worker thread at startup (they load lazily on the first message). */
  void preload(@Observes StartupEvent started) {
    if (config.preload()) {
      Infrastructure.getDefaultWorkerPool()
          .execute(
              () -> {
                long start = System.nanoTime();
                detect("Je n'arrive pas à me connecter à mon compte");
                LOG.infof(
                    "Language models loaded in %d ms", (System.nanoTime() - start) / 1_000_000);
              });
    }
  }

  /**
   * The language a message is confidently in (ISO 639-1), or null when it is too short or too close
   * a call: the caller then keeps what it had.
   */
  public String detect(String message) {
    if (message == null || words(message) < config.switchWords()) {
      return null;
    }
    SortedMap<Language, Double> confidence = detector.computeLanguageConfidenceValues(message);
    loaded = true;
    Iterator<Map.Entry<Language, Double>> ranked = confidence.entrySet().iterator();
    if (!ranked.hasNext()) {
      return null;
    }
    Map.Entry<Language, Double> best = ranked.next();
    double runnerUp = ranked.hasNext() ? ranked.next().getValue() : 0.0;
    if (best.getKey() == Language.UNKNOWN || runnerUp > config.switchMargin()) {
      return null;
    }
    return best.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The conversation's language after a message read as {@code read} (null: not clear): {@code
   * current} unless the message was confidently another; English for a conversation with none yet.
   */
  public static String follow(String current, String read) {
    if (read != null) {
      return read;
    }
    return current == null ? DEFAULT : current;
  }

  /**
   * {@link #detect} off the event loop (a model's first read can take a second). Lingua computes on
   * the JVM's common fork-join pool, which anything else may keep busy: past {@code detect-wait}
   * the message goes on without a reading (the conversation keeps its language).
   */
  public Uni<String> detectOffLoop(String message) {
    return Uni.createFrom()
        .item(() -> detect(message))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .ifNoItem()
        .after(loaded ? config.detectWait() : FIRST_READ)
        .recoverWithItem(
            () -> {
              LOG.warnf("No language read in time; the conversation keeps its own");
              return null;
            });
  }

  /** The language's name in English, for a prompt ("French"); the code when it is not known. */
  public static String name(String code) {
    if (code == null) {
      return "English";
    }
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() ? code : name;
  }

  /** The language's name as {@code reader}'s language writes it: "français", "Deutsch". */
  public static String nameIn(String code, String reader) {
    String name =
        Locale.forLanguageTag(code == null ? DEFAULT : code)
            .getDisplayLanguage(Notices.locale(reader));
    return name.isEmpty() ? code : name;
  }

  /** Words of letters; punctuation around a word is dropped, a token with a digit is no word. */
  static long words(String message) {
    return SPACE
        .splitAsStream(message.strip())
        .map(token -> EDGES.matcher(token).replaceAll(""))
        .filter(token -> WORD.matcher(token).matches())
        .count();
  }
}
