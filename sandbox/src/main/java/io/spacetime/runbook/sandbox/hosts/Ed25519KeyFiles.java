package io.spacetime.runbook.sandbox.hosts;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 key pairs as OpenSSH writes them ({@code ssh-keygen -t ed25519 -N ''}): an unencrypted
 * {@code openssh-key-v1} private key file (mode 0600, which sshd insists on for host keys) and a
 * {@code .pub} line. Generated with the JDK, so the embedded sandbox needs no OpenSSH client
 * installed; sshj, MINA SSHD and OpenSSH all read the result.
 */
final class Ed25519KeyFiles {

  private static final String KEY_TYPE = "ssh-ed25519";
  private static final int RAW_KEY_LENGTH = 32;

  private Ed25519KeyFiles() {}

  /**
   * Returns the public key line of {@code privateKey}, generating the pair first if the file does
   * not exist yet (keys stay stable across sandbox restarts).
   */
  static String ensure(Path privateKey, String comment) throws IOException {
    Path publicKey = publicKeyFile(privateKey);
    if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
      generate(privateKey, comment);
    }
    return Files.readString(publicKey).trim();
  }

  static Path publicKeyFile(Path privateKey) {
    return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
  }

  /** {@code ssh-ed25519 AAAA...} without the comment: the form known_hosts entries use. */
  static String typeAndKey(String publicKeyLine) {
    String[] parts = publicKeyLine.trim().split("\\s+");
    return parts[0] + " " + parts[1];
  }

  private static void generate(Path privateKey, String comment) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("this JVM cannot generate Ed25519 keys", e);
    }
    byte[] encodedPublic = pair.getPublic().getEncoded();
    // X.509 SubjectPublicKeyInfo of Ed25519 ends with the 32 raw key bytes.
    byte[] publicRaw = Arrays.copyOfRange(encodedPublic, encodedPublic.length - RAW_KEY_LENGTH, encodedPublic.length);
    byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
        .orElseThrow(() -> new IOException("the JVM did not expose the Ed25519 private key bytes"));
    byte[] publicBlob = publicBlob(publicRaw);

    Files.createDirectories(privateKey.toAbsolutePath().getParent());
    Files.deleteIfExists(privateKey);
    Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(privateKey, pem(privateKeyFile(publicBlob, publicRaw, seed, comment)));
    Files.writeString(publicKeyFile(privateKey),
        KEY_TYPE + " " + Base64.getEncoder().encodeToString(publicBlob) + " " + comment + "\n");
  }

  private static byte[] publicBlob(byte[] publicRaw) throws IOException {
    SshBuffer blob = new SshBuffer();
    blob.string(KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
    blob.string(publicRaw);
    return blob.toByteArray();
  }

  /** PROTOCOL.key of OpenSSH: magic, cipher/kdf "none", one public key, the private section. */
  private static byte[] privateKeyFile(byte[] publicBlob, byte[] publicRaw, byte[] seed, String comment)
      throws IOException {
    int check = new SecureRandom().nextInt();
    SshBuffer secret = new SshBuffer();
    secret.uint32(check);
    secret.uint32(check);
    secret.string(KEY_TYPE.getBytes(StandardCharsets.US_ASCII));
    secret.string(publicRaw);
    byte[] secretKey = new byte[64];
    System.arraycopy(seed, 0, secretKey, 0, 32);
    System.arraycopy(publicRaw, 0, secretKey, 32, 32);
    secret.string(secretKey);
    secret.string(comment.getBytes(StandardCharsets.UTF_8));
    for (int pad = 1; secret.size() % 8 != 0; pad++) {
      secret.out.write(pad);
    }

    SshBuffer file = new SshBuffer();
    file.out.write("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII));
    file.string("none".getBytes(StandardCharsets.US_ASCII));
    file.string("none".getBytes(StandardCharsets.US_ASCII));
    file.string(new byte[0]);
    file.uint32(1);
    file.string(publicBlob);
    file.string(secret.toByteArray());
    return file.toByteArray();
  }

  private static String pem(byte[] body) {
    String base64 = Base64.getEncoder().encodeToString(body);
    StringBuilder text = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for (int i = 0; i < base64.length(); i += 70) {
      text.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
    }
    return text.append("-----END OPENSSH PRIVATE KEY-----\n").toString();
  }

  /** SSH wire encoding: big-endian uint32 and length-prefixed strings. */
  private static final class SshBuffer {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DataOutputStream out = new DataOutputStream(bytes);

    void uint32(int value) throws IOException {
      out.writeInt(value);
    }

    void string(byte[] value) throws IOException {
      out.writeInt(value.length);
      out.write(value);
    }

    int size() {
      return bytes.size();
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
