package io.spacetime.runbook.starter.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens the intake accepts: several at once (one per caller, or an old and a new one
 * while rotating), from a file (one per line, {@code #} comments) and/or {@value #ENV}
 * (comma-separated). A presented token is compared with every accepted one in constant time
 * ({@link MessageDigest#isEqual} over SHA-256 digests, so neither content nor length leaks
 * through timing). Tokens are never part of {@link #toString()}, a log line or a response.
 */
public final class IntakeTokens {

  public static final String ENV = "RUNBOOK_INTAKE_TOKENS";
  /** Shorter tokens are guessable; {@code head -c 32 /dev/urandom | base64} makes a good one. */
  public static final int MIN_LENGTH = 16;

  private final List<byte[]> digests;

  private IntakeTokens(List<byte[]> digests) {
    this.digests = List.copyOf(digests);
  }

  /** Tokens given directly (tests). */
  public static IntakeTokens of(List<String> tokens) {
    return new IntakeTokens(checked(tokens, "the token list"));
  }

  /**
   * The tokens of {@code file} (may be null) and of {@code envValue} (the variable's value, may be
   * null). At least one is required: the intake never runs without authentication.
   */
  public static IntakeTokens load(Path file, String envValue) {
    List<byte[]> all = new ArrayList<>();
    if (file != null) {
      all.addAll(checked(fromFile(file), "tokens file " + file));
    }
    if (envValue != null && !envValue.isBlank()) {
      List<String> fromEnv = new ArrayList<>();
      for (String token : envValue.split(",")) {
        if (!token.isBlank()) {
          fromEnv.add(token.strip());
        }
      }
      all.addAll(checked(fromEnv, "$" + ENV));
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("the intake needs at least one bearer token: --tokens-file FILE (one per line)"
          + " or $" + ENV + " (comma-separated); make one with: head -c 32 /dev/urandom | base64");
    }
    return new IntakeTokens(all);
  }

  /** True when {@code presented} is one of the tokens; every token is compared, whatever matches. */
  public boolean accepts(String presented) {
    if (presented == null) {
      return false;
    }
    byte[] digest = sha256(presented);
    boolean accepted = false;
    for (byte[] known : digests) {
      accepted |= MessageDigest.isEqual(known, digest);
    }
    return accepted;
  }

  public int count() {
    return digests.size();
  }

  @Override
  public String toString() {
    return digests.size() + " token(s)";
  }

  private static List<String> fromFile(Path file) {
    try {
      List<String> tokens = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String token = line.strip();
        if (!token.isEmpty() && !token.startsWith("#")) {
          tokens.add(token);
        }
      }
      return tokens;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the tokens file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<byte[]> checked(List<String> tokens, String where) {
    List<byte[]> digests = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token.length() < MIN_LENGTH || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        // The position, never the token: this message may end up in a log.
        throw new IllegalArgumentException(where + ": token " + (i + 1) + " is not at least " + MIN_LENGTH
            + " printable characters without spaces; make one with: head -c 32 /dev/urandom | base64");
      }
      digests.add(sha256(token));
    }
    return digests;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
