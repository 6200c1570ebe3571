package io.spacetime.runbook.environment;

import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.dns.DnsSettings;
import io.spacetime.runbook.ports.hosts.HostContext;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.spacetime.runbook.ports.hosts.NetworkSettings;
import io.spacetime.runbook.ports.hosts.ServiceCommands;
import io.spacetime.runbook.ports.hosts.StagingSettings;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerTarget;
import io.spacetime.runbook.ports.notify.MaintenanceSettings;
import io.spacetime.runbook.ports.notify.NotificationSettings;
import java.util.List;

/**
 * One environment's inventory, as loaded and validated from {@code environments/<name>.yaml}.
 *
 * <p>Every field has the runbook's default where the runbook gives one, so a minimal file only
 * names the hosts and how to reach them. The loaded value is recorded in workflow history (it is
 * an activity result), which is why it never holds a secret: secrets are referenced by the name
 * of an environment variable or a file path and resolved inside activities only; AWS credentials
 * come from the SDK's default provider chain in the worker, never from this file.
 */
public record Environment(
    String name,
    String description,
    List<Host> hosts,
    SshSettings ssh,
    ServiceCommands service,
    Layout layout,
    Ports ports,
    Thresholds thresholds,
    DeploymentWindows deploymentWindows,
    WatchSettings watch,
    StagingSettings staging,
    TlsSettings tls,
    SmokeTestSettings smokeTest,
    LoadTestSettings loadTest,
    List<ToolRequirement> requiredTools,
    NotificationSettings notifications,
    MaintenanceSettings maintenance,
    LoadBalancerSettings loadBalancer,
    RollbackSettings rollback,
    NetworkSettings network,
    DnsSettings dns,
    List<String> requiredFiles,
    IncidentSettings incident,
    AwsSettings aws,
    RolloutSettings rollout,
    java.util.Map<String, List<String>> groups) {

  /** Without host groups (every caller written before {@code groups} existed). */
  public Environment(String name, String description, List<Host> hosts, SshSettings ssh, ServiceCommands service,
      Layout layout, Ports ports, Thresholds thresholds, DeploymentWindows deploymentWindows, WatchSettings watch,
      StagingSettings staging, TlsSettings tls, SmokeTestSettings smokeTest, LoadTestSettings loadTest,
      List<ToolRequirement> requiredTools, NotificationSettings notifications, MaintenanceSettings maintenance,
      LoadBalancerSettings loadBalancer, RollbackSettings rollback, NetworkSettings network, DnsSettings dns,
      List<String> requiredFiles, IncidentSettings incident, AwsSettings aws, RolloutSettings rollout) {
    this(name, description, hosts, ssh, service, layout, ports, thresholds, deploymentWindows, watch, staging, tls,
        smokeTest, loadTest, requiredTools, notifications, maintenance, loadBalancer, rollback, network, dns,
        requiredFiles, incident, aws, rollout, null);
  }

  public Environment {
    description = description == null ? "" : description;
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
    ssh = ssh == null ? SshSettings.defaults() : ssh;
    service = service == null ? ServiceCommands.systemd() : service;
    layout = layout == null ? Layout.defaults() : layout;
    ports = ports == null ? Ports.defaults() : ports;
    thresholds = thresholds == null ? Thresholds.runbookDefaults() : thresholds;
    deploymentWindows = deploymentWindows == null ? DeploymentWindows.runbookDefaults() : deploymentWindows;
    watch = watch == null ? WatchSettings.runbookDefaults() : watch;
    staging = staging == null ? StagingSettings.disabled() : staging;
    tls = tls == null ? TlsSettings.disabled() : tls;
    smokeTest = smokeTest == null ? SmokeTestSettings.defaults() : smokeTest;
    loadTest = loadTest == null ? LoadTestSettings.runbookDefaults() : loadTest;
    requiredTools = requiredTools == null ? List.of() : List.copyOf(requiredTools);
    notifications = notifications == null ? NotificationSettings.consoleOnly() : notifications;
    maintenance = maintenance == null ? MaintenanceSettings.disabled() : maintenance;
    aws = aws == null ? AwsSettings.none() : aws;
    // The load balancer lives in the environment's AWS account unless it names a region of its own.
    loadBalancer = (loadBalancer == null ? LoadBalancerSettings.none() : loadBalancer)
        .inAccount(aws.region(), aws.endpointUrl());
    rollback = rollback == null ? RollbackSettings.defaults() : rollback;
    network = network == null ? NetworkSettings.none() : network;
    dns = dns == null ? DnsSettings.none() : dns;
    requiredFiles = requiredFiles == null ? DEFAULT_REQUIRED_FILES : List.copyOf(requiredFiles);
    incident = incident == null ? IncidentSettings.runbookDefaults() : incident;
    rollout = rollout == null ? RolloutSettings.runbookDefaults() : rollout;
    // Named sets of hosts ("web: [api-1, api-2]") that a runbook document's steps run on.
    java.util.Map<String, List<String>> named = new java.util.LinkedHashMap<>();
    if (groups != null) {
      groups.forEach((group, members) -> named.put(group, members == null ? List.of() : List.copyOf(members)));
    }
    groups = java.util.Collections.unmodifiableMap(named);
  }

  /**
   * The same inventory under {@code name} with only {@code hosts}: the loader names a file's
   * environment after the file, and a rollout hands each host's child workflow the environment of
   * that host alone (its history then holds one host's inventory, not the fleet's).
   */
  public Environment with(String name, List<Host> hosts) {
    return new Environment(name, description, hosts, ssh, service, layout, ports, thresholds, deploymentWindows, watch,
        staging, tls, smokeTest, loadTest, requiredTools, notifications, maintenance, loadBalancer, rollback, network,
        dns, requiredFiles, incident, aws, rollout, groupsWithin(hosts));
  }

  /**
   * The groups without the hosts {@code kept} leaves out (a rollout's host environment). A member
   * that names no host of this inventory stays, so the loader's validator still sees the typo.
   */
  private java.util.Map<String, List<String>> groupsWithin(List<Host> kept) {
    java.util.Set<String> keptNames = new java.util.HashSet<>(kept.stream().map(Host::name).toList());
    java.util.Set<String> ourNames = new java.util.HashSet<>(hosts.stream().map(Host::name).toList());
    java.util.Map<String, List<String>> within = new java.util.LinkedHashMap<>();
    groups.forEach((group, members) -> within.put(group,
        members.stream().filter(m -> keptNames.contains(m) || !ourNames.contains(m)).toList()));
    return within;
  }

  /** Runbook 2.2 "Addon files present and readable": the runbook lists addons/godot_debug_connection/. */
  public static final List<String> DEFAULT_REQUIRED_FILES = List.of("addons/godot_debug_connection/godot_bridge.gd");

  /** The host with this name; the caller got the name from {@link #hosts()}. */
  public Host host(String hostName) {
    return hosts.stream()
        .filter(h -> h.name().equals(hostName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "environment '" + name + "' has no host named '" + hostName + "'"));
  }

  /** Everything an SSH activity needs to reach {@code host}, without the rest of the inventory. */
  public HostTarget target(Host host) {
    return new HostTarget(host.name(), host.address(), host.sshPort(), host.serviceAddress(), ssh.user(), ssh.keyFile(),
        ssh.knownHosts(), ssh.connectTimeoutSeconds(), ssh.commandTimeoutSeconds(), ssh.transferTimeoutSeconds(),
        ssh.connectionIdleTimeoutSeconds(), ssh.connectionMaxLifetimeSeconds(), ssh.maxSessions());
  }

  /** What a host activity needs about {@code host}: its target, layout, service commands and ports. */
  public HostContext on(Host host) {
    return new HostContext(target(host), layoutOn(host), service, ports.all());
  }

  /** {@code host} as the load balancer knows it. */
  public LoadBalancerTarget loadBalancerTarget(Host host) {
    return new LoadBalancerTarget(host.name(), host.loadBalancerTargetId(), host.serviceAddress());
  }

  /** The deploy layout on {@code host}: the host's own deploy root if it names one. */
  public Layout layoutOn(Host host) {
    return host.deployRoot().isEmpty() ? layout : layout.withDeployRoot(host.deployRoot());
  }

  /** Base URL of the SpaceTime HTTP API on {@code host}, e.g. {@code http://10.0.1.50:8080}. */
  public String apiBaseUrl(Host host) {
    return "http://" + host.serviceAddress() + ":" + ports.api();
  }

  /** The runbook's health endpoint on {@code host}: {@code http://10.0.1.50:8080/status}. */
  public String statusUrl(Host host) {
    return apiBaseUrl(host) + "/status";
  }

  /** Telemetry WebSocket URL on {@code host}, e.g. {@code ws://10.0.1.50:8081}. */
  public String telemetryUrl(Host host) {
    return "ws://" + host.serviceAddress() + ":" + ports.telemetry();
  }
}
