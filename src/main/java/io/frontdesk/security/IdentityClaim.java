package io.frontdesk.security;

import io.frontdesk.http.TextRules;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the caller's id from the one claim the operator configured ({@code
 * frontdesk.security.identity-claim}, default {@code sub}): a non-blank string that keeps {@link
 * TextRules}, at most {@value #MAX_LENGTH} characters. Any other claim ({@code upn}, {@code
 * preferred_username}) is never read, so a name a user may choose never becomes their identity.
 */
final class IdentityClaim {

  static final int MAX_LENGTH = 255;

  private final String name;

  IdentityClaim(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalStateException("frontdesk.security.identity-claim must name a claim");
    }
    this.name = name.strip();
  }

  String name() {
    return name;
  }

  /** The caller's id, or {@link TokenVerifier.InvalidToken} saying what is wrong with the claim. */
  String of(JsonWebToken token) {
    Object value = token.getClaim(name);
    if (value == null) {
      throw new TokenVerifier.InvalidToken(
          "the token has no '%s' claim naming the caller".formatted(name));
    }
    String id =
        switch (value) {
          case String s -> s;
          case JsonString s -> s.getString();
          default ->
              throw new TokenVerifier.InvalidToken(
                  "the token's '%s' claim is not a string".formatted(name));
        };
    if (id.isBlank()) {
      throw new TokenVerifier.InvalidToken("the token's '%s' claim is empty".formatted(name));
    }
    String problem = TextRules.problem(id);
    if (problem != null) {
      throw new TokenVerifier.InvalidToken("the token's '%s' claim %s".formatted(name, problem));
    }
    if (id.length() > MAX_LENGTH || !id.equals(id.strip())) {
      throw new TokenVerifier.InvalidToken(
          "the token's '%s' claim is not an id (at most %d characters, no surrounding spaces)"
              .formatted(name, MAX_LENGTH));
    }
    return id;
  }
}
