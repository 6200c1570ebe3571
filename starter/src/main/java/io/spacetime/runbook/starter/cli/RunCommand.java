package io.spacetime.runbook.starter.cli;

import io.spacetime.runbook.connection.TemporalConnection;
import io.spacetime.runbook.document.ParameterValues;
import io.spacetime.runbook.document.RunbookRequest;
import io.spacetime.runbook.document.RunbookResult;
import io.spacetime.runbook.starter.client.RunbookClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run",
    description = {
        "Run a runbook document (runbooks/NAME.yaml, read by the worker) on an environment.",
        "The worker loads and records the document when the run starts; parameters are checked",
        "against the document's allow-lists before any step runs. When this machine has the",
        "document too (RUNBOOK_DOCUMENTS, $RUNBOOK_HOME/runbooks, ./runbooks), a bad --param is",
        "refused at once and nothing starts.",
        "",
        "Examples:",
        "  ./runbook runbooks check runbooks/maintenance-marker.yaml",
        "  ./runbook run maintenance-marker --env sandbox \\",
        "      --param reason=\"disk swap\" --wait"},
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ClientOptions client;
  @Mixin WaitOptions wait;

  @Parameters(paramLabel = "NAME", description = "The document's name (its file runbooks/NAME.yaml).")
  String runbook;

  @Option(names = {"--env", "-e"}, required = true, paramLabel = "ENV", description = "Environment name.")
  String environment;

  @Option(names = {"--param", "-p"}, paramLabel = "NAME=VALUE", description = "A parameter of the document (repeatable).")
  List<String> params = List.of();

  private final DocumentPrecheck precheck;

  public RunCommand() {
    this(DocumentPrecheck.installed());
  }

  /** @param precheck where this machine's copy of a document comes from (tests give their own) */
  public RunCommand(DocumentPrecheck precheck) {
    this.precheck = precheck;
  }

  @Override
  public Integer call() throws Exception {
    RunbookRequest request = new RunbookRequest(runbook, environment, parameters());
    request.validate();
    // A bad --param is answered now, from this machine's copy of the document, not by a run that fails later.
    precheck.local(runbook).ifPresent(document -> ParameterValues.resolve(document, request.parameters()));
    try (TemporalConnection connection = client.connect()) {
      RunbookClient runbooks = new RunbookClient(connection);
      String id = runbooks.startDocument(request);
      var out = spec.commandLine().getOut();
      out.println("Started " + id + " (runbook " + runbook + " on " + environment + ")");
      if (!wait.wait) {
        return ExitCodes.OK;
      }
      try {
        RunbookResult result = new ProgressPrinter(runbooks, out).follow(id, runbooks.documentResultAsync(id),
            wait.timeout());
        return wait.finish(out, runbooks, id, result.outcome(), result.message(), result.report());
      } catch (RuntimeException e) {
        if (!WaitOptions.isCancellation(e)) {
          throw e;
        }
        return wait.finishCancelled(out, runbooks, id, "Runbook " + runbook + " on " + environment);
      }
    }
  }

  private Map<String, String> parameters() {
    Map<String, String> values = new LinkedHashMap<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "--param \"" + param + "\" is not NAME=VALUE");
      }
      if (values.put(param.substring(0, eq), param.substring(eq + 1)) != null) {
        throw new ParameterException(spec.commandLine(), "--param " + param.substring(0, eq) + " is given twice");
      }
    }
    return values;
  }
}
