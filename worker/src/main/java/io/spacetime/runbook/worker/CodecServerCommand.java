package io.spacetime.runbook.worker;

import io.spacetime.runbook.connection.PayloadEncryption;
import io.spacetime.runbook.connection.TemporalSettings;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "codec-server",
    description = {
        "Serve the payload codec to the Temporal Web UI, so it shows encrypted inputs and results.",
        "Uses the keys of RUNBOOK_CODEC_KEY_FILE / RUNBOOK_CODEC_KEY and RUNBOOK_CODEC_OLD_KEY_FILES",
        "(the worker's keys): it decrypts with each, and encrypts with the active one.",
        "",
        "  RUNBOOK_CODEC_KEY_FILE=codec.key ./runbook codec-server --port 8234",
        "  ./runbook dev-server --codec-endpoint http://127.0.0.1:8234",
        "",
        "Anyone who can reach this endpoint can decrypt payloads: keep it on a trusted address."},
    mixinStandardHelpOptions = true)
public final class CodecServerCommand implements Callable<Integer> {

  @Option(names = "--address", defaultValue = "127.0.0.1", description = "Bind address (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--port", defaultValue = "8234", description = "Port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--ui-origin", defaultValue = "http://127.0.0.1:8233",
      description = "The Web UI's origin, allowed by CORS (default: ${DEFAULT-VALUE}).")
  String uiOrigin;

  @Override
  public Integer call() throws Exception {
    TemporalSettings settings = TemporalSettings.fromEnvironment();
    if (!settings.encryptsPayloads()) {
      throw new IllegalArgumentException("no payload key: set RUNBOOK_CODEC_KEY_FILE (or RUNBOOK_CODEC_KEY) to the worker's key");
    }
    PayloadEncryption codec = PayloadEncryption.from(settings);
    CodecServer server = CodecServer.start(codec, address, port, uiOrigin);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }));
    System.out.println("codec endpoint http://" + address + ":" + server.port() + " (encrypting with key " + codec.keyId()
        + ", decrypting " + codec.keyIds() + ")");
    stopped.await();
    return 0;
  }
}
