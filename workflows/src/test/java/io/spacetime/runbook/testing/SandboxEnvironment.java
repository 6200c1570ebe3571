package io.spacetime.runbook.testing;

import io.spacetime.runbook.environment.DeploymentWindows;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.RollbackSettings;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.dns.DnsSettings;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import java.util.List;

/**
 * The environment the workflow tests run against: {@code sandbox}, two hosts (api-1, api-2) with
 * the runbook's defaults, staging on api-1, TLS from a certificate file, two required tools, the
 * runbook's deployment windows, no maintenance switch, no load balancer and no watch window after
 * Step 10 (a test of the window sets one, so it does not wait 30 minutes of workflow time in every
 * other test). A test changes one
 * setting with a {@code with...} call, so what it depends on is visible in the test.
 */
public final class SandboxEnvironment {

  public static final String NAME = "sandbox";
  public static final String CERT_FILE = "/etc/ssl/certs/spacetime-api.crt";

  private List<Host> hosts = List.of(host("api-1", "10.0.0.1"), host("api-2", "10.0.0.2"));
  private DeploymentWindows windows = DeploymentWindows.runbookDefaults();
  private WatchSettings watch = WatchSettings.runbookDefaults().withWindowMinutes(0);
  private StagingSettings staging = new StagingSettings(true, "api-1", "cd {deployRoot}/staging && ./restart_godot_with_debug.sh",
      "cd {deployRoot}/staging && ./stop_godot.sh", "", "tests/run_tests.sh http://{serviceAddress}:18080", 18080, 18081, 600);
  private TlsSettings tls = new TlsSettings(true, "", CERT_FILE);
  private List<ToolRequirement> tools = List.of(
      new ToolRequirement("godot", "godot --version", "4.5.0"),
      new ToolRequirement("python3", "python3 --version", "3.8"));
  private MaintenanceSettings maintenance = MaintenanceSettings.disabled();
  private LoadBalancerSettings loadBalancer = LoadBalancerSettings.none();
  private RollbackSettings rollback = RollbackSettings.defaults();
  private NetworkSettings network = NetworkSettings.none();
  private DnsSettings dns = DnsSettings.none();
  private AwsSettings aws = AwsSettings.none();
  private io.spacetime.runbook.environment.RolloutSettings rollout;
  private io.spacetime.runbook.environment.IncidentSettings incident = io.spacetime.runbook.environment.IncidentSettings.runbookDefaults();

  public static SandboxEnvironment twoHosts() {
    return new SandboxEnvironment();
  }

  public static Host host(String name, String address) {
    return new Host(name, address, 22, address, null, "i-" + name);
  }

  public SandboxEnvironment withHosts(Host... hosts) {
    this.hosts = List.of(hosts);
    return this;
  }

  public SandboxEnvironment withWindows(DeploymentWindows windows) {
    this.windows = windows;
    return this;
  }

  public SandboxEnvironment withWatch(WatchSettings watch) {
    this.watch = watch;
    return this;
  }

  public SandboxEnvironment withStaging(StagingSettings staging) {
    this.staging = staging;
    return this;
  }

  public SandboxEnvironment withTls(TlsSettings tls) {
    this.tls = tls;
    return this;
  }

  public SandboxEnvironment withRequiredTools(List<ToolRequirement> tools) {
    this.tools = tools;
    return this;
  }

  public SandboxEnvironment withMaintenance(MaintenanceSettings maintenance) {
    this.maintenance = maintenance;
    return this;
  }

  public SandboxEnvironment withLoadBalancer(LoadBalancerSettings loadBalancer) {
    this.loadBalancer = loadBalancer;
    return this;
  }

  public SandboxEnvironment withNetwork(NetworkSettings network) {
    this.network = network;
    return this;
  }

  public SandboxEnvironment withIncident(io.spacetime.runbook.environment.IncidentSettings incident) {
    this.incident = incident;
    return this;
  }

  public SandboxEnvironment withDns(DnsSettings dns) {
    this.dns = dns;
    return this;
  }

  public SandboxEnvironment withRollout(io.spacetime.runbook.environment.RolloutSettings rollout) {
    this.rollout = rollout;
    return this;
  }

  public SandboxEnvironment withAws(AwsSettings aws) {
    this.aws = aws;
    return this;
  }

  public SandboxEnvironment withRollback(RollbackSettings rollback) {
    this.rollback = rollback;
    return this;
  }

  public Environment build() {
    return new Environment(NAME, "two fake hosts", hosts, null, null, new Layout("/opt/spacetime", null, null, null, null),
        null, Thresholds.runbookDefaults(), windows, watch, staging, tls, null, null, tools, null, maintenance, loadBalancer, rollback, network, dns, null, incident, aws, rollout);
  }
}
