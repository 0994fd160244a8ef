package io.frontdesk.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.frontdesk.startup.StartupPhases;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Lingua's detector and its n-gram models, which take seconds of CPU to load: started at process
 * start on a thread of their own ({@link #preload}), while the database and the framework start, so
 * that neither the first turns nor the readiness check run beside the load.
 */
final class LanguageModels {

  /** A message that makes Lingua load every model it reads with. */
  private static final String SAMPLE = "Je n'arrive pas à me connecter à mon compte";

  private record Preloaded(
      List<String> detected,
      boolean highAccuracy,
      StartupPhases.Background<LanguageDetector> load) {

    boolean matches(List<String> detected, boolean highAccuracy) {
      return this.detected.equals(detected) && this.highAccuracy == highAccuracy;
    }
  }

  private static volatile Preloaded preloaded;

  private LanguageModels() {}

  /**
   * Starts building the detector with these settings (raw values from the environment, null for the
   * defaults of {@link LanguageConfig}) and loading its models.
   */
  static void preload(String detected, String highAccuracy) {
    List<String> codes = codes(detected == null ? LanguageConfig.DETECTED : detected);
    boolean high = highAccuracy == null || Boolean.parseBoolean(highAccuracy.strip());
    preloaded =
        new Preloaded(
            codes,
            high,
            StartupPhases.inBackground(
                "language models",
                () -> {
                  LanguageDetector detector = build(codes, high);
                  detector.computeLanguageConfidenceValues(SAMPLE);
                  return detector;
                }));
  }

  /**
   * The preloaded detector when its settings are the configuration's (waiting for its load, whose
   * failure is this call's), else null.
   */
  static LanguageDetector preloaded(LanguageConfig config) {
    Preloaded early = take();
    if (early == null || !early.matches(codes(config), config.highAccuracy())) {
      return null;
    }
    return early.load().join();
  }

  /** A detector as the configuration asks for; its models load on first use. */
  static LanguageDetector build(LanguageConfig config) {
    return build(codes(config), config.highAccuracy());
  }

  /** Loads Lingua's models for the detected languages, once, on the calling thread. */
  static void loadModels(LanguageDetector detector) {
    detector.computeLanguageConfidenceValues(SAMPLE);
  }

  private static synchronized Preloaded take() {
    Preloaded early = preloaded;
    preloaded = null;
    return early;
  }

  private static LanguageDetector build(List<String> codes, boolean highAccuracy) {
    LanguageDetectorBuilder builder =
        LanguageDetectorBuilder.fromIsoCodes639_1(
            codes.stream()
                .map(code -> IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)))
                .toArray(IsoCode639_1[]::new));
    return (highAccuracy ? builder : builder.withLowAccuracyMode()).build();
  }

  private static List<String> codes(LanguageConfig config) {
    return config.detected().stream().map(LanguageModels::code).toList();
  }

  private static List<String> codes(String list) {
    return Arrays.stream(list.split(",")).map(LanguageModels::code).toList();
  }

  private static String code(String code) {
    return code.strip().toLowerCase(Locale.ROOT);
  }
}
