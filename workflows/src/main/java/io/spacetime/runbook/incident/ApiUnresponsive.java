package io.spacetime.runbook.incident;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.core.Step;
import io.spacetime.runbook.core.StepCatalogue;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.ports.incident.PortHolder;
import io.spacetime.runbook.ports.probes.PortReachability;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import java.util.List;
import java.util.Map;

/** Incident 1: API Completely Unresponsive (P0). */
final class ApiUnresponsive extends Playbook {

  static final Step SCOPE = new Step("Step 1", "Verify Issue Scope");
  static final Step SERVICE = new Step("Step 2", "Check Service Status");
  static final Step NETWORK = new Step("Step 3", "Check Network Connectivity");
  static final Step LOGS = new Step("Step 4", "Review Logs");
  /** Step 1 from outside, when the environment names an external status URL. */
  static final Step SCOPE_EXTERNAL = new Step("Step 1", "Verify Issue Scope (external)");
  static final Step VERIFY = new Step("Verification", "Incident 1 Verification Steps", List.of(
      "1. Service responds", "2. All endpoints functional", "3. Load balancer healthy",
      "4. Monitoring shows recovery", "5. Error rate back to normal"));

  @Override
  IncidentType type() {
    return IncidentType.API_UNRESPONSIVE;
  }

  @Override
  void triage(IncidentTools t, Findings f) {
    t.hosts.forEach(h -> t.status(h, f));
  }

  @Override
  SeverityAssessment assess(Findings f, IncidentSettings s) {
    int hosts = f.status.size();
    int down = f.hostsNotReady().size();
    if (hosts > 0 && down == hosts) {
      return new SeverityAssessment(Severity.P0, "no host answers ready (" + down + " of " + hosts
          + "): complete service outage (runbook P0)");
    }
    if (down > 0) {
      return new SeverityAssessment(Severity.P1, down + " of " + hosts + " hosts not ready: partial service outage (runbook P1)");
    }
    return new SeverityAssessment(Severity.P3, "every host answers ready from the worker: the failure is outside"
        + " the hosts (load balancer, DNS or firewall; Step 1 'External fails')");
  }

  @Override
  void investigate(IncidentTools t, Findings f) {
    onEachHost(t, SCOPE, h -> t.status(h, f));
    String external = t.env.dns().externalStatusUrl();
    if (!external.isEmpty()) {
      t.procedure.begin(SCOPE_EXTERNAL, "");
      StatusReport r = t.stubs.quick(ProbeActivities.class).status(external);
      t.procedure.evidence(io.spacetime.runbook.service.EvidenceOf.status(r, ""));
      t.procedure.pass(r.overallReady() ? "external URL answers ready" : "external URL does not answer ready");
    }
    onEachHost(t, SERVICE, h -> t.service(h, f));
    onEachHost(t, NETWORK, h -> reachable(t, h));
    onEachHost(t, LOGS, h -> {
      t.logs(h, f, CRASH_PATTERNS);
      if (f.hostsNotReady().contains(h.name())) {
        t.portHolder(h, f);
      }
    });
  }

  private static void reachable(IncidentTools t, Host h) {
    PortReachability r = t.stubs.quick(ProbeActivities.class).reachablePorts(h.serviceAddress(), t.env.ports().all());
    t.procedure.evidence(io.spacetime.runbook.core.Evidence.note(h.name(), "TCP connect to " + h.serviceAddress()
        + " ports " + t.env.ports().all(), r.unreachable().isEmpty() ? "all open" : "closed: " + r.unreachable(),
        Map.of("open", r.reachable().toString(), "closed", r.unreachable().toString())));
  }

  @Override
  List<Scenario> scenarios() {
    return List.of(
        new Scenario("Scenario A", "Service Crashed/Stopped",
            f -> !down(f).isEmpty() && f.hostsWithForeignPortHolder().isEmpty(),
            (t, f) -> restartAll(t, t.hostsNamed(down(f)), "Incident 1 Scenario A: service crashed or stopped")),
        new Scenario("Scenario B", "Port Conflict", f -> !f.hostsWithForeignPortHolder().isEmpty(), ApiUnresponsive::freePort));
  }

  private static List<String> down(Findings f) {
    List<String> hosts = new java.util.ArrayList<>(f.hostsNotReady());
    f.hostsInactive().stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
    return hosts;
  }

  /** "If another process using port, kill it" (with a person's approval), then restart. */
  private static boolean freePort(IncidentTools t, Findings f) {
    boolean any = false;
    for (Host h : t.hostsNamed(f.hostsWithForeignPortHolder())) {
      PortHolder p = f.portHolders.get(h.name());
      String id = "kill-port-holder@" + h.name();
      boolean approved = t.approved(id, "end pid " + p.pid() + " (" + p.commandLine() + ") holding port " + p.port()
          + " on " + h.name(), h.name(), Map.of("pid", String.valueOf(p.pid()), "command", p.commandLine(),
          "working directory", p.workingDir()));
      if (approved && t.mitigate(h, "end pid " + p.pid(), m -> m.killPortHolder(t.on(h), p.port(), p.pid())) != null) {
        any |= t.restart(h, "Incident 1 Scenario B: port freed");
      }
    }
    return any;
  }

  @Override
  void verify(IncidentTools t, Findings before) {
    Procedure p = t.procedure;
    p.begin(VERIFY, "");
    Findings now = t.findings();
    p.check(VERIFY.item("1."), serviceResponds(t, now));
    GateResult functional = errorRateBelow(t, now, 0.0001);
    p.check(VERIFY.item("2."), functional.passed()
        ? GateResult.pass("endpoints", "GET /status and POST /scene/load answer without 5xx on every host")
        : GateResult.fail("endpoints", functional.reason()));
    p.notChecked(VERIFY.item("3."), "no load balancer is read by incident response yet (the production-deployment issue)");
    p.notChecked(VERIFY.item("4."), "no dashboard is read by this engine");
    p.check(VERIFY.item("5."), watch(t, "error rate", f -> errorRateBelow(t, f, t.settings().errorRateResolvedPercent())));
    p.pass("");
  }

  @Override
  List<Step> steps() {
    return List.of(SCOPE, SCOPE_EXTERNAL, SERVICE, NETWORK, LOGS, VERIFY);
  }

  @Override
  List<StepCatalogue.NotChecked> notChecked() {
    return List.of(
        StepCatalogue.notChecked("Scenario C: Load Balancer Issue",
            "registering targets changes the load balancer: a person's call (a deployment's Step 9 registers hosts)"),
        StepCatalogue.notChecked("Scenario D: DNS Issue",
            "DNS records are changed by people in the DNS console; the engine only reads DNS"),
        StepCatalogue.notChecked("Scenario E: Firewall/Security Group",
            "opening a security group is a person's decision; the engine only reads the rules"));
  }
}
