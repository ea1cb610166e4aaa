package dev.slipway.testing.azure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} (subject alternative names), made by the
 * running JDK's own {@code keytool} into a PKCS12 keystore in a temporary folder, with the certificate written as PEM
 * for clients to trust.
 */
final class SelfSignedCertificate {

  private static final String ALIAS = "fake-arm";

  private final SSLContext sslContext;
  private final Path certificatePem;
  private final String certificatePemText;
  private final String privateKeyPem;

  private SelfSignedCertificate(SSLContext sslContext, Path certificatePem, String certificatePemText,
      String privateKeyPem) {
    this.sslContext = sslContext;
    this.certificatePem = certificatePem;
    this.certificatePemText = certificatePemText;
    this.privateKeyPem = privateKeyPem;
  }

  static SelfSignedCertificate create(Path directory) {
    String password = UUID.randomUUID().toString();
    Path keystore = directory.resolve("fake-arm.p12");
    Path log = directory.resolve("keytool.log");
    List<String> command = List.of(keytool().toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
        "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=localhost", "-ext",
        "SAN=dns:localhost,ip:127.0.0.1", "-startdate", "-1d", "-validity", "30", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password, "-noprompt");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed (" + process.exitValue() + "): "
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, password.toCharArray());
      }
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      Certificate certificate = store.getCertificate(ALIAS);
      PrivateKey key = (PrivateKey) store.getKey(ALIAS, password.toCharArray());
      String certificateText = pem("CERTIFICATE", certificate.getEncoded());
      Path pemFile = directory.resolve("fake-arm.pem");
      Files.writeString(pemFile, certificateText, StandardCharsets.UTF_8);
      return new SelfSignedCertificate(context, pemFile, certificateText, pem("PRIVATE KEY", key.getEncoded()));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the fake's TLS certificate", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }

  /** The running JDK's keytool, else the one under {@code $JAVA_HOME}. */
  private static Path keytool() {
    Path own = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (Files.isExecutable(own)) {
      return own;
    }
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && Files.isExecutable(Path.of(javaHome, "bin", "keytool"))) {
      return Path.of(javaHome, "bin", "keytool");
    }
    throw new IllegalStateException("no keytool in java.home (" + own.getParent() + ") nor under JAVA_HOME");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  SSLContext sslContext() {
    return sslContext;
  }

  Path certificatePem() {
    return certificatePem;
  }

  String certificatePemText() {
    return certificatePemText;
  }

  String privateKeyPem() {
    return privateKeyPem;
  }
}
