package io.frontdesk.guard.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Derived PII test sentences: each presidio sentence with a card, IBAN, SSN, phone number or e-mail
 * address, once per shape people also write that value in (spaced, dashed, masked, a 9xx SSN area,
 * an IBAN whose check digits are wrong, a payment handle with no domain), the rest of the sentence
 * unchanged. Deterministic; written by {@code bin/evaluate-guards} to {@code
 * target/pii-variants.json} in presidio's own format (plus a {@code variant} field), never
 * committed.
 */
final class PiiVariants {

  /** One derived sentence and the name of the shape it shows. */
  record Variant(String name, EvalData.PiiSentence sentence) {}

  private record Shape(String type, String name, String goldType, UnaryOperator<String> rewrite) {}

  private static final String[] UPI_BANKS = {
    "okaxis", "ybl", "paytm", "oksbi", "upi", "okhdfcbank"
  };

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("CREDIT_CARD", "card spaced", "CREDIT_CARD", v -> group(digits(v), " ")),
          new Shape("CREDIT_CARD", "card dashed", "CREDIT_CARD", v -> group(digits(v), "-")),
          new Shape(
              "CREDIT_CARD",
              "card masked but the last four (*)",
              "CREDIT_CARD",
              v -> group(mask(digits(v), 0, 4, '*'), " ")),
          new Shape(
              "CREDIT_CARD",
              "card masked in the middle (*)",
              "CREDIT_CARD",
              v -> group(mask(digits(v), 6, 4, '*'), " ")),
          new Shape(
              "CREDIT_CARD",
              "card masked but the last four (X, dashed)",
              "CREDIT_CARD",
              v -> group(mask(digits(v), 0, 4, 'X'), "-")),
          new Shape("IBAN_CODE", "IBAN spaced", "IBAN_CODE", v -> group4(compact(v))),
          new Shape(
              "IBAN_CODE",
              "IBAN spaced, lower case",
              "IBAN_CODE",
              v -> group4(compact(v)).toLowerCase(Locale.ROOT)),
          new Shape(
              "IBAN_CODE",
              "IBAN with wrong check digits",
              "IBAN_CODE",
              v -> breakCheck(compact(v))),
          new Shape(
              "IBAN_CODE",
              "IBAN with wrong check digits, spaced",
              "IBAN_CODE",
              v -> group4(breakCheck(compact(v)))),
          new Shape(
              "US_SSN",
              "SSN with a 9xx area",
              "US_SSN",
              v ->
                  "9"
                      + digits(v).substring(1, 3)
                      + "-"
                      + digits(v).substring(3, 5)
                      + "-"
                      + digits(v).substring(5)),
          new Shape("US_SSN", "SSN masked (*)", "US_SSN", v -> "***-**-" + digits(v).substring(5)),
          new Shape("US_SSN", "SSN masked (X)", "US_SSN", v -> "XXX-XX-" + digits(v).substring(5)),
          new Shape(
              "US_SSN",
              "SSN spaced",
              "US_SSN",
              v ->
                  digits(v).substring(0, 3)
                      + " "
                      + digits(v).substring(3, 5)
                      + " "
                      + digits(v).substring(5)),
          new Shape("PHONE_NUMBER", "phone dotted", "PHONE_NUMBER", PiiVariants::dotted),
          new Shape(
              "PHONE_NUMBER",
              "phone with a country code",
              "PHONE_NUMBER",
              PiiVariants::international),
          new Shape(
              "EMAIL_ADDRESS",
              "payment handle without a domain (UPI)",
              "PAYMENT_HANDLE",
              PiiVariants::upi));

  private PiiVariants() {}

  /** The shape names, in report order. */
  static List<String> names() {
    return SHAPES.stream().map(Shape::name).toList();
  }

  /** Every variant of every sentence, in order. */
  static List<Variant> derive(List<EvalData.PiiSentence> sentences) {
    List<Variant> out = new ArrayList<>();
    for (EvalData.PiiSentence s : sentences) {
      for (Shape shape : SHAPES) {
        for (int i = 0; i < s.spans().size(); i++) {
          EvalData.PiiSpan span = s.spans().get(i);
          if (!span.type().equals(shape.type())) {
            continue;
          }
          String value = s.text().substring(span.start(), span.end());
          if (shape.type().equals("US_SSN") && digits(value).length() != 9
              || shape.type().equals("CREDIT_CARD") && digits(value).length() < 12) {
            continue;
          }
          String rewritten = shape.rewrite().apply(value);
          if (rewritten != null) {
            out.add(new Variant(shape.name(), replace(s, i, rewritten, shape)));
          }
        }
      }
    }
    return out;
  }

  /** The sentence with span {@code index}'s value replaced; later spans shifted. */
  private static EvalData.PiiSentence replace(
      EvalData.PiiSentence s, int index, String value, Shape shape) {
    EvalData.PiiSpan target = s.spans().get(index);
    String text = s.text().substring(0, target.start()) + value + s.text().substring(target.end());
    int shift = value.length() - (target.end() - target.start());
    List<EvalData.PiiSpan> spans = new ArrayList<>();
    for (int i = 0; i < s.spans().size(); i++) {
      EvalData.PiiSpan span = s.spans().get(i);
      if (i == index) {
        spans.add(
            new EvalData.PiiSpan(shape.goldType(), span.start(), span.start() + value.length()));
      } else if (span.start() >= target.end()) {
        spans.add(new EvalData.PiiSpan(span.type(), span.start() + shift, span.end() + shift));
      } else {
        spans.add(span);
      }
    }
    return new EvalData.PiiSentence(text, spans);
  }

  /** Writes the variants in presidio's format with a {@code variant} field. */
  static void write(Path file, List<Variant> variants) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ArrayNode out = json.createArrayNode();
    for (Variant v : variants) {
      ObjectNode n = out.addObject();
      n.put("variant", v.name());
      n.put("full_text", v.sentence().text());
      ArrayNode spans = n.putArray("spans");
      for (EvalData.PiiSpan s : v.sentence().spans()) {
        spans
            .addObject()
            .put("entity_type", s.type())
            .put("entity_value", v.sentence().text().substring(s.start(), s.end()))
            .put("start_position", s.start())
            .put("end_position", s.end());
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), out);
  }

  private static String digits(String v) {
    return v.replaceAll("\\D", "");
  }

  private static String compact(String v) {
    return v.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
  }

  /** Card grouping: 4-6-5 for 15-digit American Express numbers, else groups of four. */
  private static String group(String d, String separator) {
    if (d.length() == 15 && d.charAt(0) == '3') {
      return d.substring(0, 4) + separator + d.substring(4, 10) + separator + d.substring(10);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < d.length(); i += 4) {
      out.append(i == 0 ? "" : separator).append(d, i, Math.min(d.length(), i + 4));
    }
    return out.toString();
  }

  private static String group4(String v) {
    return group(v.length() == 15 ? v + " " : v, " ").strip();
  }

  /** All but the first {@code keepFirst} and the last {@code keepLast} characters masked. */
  private static String mask(String d, int keepFirst, int keepLast, char mask) {
    StringBuilder out = new StringBuilder(d);
    for (int i = keepFirst; i < d.length() - keepLast; i++) {
      out.setCharAt(i, mask);
    }
    return out.toString();
  }

  /** The same IBAN with its check digits changed, so the mod-97 check fails. */
  private static String breakCheck(String iban) {
    int check = Integer.parseInt(iban.substring(2, 4));
    return iban.substring(0, 2)
        + String.format(Locale.ROOT, "%02d", (check + 37) % 97 + 2)
        + iban.substring(4);
  }

  private static String dotted(String v) {
    return v.strip().replaceAll("[\\s()-]+", ".").replaceAll("^\\.|\\.$", "");
  }

  /**
   * A national number with its country code: a leading 0 dropped after +44, or a ten-digit North
   * American number after +1; null (no variant) for one already international or of another shape.
   */
  private static String international(String v) {
    String d = digits(v);
    if (v.strip().startsWith("+") || v.strip().startsWith("00")) {
      return null;
    }
    if (d.startsWith("0") && d.length() >= 10 && d.length() <= 11) {
      String national = d.substring(1);
      return "+44 " + national.substring(0, 4) + " " + national.substring(4);
    }
    if (!d.startsWith("0") && !d.startsWith("1") && d.length() == 10) {
      return "+1 " + d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6);
    }
    return null;
  }

  private static String upi(String email) {
    String local = email.substring(0, Math.max(1, email.indexOf('@')));
    return local + "@" + UPI_BANKS[(int) (Split.hash(email) % UPI_BANKS.length)];
  }
}
