package io.frontdesk.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of what a customer reads that no model wrote — ticket, approval, limit, hand-off
 * and closing notices — in every language Frontdesk has texts for, picked by the conversation's
 * language (English for any other). Texts live in {@code notices/notices_<lang>.properties}.
 */
public final class Notices {

  /** The languages with a full set of notices; the first is the fallback. */
  public static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "pt");

  private static final Map<String, Properties> TABLES =
      LANGUAGES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Notices::load));

  private Notices() {}

  /** Whether notices exist in this language (else they are in English). */
  public static boolean speaks(String language) {
    return language != null && TABLES.containsKey(language);
  }

  /** The notice in the language (English when there is no text in it), its arguments filled in. */
  public static String text(String language, Notice notice, Object... arguments) {
    String lang = speaks(language) ? language : LANGUAGES.getFirst();
    String pattern = TABLES.get(lang).getProperty(notice.key());
    if (pattern == null) {
      // NoticesTest keeps every table complete; a gap still reads, in English
      pattern = TABLES.get(LANGUAGES.getFirst()).getProperty(notice.key(), notice.key());
    }
    return new MessageFormat(pattern, locale(lang)).format(arguments);
  }

  /** A wait or a target in words: "5 minutes", "8 heures", "1 Tag" (whole units, rounded up). */
  public static String duration(String language, Duration duration) {
    long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
    if (seconds < 60) {
      return text(language, Notice.SECONDS, seconds);
    }
    long minutes = (seconds + 59) / 60;
    if (minutes < 60 || minutes % 60 != 0 && minutes < 180) {
      return text(language, Notice.MINUTES, minutes);
    }
    long hours = (minutes + 59) / 60;
    if (hours < 48 || hours % 24 != 0) {
      return text(language, Notice.HOURS, hours);
    }
    return text(language, Notice.DAYS, hours / 24);
  }

  /** An amount with two decimals and its currency code, as the language writes numbers. */
  public static String money(String language, BigDecimal amount, String currency) {
    NumberFormat number = NumberFormat.getNumberInstance(locale(language));
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException unknown) {
      // a code the JDK does not know still reads with two decimals
    }
    number.setMinimumFractionDigits(digits);
    number.setMaximumFractionDigits(digits);
    return number.format(amount) + (currency == null ? "" : " " + currency);
  }

  /** The locale a language's numbers and plurals are written in. */
  public static Locale locale(String language) {
    return Locale.forLanguageTag(speaks(language) ? language : LANGUAGES.getFirst());
  }

  /**
   * The headings the chat page draws around notices (keys ending in {@code .title}) and its own
   * words (keys starting {@code page.}: the author labels, the box, the button), in the language
   * (English when there are none in it); {@code {0}} stands for a ticket's number.
   */
  public static Map<String, String> headings(String language) {
    Properties table = TABLES.get(speaks(language) ? language : LANGUAGES.getFirst());
    return table.stringPropertyNames().stream()
        .filter(key -> key.endsWith(".title") || key.startsWith("page."))
        .collect(
            Collectors.toUnmodifiableMap(
                Function.identity(),
                // formatted (quotes resolved), the ticket's number left as {0} for the page
                key ->
                    new MessageFormat(table.getProperty(key), locale(language))
                        .format(new Object[] {"{0}"})));
  }

  /** The keys one language's table holds (for the completeness test). */
  static Properties table(String language) {
    return TABLES.get(language);
  }

  private static Properties load(String language) {
    String path = "notices/notices_" + language + ".properties";
    try (InputStream in = Notices.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      Properties table = new Properties();
      table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return table;
    } catch (IOException e) {
      throw new UncheckedIOException(path, e);
    }
  }
}
