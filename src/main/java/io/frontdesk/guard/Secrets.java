package io.frontdesk.guard;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API keys, tokens, private keys and passwords: known key formats (Stripe and Skyline {@code
 * sk_live_}, OpenAI, AWS, GitHub, GitLab, npm, Hugging Face, Slack, Google, SendGrid, JWTs, PEM
 * private keys) and the value after a name like {@code password=} or {@code Bearer}.
 */
final class Secrets {

  private Secrets() {}

  /** A secret format and the literal it always contains, so most texts skip the regex. */
  private record SecretFormat(String literal, Pattern pattern) {}

  private static final List<SecretFormat> SECRETS =
      List.of(
          new SecretFormat(
              "PRIVATE KEY-----",
              Pattern.compile(
                  "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE"
                      + " KEY-----|\\z)")),
          new SecretFormat("_live_", Pattern.compile("\\b(?:sk|pk|rk)_live_[A-Za-z0-9]{8,}")),
          new SecretFormat("_test_", Pattern.compile("\\b(?:sk|pk|rk)_test_[A-Za-z0-9]{8,}")),
          new SecretFormat("sk-", Pattern.compile("\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}")),
          new SecretFormat("AKIA", Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b")),
          new SecretFormat("ASIA", Pattern.compile("\\bASIA[0-9A-Z]{16}\\b")),
          new SecretFormat("gh", Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{30,}\\b")),
          new SecretFormat("github_pat_", Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{30,}")),
          new SecretFormat("glpat-", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
          new SecretFormat("npm_", Pattern.compile("\\bnpm_[A-Za-z0-9]{30,}")),
          new SecretFormat("hf_", Pattern.compile("\\bhf_[A-Za-z0-9]{30,}")),
          new SecretFormat("xox", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
          new SecretFormat("AIza", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
          new SecretFormat("SG.", Pattern.compile("\\bSG\\.[\\w-]{16,}\\.[\\w-]{16,}")),
          new SecretFormat(
              "eyJ",
              Pattern.compile(
                  "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")));

  /** Words that precede a named secret's value; without one, the value patterns are skipped. */
  private static final List<String> SECRET_NAMES =
      List.of("bearer", "key", "secret", "token", "pass", "pwd");

  /** A named secret whose value follows: only the value (group 1) is replaced. */
  private static final Pattern[] SECRET_VALUES = {
    Pattern.compile("(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)"),
    Pattern.compile(
        "(?i)\\b(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token"
            + "|auth[_-]?token|refresh[_-]?token|token|password|passwd|pwd|passphrase)"
            + "[\"']?\\s*[:=]\\s*[\"']?([^\\s\"',;]{8,})"),
  };

  /** Adds every secret in {@code text} to {@code out}. */
  static void find(String text, List<GuardFinding> out) {
    for (SecretFormat format : SECRETS) {
      if (text.contains(format.literal())) {
        PiiRedactor.add(out, format.pattern().matcher(text), PiiEntity.SECRET, 0.95);
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (SECRET_NAMES.stream().anyMatch(lower::contains)) {
      for (Pattern p : SECRET_VALUES) {
        Matcher m = p.matcher(text);
        while (m.find()) {
          if (looksLikeSecret(m.group(1))) {
            out.add(PiiRedactor.finding(PiiEntity.SECRET, 0.85, m.start(1), m.end(1)));
          }
        }
      }
    }
  }

  /** A value after "password=" or "token:" that is not an ordinary word. */
  private static boolean looksLikeSecret(String value) {
    boolean digit = false;
    boolean letter = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      digit |= Character.isDigit(c);
      letter |= Character.isLetter(c);
    }
    return value.length() >= 20 || digit && letter;
  }
}
