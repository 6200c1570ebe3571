package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.starter.client.RunbookClient;
import io.spacetime.runbook.starter.intake.IntakeServer;
import io.spacetime.runbook.starter.intake.IntakeSettings;
import io.spacetime.runbook.starter.intake.IntakeTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "intake",
    description = {
        "Serve the HTTP intake for Alertmanager, incident bots and release automation.",
        "Every endpoint but /healthz needs a bearer token (--tokens-file, one per line,",
        "and/or $RUNBOOK_INTAKE_TOKENS, comma-separated). GET /openapi.yaml lists them.",
        "",
        "Examples:",
        "  head -c 32 /dev/urandom | base64 > intake.tokens",
        "  ./runbook intake --tokens-file intake.tokens \\",
        "      --default-environment production \\",
        "      --type-for HighErrorRate=high-error-rate --type-for DiskFull=disk-space",
        "  RUNBOOK_INTAKE_TOKENS=$CI_TOKEN ./runbook intake --bind 0.0.0.0 --port 8089",
        "",
        "Alertmanager: webhook_configs: [{url: http://HOST:8089/v1/alerts/alertmanager,",
        "  http_config: {authorization: {credentials_file: intake.tokens}}}]"},
    mixinStandardHelpOptions = true)
public final class IntakeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;

  @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: ${DEFAULT-VALUE}).")
  int port = IntakeSettings.DEFAULT_PORT;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String bind = IntakeSettings.DEFAULT_BIND;

  @Option(names = "--tokens-file", paramLabel = "FILE", description = "Accepted bearer tokens, one per line (# comments).")
  Path tokensFile;

  @Option(names = "--default-environment", paramLabel = "ENV",
      description = "Environment of an alert without an 'environment' label (else refused).")
  String defaultEnvironment = "";

  @Option(names = "--type-for", paramLabel = "ALERTNAME=TYPE",
      description = "Incident type of an alert without an 'incident_type' label, by alertname. Repeatable.")
  List<String> typeFor = new ArrayList<>();

  @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes = IntakeSettings.DEFAULT_MAX_BODY_BYTES;

  @Override
  public Integer call() throws InterruptedException {
    IntakeSettings.Builder settings = IntakeSettings.newBuilder(
            IntakeTokens.load(tokensFile, System.getenv(IntakeTokens.ENV)))
        .setPort(port).setBind(bind).setDefaultEnvironment(defaultEnvironment).setMaxBodyBytes(maxBodyBytes);
    typeFor.forEach(settings::addTypeFor);
    IntakeSettings built = settings.build();
    TemporalConnection connection = client.connect();
    IntakeServer server = IntakeServer.start(new RunbookClient(connection), built, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      connection.close();
    }, "intake-shutdown"));
    spec.commandLine().getOut().println("Intake listening on http://" + bind + ":" + server.port() + " for Temporal at "
        + connection.settings().address() + " (task queue " + connection.settings().taskQueue() + "); Ctrl-C stops it.");
    spec.commandLine().getOut().flush();
    Thread.currentThread().join();
    return ExitCodes.OK;
  }
}
