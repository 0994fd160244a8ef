package io.frontdesk.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair of demo mode, generated once into the data folder and read back on every later
 * start, so demo tokens stay valid across restarts. PEM files: bin/mint-token signs with them.
 */
public record DemoKeyPair(PublicKey publicKey, PrivateKey privateKey) {

  public static final String PRIVATE_FILE = "demo-signing-key.pem";
  public static final String PUBLIC_FILE = "demo-public-key.pem";

  /** The pair kept in this folder, generated on the first call. */
  public static DemoKeyPair loadOrCreate(Path dir) {
    Path priv = dir.resolve(PRIVATE_FILE);
    Path pub = dir.resolve(PUBLIC_FILE);
    try {
      if (Files.exists(priv) && Files.exists(pub)) {
        return new DemoKeyPair(
            rsa().generatePublic(new X509EncodedKeySpec(pem(Files.readString(pub)))),
            rsa().generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(priv)))));
      }
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      var pair = generator.generateKeyPair();
      write(priv, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
      write(pub, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
      return new DemoKeyPair(pair.getPublic(), pair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the demo signing key in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read or create the demo signing key in " + dir, e);
    }
  }

  private static KeyFactory rsa() throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA");
  }

  private static byte[] pem(String text) {
    return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
  }

  private static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    if (secret) {
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // a non-POSIX file system keeps its own permissions
      }
    }
  }
}
