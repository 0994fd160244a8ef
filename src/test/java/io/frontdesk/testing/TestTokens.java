package io.frontdesk.testing;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Tokens as the operator's backend would mint them for the test application (RS256 with the key
 * {@link TestKeys} generates, issuer {@value #ISSUER}), and the forgeries an attacker would try.
 */
public final class TestTokens {

  public static final String ISSUER = "https://auth.test.frontdesk";

  private static final PrivateKey KEY = TestKeys.TRUSTED.privateKey();
  private static final PrivateKey OTHER_KEY = TestKeys.UNTRUSTED.privateKey();

  private TestTokens() {}

  /** A valid customer token: {@code sub} is the customer id, no groups. */
  public static String customer(String customerId) {
    return sign(customerId, Set.of(), KEY, Instant.now().plusSeconds(3600));
  }

  /** A valid human-agent token. */
  public static String agent(String agentId) {
    return sign(agentId, Set.of("agent"), KEY, Instant.now().plusSeconds(3600));
  }

  /** A valid administrator token. */
  public static String admin(String adminId) {
    return sign(adminId, Set.of("admin"), KEY, Instant.now().plusSeconds(3600));
  }

  /** A customer token that expired this long ago. */
  public static String expiredCustomer(String customerId, long secondsAgo) {
    return sign(customerId, Set.of(), KEY, Instant.now().minusSeconds(secondsAgo));
  }

  /**
   * A validly signed token (trusted key, the test issuer, expiring at {@code expires}) carrying
   * exactly these claims besides {@code iss} and {@code exp}: what an identity backend that lets
   * users choose names might put in {@code upn} or {@code preferred_username}.
   */
  public static String withClaims(Map<String, Object> claims, Instant expires) {
    // issued before it expires, as a real token is, even one that expires in the past
    long issued = Math.min(Instant.now().getEpochSecond(), expires.getEpochSecond() - 60);
    return Jwt.claims(claims)
        .issuer(ISSUER)
        .issuedAt(issued)
        .expiresAt(expires.getEpochSecond())
        .sign(KEY);
  }

  /** {@link #withClaims(Map, Instant)} valid for an hour. */
  public static String withClaims(Map<String, Object> claims) {
    return withClaims(claims, Instant.now().plusSeconds(3600));
  }

  /** A well-formed customer token signed by a key the application does not trust. */
  public static String forgedCustomer(String customerId) {
    return sign(customerId, Set.of(), OTHER_KEY, Instant.now().plusSeconds(3600));
  }

  /** A customer token from another issuer. */
  public static String customerFromIssuer(String customerId, String issuer) {
    return Jwt.issuer(issuer)
        .subject(customerId)
        .expiresAt(Instant.now().plusSeconds(3600).getEpochSecond())
        .sign(KEY);
  }

  /** A token that says {@code alg: none} and carries no signature. */
  public static String algNone(String customerId) {
    return unsignedToken("{\"alg\":\"none\",\"typ\":\"JWT\"}", customerId) + ".";
  }

  /** Header and claims with the signature part left out entirely. */
  public static String withoutSignature(String customerId) {
    return unsignedToken("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", customerId);
  }

  /**
   * The classic HS/RS confusion: HS256 keyed with the server's public key, which an attacker can
   * read, hoping the server verifies HMAC with the key it uses for RSA.
   */
  public static String hs256SignedWithThePublicKey(String customerId) {
    String signingInput = unsignedToken("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", customerId);
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              TestKeys.trustedPublicKeyPem().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return signingInput
          + "."
          + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.util.Base64.Encoder B64 =
      java.util.Base64.getUrlEncoder().withoutPadding();

  private static String unsignedToken(String header, String customerId) {
    String claims =
        "{\"iss\":\"%s\",\"sub\":\"%s\",\"exp\":%d}"
            .formatted(ISSUER, customerId, Instant.now().plusSeconds(3600).getEpochSecond());
    return B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
  }

  static String sign(String subject, Set<String> groups, PrivateKey key, Instant expires) {
    var claims = Jwt.issuer(ISSUER).subject(subject).expiresAt(expires.getEpochSecond());
    if (!groups.isEmpty()) {
      claims.groups(groups);
    }
    return claims.sign(key);
  }
}
