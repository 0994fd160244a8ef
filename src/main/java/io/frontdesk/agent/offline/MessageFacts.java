package io.frontdesk.agent.offline;

import io.frontdesk.technical.ServiceSummary;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline model reads out of a customer's message: the ids, amount and service it names.
 */
final class MessageFacts {

  static final Pattern PAYMENT_ID = Pattern.compile("\\bpay_\\d+\\b");
  static final Pattern INVOICE_ID =
      Pattern.compile("\\b(inv_\\d+|SKY-\\d{4}-\\d+)\\b", Pattern.CASE_INSENSITIVE);
  static final Pattern SERVICE_ID = Pattern.compile("\\bsvc_\\d+\\b");
  static final Pattern ORDER_ID = Pattern.compile("\\bord_\\d+\\b");

  /** An amount: 13.20, €13, 13 EUR (a bare integer could be a count or a date). */
  private static final Pattern AMOUNT =
      Pattern.compile(
          "[$€£]\\s?(\\d+(?:[.,]\\d{1,2})?)|(?<![\\w.,-])(\\d+[.,]\\d{2})(?!\\d)"
              + "|(?<![\\w.,-])(\\d+(?:[.,]\\d{1,2})?)\\s?(?:eur|usd|gbp|euros?|dollars?|pounds?)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

  /** A word that points back at what was just discussed: "restart it", "its logs". */
  private static final Pattern REFERS_BACK =
      Pattern.compile(
          "\\b(it|its|it's|that one|this one|that service|the same( one)?|anyway)\\b",
          Pattern.CASE_INSENSITIVE);

  /** A correction of what the customer said before: "sorry, I meant reports-web". */
  private static final Pattern CORRECTION =
      Pattern.compile(
          "\\b(i meant|i mean|meant|instead|not that one|wrong one|actually)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Frustration or abuse aimed at the product or the desk (not a fault report by itself). */
  private static final Pattern FRUSTRATED =
      Pattern.compile(
          "\\b(garbage|useless|ridiculous|rubbish|terrible|awful|pathetic|worst|joke|hopeless"
              + "|unacceptable|fed up|sick of|hate (you|this|skyline)|sucks|crap|waiting for ages"
              + "|nothing (ever )?works)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Asks for a person outright (then the router's human route or a ticket answers). */
  private static final Pattern WANTS_PERSON =
      Pattern.compile(
          "\\b(manager|supervisor|human|real person|a person|someone (real|from your team)"
              + "|lawyer|legal)\\b",
          Pattern.CASE_INSENSITIVE);

  /** A question about an incident or outage on Skyline's side. */
  private static final Pattern INCIDENT =
      Pattern.compile(
          "\\b(incidents?|outages?|status page|down for everyone|are you (having )?(issues|problems))\\b",
          Pattern.CASE_INSENSITIVE);

  /** A charge the customer believes was taken more than once. */
  private static final Pattern DUPLICATE_CHARGE =
      Pattern.compile(
          "\\b(charged (me )?(twice|two times|double|three times|again)|double[- ]charged"
              + "|duplicate (charge|payment|invoice)|billed (me )?twice|paid twice)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Asks for a service's log lines. */
  private static final Pattern LOGS =
      Pattern.compile("\\b(logs?|log lines)\\b", Pattern.CASE_INSENSITIVE);

  /** A question answered by yes or no: "Can I …?", "Is there …?", "Does it …?". */
  private static final Pattern YES_NO =
      Pattern.compile(
          "^\\W*(?:(?:hi|hello|hey|ok|okay|so|and|also|but)\\W+)*"
              + "(can|could|is|are|am|do|does|did|will|would|should|has|have|may|was|were)\\b.*\\?",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  /** Agrees to what the desk offered: "yes", "please do", "go ahead". */
  private static final Pattern AGREES =
      Pattern.compile(
          "^\\W*(yes|yeah|yep|sure|ok|okay|please|go ahead|do it|refund)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REFUND =
      Pattern.compile("\\b(refund|money back|reimburse)", Pattern.CASE_INSENSITIVE);

  private static final Pattern RESTART =
      Pattern.compile("\\b(restart|reboot|bounce)", Pattern.CASE_INSENSITIVE);

  /** Everyday function words of French, German, Spanish and Portuguese that English lacks. */
  private static final Set<String> FOREIGN =
      Set.of(
          "je", "vous", "le", "les", "est", "pas", "mon", "ma", "mes", "une", "des", "du", "au",
          "ne", "pour", "avec", "sur", "ich", "nicht", "meine", "mein", "ist", "sie", "das", "und",
          "mit", "ein", "eine", "der", "bitte", "por", "que", "qué", "mi", "está", "el", "los",
          "las", "una", "es", "desde", "esta", "não", "você", "meu", "minha", "com", "para", "pode",
          "um", "uma", "se", "il", "plaît", "können");

  /** Everyday function words of English. */
  private static final Set<String> ENGLISH =
      Set.of(
          "the", "is", "my", "i", "you", "to", "a", "an", "and", "it", "can", "please", "what",
          "how", "why", "of", "on", "in", "for", "me", "with", "this", "that", "was", "are", "do",
          "not", "have", "there", "your", "our", "we", "be");

  private static final Pattern LETTERS = Pattern.compile("[^\\p{L}]+");

  /**
   * Whether the message is plainly not English (more French, German, Spanish or Portuguese function
   * words than English ones, and at least two): the English-only offline model must not guess at
   * it. Unsure means English.
   */
  static boolean notEnglish(String message) {
    int foreign = 0;
    int english = 0;
    for (String w : LETTERS.split(message.toLowerCase(Locale.ROOT))) {
      foreign += FOREIGN.contains(w) ? 1 : 0;
      english += ENGLISH.contains(w) ? 1 : 0;
    }
    return foreign >= 2 && foreign > english;
  }

  static boolean asksForRefund(String message) {
    return REFUND.matcher(message).find();
  }

  static boolean asksForRestart(String message) {
    return RESTART.matcher(message).find();
  }

  static boolean refersBack(String message) {
    return REFERS_BACK.matcher(message).find();
  }

  static boolean corrects(String message) {
    return CORRECTION.matcher(message).find();
  }

  static boolean frustrated(String message) {
    return FRUSTRATED.matcher(message).find();
  }

  static boolean wantsPerson(String message) {
    return WANTS_PERSON.matcher(message).find();
  }

  static boolean asksAboutIncident(String message) {
    return INCIDENT.matcher(message).find();
  }

  static boolean chargedTwice(String message) {
    return DUPLICATE_CHARGE.matcher(message).find();
  }

  static boolean asksForLogs(String message) {
    return LOGS.matcher(message).find();
  }

  static boolean yesNoQuestion(String message) {
    return YES_NO.matcher(message.strip()).matches();
  }

  static boolean agrees(String message) {
    return AGREES.matcher(message).find();
  }

  /** Whether the message names anything by its id (an order, a service, an invoice, a payment). */
  static boolean namesAnId(String message) {
    return ORDER_ID.matcher(message).find()
        || SERVICE_ID.matcher(message).find()
        || INVOICE_ID.matcher(message).find()
        || PAYMENT_ID.matcher(message).find();
  }

  private MessageFacts() {}

  /** The amount the message names, if any. */
  static Optional<BigDecimal> amount(String message) {
    Matcher m = AMOUNT.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return Optional.of(new BigDecimal(m.group(g).replace(',', '.')));
      }
    }
    return Optional.empty();
  }

  /**
   * The service the message names: its id, else the one sharing most words with the message (its
   * name's parts, e.g. "checkout" of checkout-api, or its type, e.g. api); none if no word matches.
   */
  static Optional<ServiceSummary> named(List<ServiceSummary> services, String message) {
    Matcher id = SERVICE_ID.matcher(message);
    if (id.find()) {
      String wanted = id.group();
      return services.stream().filter(x -> x.serviceId().equals(wanted)).findFirst();
    }
    Set<String> words = words(message);
    ServiceSummary best = null;
    long bestOverlap = 0;
    for (ServiceSummary service : services) {
      Set<String> own = words(service.name() + " " + service.type());
      long overlap = own.stream().filter(words::contains).count();
      if (overlap > bestOverlap) {
        best = service;
        bestOverlap = overlap;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * The services a question is about: those sharing a word with it (their name's parts or type:
   * "the API" = the api services), else all of them.
   */
  static List<ServiceSummary> concerned(List<ServiceSummary> services, String message) {
    Set<String> words = words(message);
    words.addAll(
        words.stream()
            .filter(w -> w.endsWith("s"))
            .map(w -> w.substring(0, w.length() - 1))
            .toList());
    List<ServiceSummary> named =
        services.stream()
            .filter(x -> words(x.name() + " " + x.type()).stream().anyMatch(words::contains))
            .toList();
    return named.isEmpty() ? services : named;
  }

  /** How customers call a service type: "my website" is the web service, "the db" the database. */
  private static final Map<String, String> TYPE_WORDS =
      Map.of(
          "website", "web",
          "site", "web",
          "frontend", "web",
          "db", "database",
          "postgres", "database",
          "job", "cron",
          "jobs", "cron",
          "queue", "worker");

  /** A service written as its name ("orders-api", "billing-cron"): the message is about it. */
  private static final Pattern SERVICE_NAME =
      Pattern.compile("\\b[a-z]+-(web|api|worker|database|cron)\\b", Pattern.CASE_INSENSITIVE);

  static boolean namesAService(String message) {
    return SERVICE_ID.matcher(message).find() || SERVICE_NAME.matcher(message).find();
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (w.length() > 2 || TYPE_WORDS.containsKey(w)) {
        out.add(TYPE_WORDS.getOrDefault(w, w));
      }
    }
    return out;
  }
}
