package io.spacetime.runbook.environment;

import java.util.List;

/** The service's ports (runbook 1.2): API 8080, telemetry 8081, DAP 6006, LSP 6005. */
public record Ports(Integer api, Integer telemetry, Integer dap, Integer lsp) {

  public Ports {
    api = api == null ? 8080 : api;
    telemetry = telemetry == null ? 8081 : telemetry;
    dap = dap == null ? 6006 : dap;
    lsp = lsp == null ? 6005 : lsp;
  }

  public static Ports defaults() {
    return new Ports(null, null, null, null);
  }

  public List<Integer> all() {
    return List.of(api, telemetry, dap, lsp);
  }
}
