package io.frontdesk.testing;

import io.frontdesk.security.DemoKeyPair;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The RSA key pairs the tests sign with, generated on the first test run into {@code
 * target/test-keys} (never committed): the pair the test application trusts, and one it does not
 * (forgeries).
 */
public final class TestKeys {

  private static final Path DIR = Path.of("target", "test-keys").toAbsolutePath();

  /** The pair whose public key the test application verifies tokens with. */
  public static final DemoKeyPair TRUSTED = DemoKeyPair.loadOrCreate(DIR.resolve("trusted"));

  /** A well-formed pair the test application has never seen. */
  public static final DemoKeyPair UNTRUSTED = DemoKeyPair.loadOrCreate(DIR.resolve("untrusted"));

  private TestKeys() {}

  /**
   * Where the trusted public key is, as {@code frontdesk.security.public-key-location} takes it.
   */
  public static String trustedPublicKeyLocation() {
    return "file:" + publicKeyFile();
  }

  /** The trusted public key's PEM text, which an attacker can read. */
  public static String trustedPublicKeyPem() {
    try {
      return Files.readString(publicKeyFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path publicKeyFile() {
    TRUSTED.publicKey(); // generated before anyone reads the file
    return DIR.resolve("trusted").resolve(DemoKeyPair.PUBLIC_FILE);
  }

  /** Points the test application at the trusted public key. */
  public static final class Resource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
      return Map.of("frontdesk.security.public-key-location", trustedPublicKeyLocation());
    }

    @Override
    public void stop() {}
  }
}
