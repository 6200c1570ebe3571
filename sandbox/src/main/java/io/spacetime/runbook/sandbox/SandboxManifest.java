package io.spacetime.runbook.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.spacetime.runbook.sandbox.hosts.SandboxHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code <sandbox dir>/sandbox.json}: what a started sandbox consists of, so the {@code sandbox}
 * CLI commands (status, release, down) can work on it from another process, without its daemon.
 * {@link Sandbox} writes it once every host is ready; paths in it are absolute.
 */
public record SandboxManifest(String environmentName, Path environmentFile, boolean openssh, List<SandboxHost> hosts) {

  static final String FILE_NAME = "sandbox.json";
  /** Paths as plain paths (Jackson's default is a file: URI), for a person reading the file. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

  void write(Path sandboxDir) throws IOException {
    JSON.writeValue(sandboxDir.resolve(FILE_NAME).toFile(), this);
  }

  public static boolean exists(Path sandboxDir) {
    return Files.exists(sandboxDir.resolve(FILE_NAME));
  }

  /** The manifest in {@code sandboxDir}; the message says how to start a sandbox when there is none. */
  public static SandboxManifest read(Path sandboxDir) throws IOException {
    Path file = sandboxDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      throw new IOException("no sandbox in " + sandboxDir + " (" + FILE_NAME + " is missing); start one with:"
          + " ./runbook sandbox up");
    }
    return JSON.readValue(file.toFile(), SandboxManifest.class);
  }
}
