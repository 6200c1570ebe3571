package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.CURRENT_STATE_BACKUP;
import static io.spacetime.runbook.deployment.DeploymentSteps.DEPENDENCY_CHECK;
import static io.spacetime.runbook.deployment.DeploymentSteps.DNS_CONFIGURATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.NETWORK_CONFIGURATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.SECURITY_SETUP;
import static io.spacetime.runbook.deployment.DeploymentSteps.SERVER_RESOURCES;
import static io.spacetime.runbook.deployment.DeploymentSteps.VERSION_VERIFICATION;

import io.spacetime.runbook.core.GateResult;
import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.deployment.gates.BackupGate;
import io.spacetime.runbook.deployment.gates.CertificateGate;
import io.spacetime.runbook.deployment.gates.DnsGate;
import io.spacetime.runbook.deployment.gates.LoadBalancerGate;
import io.spacetime.runbook.deployment.gates.NetworkGate;
import io.spacetime.runbook.deployment.gates.PortsGate;
import io.spacetime.runbook.deployment.gates.Route53Gate;
import io.spacetime.runbook.deployment.gates.SecurityGroupGate;
import io.spacetime.runbook.deployment.gates.ServerResourcesGate;
import io.spacetime.runbook.deployment.gates.StagedReleaseGate;
import io.spacetime.runbook.deployment.gates.ToolVersionsGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.ports.aws.DnsRecordActivities;
import io.spacetime.runbook.ports.aws.DnsRecordSet;
import io.spacetime.runbook.ports.aws.Route53Settings;
import io.spacetime.runbook.ports.aws.SecurityGroupActivities;
import io.spacetime.runbook.ports.aws.SecurityGroupReport;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import io.spacetime.runbook.ports.dns.DnsActivities;
import io.spacetime.runbook.ports.dns.DnsAnswer;
import io.spacetime.runbook.ports.dns.DnsSettings;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.NetworkReport;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerActivities;
import io.spacetime.runbook.ports.loadbalancer.TargetGroupReport;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.ReleaseGate;
import io.spacetime.runbook.service.StatusGate;
import io.temporal.workflow.Workflow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook "Pre-Deployment Checklist", 1.1 to 3.1. Each item is checked on every host, in host
 * order, before the next item; nothing is written to any host until every read-only check has
 * passed everywhere (3.1's backups come last). A failure here aborts: nothing was changed. Every
 * item of each section's "Verification Steps" list is checked for real, or reported as not
 * checked with the reason (nothing configured for it, not readable by the deploy user, not
 * something a run can know).
 */
final class PreDeploymentChecklist {

  static final String NO_LOAD_BALANCER = "no load balancer configured (loadBalancer.type: none)";
  static final String NO_SECURITY_GROUPS = "no cloud security groups configured for this environment";

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;
  /** The load balancer preflight's reading (AWS runs), which 1.2 and 1.4 judge. */
  private Optional<TargetGroupReport> targetGroup = Optional.empty();
  /** 1.3's security groups were checked once for the environment (AWS runs). */
  private boolean securityGroupsChecked;
  /** What 2.1 found in each host's staging/, which 2.2 reads on. */
  private final Map<String, StagedRelease> stagedReleases = new HashMap<>();

  PreDeploymentChecklist(Deployment deployment) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
  }

  /** 1.1 to 2.2: the read-only checks (all a dry run does). */
  void verify() {
    loadBalancerPreflight();
    serverResources();
    networkConfiguration();
    securityGroupSetup();
    dnsConfiguration();
    versionVerification();
    dependencyCheck();
  }

  /**
   * 1.2 "Load balancer health check configured", read first: the target group exists in the
   * configured region, the worker may read it, and it checks health. Bad AWS configuration (an unknown
   * target group, a wrong region, a missing permission) fails this activity with AWS's error code and
   * message, so the run is ABORTED before any host is contacted.
   */
  private void loadBalancerPreflight() {
    if (!d.awsSteps() || !env.loadBalancer().aws()) {
      return;
    }
    procedure.begin(NETWORK_CONFIGURATION, "");
    TargetGroupReport report = d.stubs().quick(LoadBalancerActivities.class)
        .preflight(env.loadBalancer(), env.hosts().stream().map(env::loadBalancerTarget).toList());
    procedure.evidence(AwsEvidence.targetGroup(report));
    String hosts = "checked on each host below";
    procedure.verify(LoadBalancerGate.GATE)
        .item(NETWORK_CONFIGURATION.item("Load balancer health check"), LoadBalancerGate.healthCheckConfigured(report))
        .elsewhere(NETWORK_CONFIGURATION.item("Firewall rules"), hosts)
        .elsewhere(NETWORK_CONFIGURATION.item("Ports 8080-8085"), hosts)
        .elsewhere(NETWORK_CONFIGURATION.item("DNS resolution"), hosts)
        .elsewhere(NETWORK_CONFIGURATION.item("Network latency"), hosts)
        .check();
    procedure.pass("");
    targetGroup = Optional.of(report);
  }

  /** 1.1: disk, memory, load, disk errors in the kernel log, and a writable deploy root. */
  private void serverResources() {
    d.eachHost(SERVER_RESOURCES, host -> {
      ServerResources r = checks().measureServerResources(d.on(host));
      procedure.evidence(EvidenceOf.resources(r));
      Procedure.Verification v = procedure.verify(ServerResourcesGate.GATE)
          .item(SERVER_RESOURCES.item("Disk space"), ServerResourcesGate.disk(r, env.thresholds()))
          .item(SERVER_RESOURCES.item("Memory"), ServerResourcesGate.memory(r, env.thresholds()))
          .item(SERVER_RESOURCES.item("Load average"), ServerResourcesGate.load(r, env.thresholds()))
          .item(SERVER_RESOURCES.item("File system"), ServerResourcesGate.writable(r));
      String dmesg = SERVER_RESOURCES.item("No disk errors");
      if (r.diskErrors() != null) {
        v.item(dmesg, ServerResourcesGate.diskErrors(r));
      } else {
        v.notChecked(dmesg, r.diskErrorsUnreadable().isEmpty() ? "this run did not read the kernel log"
            : "the kernel log is not readable by " + d.on(host).target().user() + ": " + r.diskErrorsUnreadable());
      }
      v.check();
      procedure.pass("");
    });
  }

  /** 1.2: the ports are free or the service's, the firewall lets them in, internal DNS, monitoring latency. */
  private void networkConfiguration() {
    d.eachHost(NETWORK_CONFIGURATION, host -> {
      PortUsage ports = checks().inspectPorts(d.on(host));
      procedure.evidence(EvidenceOf.ports(ports));
      Procedure.Verification v = procedure.verify(PortsGate.GATE).item(NETWORK_CONFIGURATION.item("Ports 8080-8085"),
          PortsGate.freeOrHeldByService(ports, env.service().processPattern()));
      String firewall = NETWORK_CONFIGURATION.item("Firewall rules");
      String dns = NETWORK_CONFIGURATION.item("DNS resolution");
      String latency = NETWORK_CONFIGURATION.item("Network latency");
      if (d.coverageChecks()) {
        NetworkReport network = checks().inspectNetwork(d.on(host), env.network());
        procedure.evidence(EvidenceOf.network(network));
        if (network.firewallUnreadable().isEmpty()) {
          v.item(firewall, NetworkGate.firewallAllows(network, env.ports().all()));
        } else {
          v.notChecked(firewall, network.firewallUnreadable());
        }
        if (env.network().internalHostname().isEmpty()) {
          v.notChecked(dns, "no internal hostname configured for this environment (network.internalHostname)");
        } else {
          v.item(dns, NetworkGate.resolves(network));
        }
        if (env.network().monitoringEndpoints().isEmpty()) {
          v.notChecked(latency, "no monitoring servers configured (network.monitoringEndpoints)");
        } else {
          v.item(latency, NetworkGate.latency(network, env.network().maxLatencyMs()));
        }
      } else {
        String why = "this run started before that check";
        v.notChecked(firewall, why).notChecked(dns, why).notChecked(latency, why);
      }
      if (targetGroup.isPresent()) {
        v.elsewhere(NETWORK_CONFIGURATION.item("Load balancer health check"), "checked once for the environment");
      } else {
        v.notChecked(NETWORK_CONFIGURATION.item("Load balancer health check"), NO_LOAD_BALANCER);
      }
      v.check();
      procedure.pass("");
    });
  }

  /** 1.3: the TLS certificate, at the endpoint (once) or as a file on each host; what else the list asks. */
  private void securityGroupSetup() {
    securityGroups();
    TlsSettings tls = env.tls();
    int minDays = env.thresholds().minTlsValidityDays();
    String tlsItem = SECURITY_SETUP.item("TLS certificates");
    if (!tls.enabled()) {
      String why = "TLS disabled for this environment (tls.enabled: false)";
      if (DeploymentRules.securityItemsWithoutTls()) {
        procedure.begin(SECURITY_SETUP, "");
        securityItems(procedure.verify(CertificateGate.GATE).notChecked(tlsItem, why)).check();
        procedure.pass("");
      } else {
        procedure.skip(SECURITY_SETUP, "", why);
      }
    } else if (!tls.endpoint().isEmpty()) {
      procedure.begin(SECURITY_SETUP, "");
      CertificateInfo cert = d.stubs().quick(ProbeActivities.class).endpointCertificate(tls.endpoint());
      procedure.evidence(EvidenceOf.certificate(cert, ""));
      securityItems(procedure.verify(CertificateGate.GATE)
          .item(tlsItem, CertificateGate.check(cert, minDays, Workflow.currentTimeMillis(), ""))).check();
      procedure.pass("");
    } else if (tls.certFile().isEmpty()) {
      procedure.begin(SECURITY_SETUP, "");
      procedure.check(tlsItem, CertificateGate.notConfigured(env.name()));
    } else {
      d.eachHost(SECURITY_SETUP, host -> {
        CertificateInfo cert = checks().inspectCertificateFile(d.on(host), tls.certFile());
        procedure.evidence(EvidenceOf.certificate(cert, host.name()));
        securityItems(procedure.verify(CertificateGate.GATE)
            .item(tlsItem, CertificateGate.check(cert, minDays, Workflow.currentTimeMillis(), host.name()))).check();
        procedure.pass("");
      });
    }
  }

  /**
   * 1.3 "Security groups allow required ports" and "Source IP restrictions are correct", once for the
   * environment: {@code aws ec2 describe-security-groups} of the groups it names.
   */
  private void securityGroups() {
    SecurityGroupSettings groups = env.aws().securityGroups();
    if (!d.awsSteps() || !groups.configured()) {
      return;
    }
    procedure.begin(SECURITY_SETUP, "");
    SecurityGroupReport report = d.stubs().quick(SecurityGroupActivities.class).describeSecurityGroups(env.aws());
    procedure.evidence(AwsEvidence.securityGroups(report));
    List<Integer> ports = groups.ports().isEmpty() ? env.ports().all() : groups.ports();
    String elsewhere = "see the next 1.3 record (TLS, tokens, SSH keys)";
    procedure.verify(SecurityGroupGate.GATE)
        .item(SECURITY_SETUP.item("Security groups"), SecurityGroupGate.allowsPorts(report, groups, ports))
        .item(SECURITY_SETUP.item("Source IP"), SecurityGroupGate.sourcesRestricted(report, groups, ports))
        .elsewhere(SECURITY_SETUP.item("TLS certificates"), elsewhere)
        .elsewhere(SECURITY_SETUP.item("API tokens"), elsewhere)
        .elsewhere(SECURITY_SETUP.item("SSH key access"), elsewhere)
        .check();
    procedure.pass("");
    securityGroupsChecked = true;
  }

  private Procedure.Verification securityItems(Procedure.Verification v) {
    if (securityGroupsChecked) {
      v.elsewhere(SECURITY_SETUP.item("Security groups"), "checked once for the environment")
          .elsewhere(SECURITY_SETUP.item("Source IP"), "checked once for the environment");
    } else {
      v.notChecked(SECURITY_SETUP.item("Security groups"), NO_SECURITY_GROUPS)
          .notChecked(SECURITY_SETUP.item("Source IP"), NO_SECURITY_GROUPS);
    }
    return v.notChecked(SECURITY_SETUP.item("API tokens"), "a run cannot see when a token was rotated; the tokens it"
            + " uses (the notification webhook, the maintenance switch) are checked by using them in Step 1")
        .item(SECURITY_SETUP.item("SSH key access"), GateResult.pass(CertificateGate.GATE,
            "every host accepted " + env.ssh().keyFile() + " for " + env.ssh().user() + " (1.1 and 1.2 ran over SSH)"));
  }

  /** 1.4: the public record and its TTL (once), then each host's health endpoint. */
  private void dnsConfiguration() {
    DnsSettings dns = env.dns();
    String points = DNS_CONFIGURATION.item("DNS records point");
    String ttl = DNS_CONFIGURATION.item("TTL reduced");
    String health = DNS_CONFIGURATION.item("Health check endpoint");
    String lb = DNS_CONFIGURATION.item("Load balancer is healthy");
    String cdn = DNS_CONFIGURATION.item("CDN cache");
    boolean route53Checked = route53Record(points, ttl, health, lb, cdn);
    Optional<DnsAnswer> answer = Optional.empty();
    if (d.coverageChecks() && dns.configured()) {
      procedure.begin(DNS_CONFIGURATION, "");
      DnsAnswer a = d.stubs().quick(DnsActivities.class).lookup(dns.record(), dns.resolver());
      procedure.evidence(EvidenceOf.dns(a));
      Procedure.Verification v = procedure.verify(DnsGate.GATE)
          .item(points, DnsGate.pointsAt(a, expectedAddresses(dns)))
          .item(ttl, DnsGate.ttl(a, dns.maxTtlSeconds()))
          .notChecked(health, "checked on each host below");
      loadBalancerHealthy(v, lb, route53Checked);
      v.notChecked(cdn, "no CDN configured for this environment").check();
      procedure.pass("");
      answer = Optional.of(a);
    }
    boolean dnsChecked = answer.isPresent() || route53Checked;
    d.eachHost(DNS_CONFIGURATION, host -> {
      StatusReport status = d.stubs().quick(ProbeActivities.class).status(env.statusUrl(host));
      procedure.evidence(EvidenceOf.status(status, host.name()));
      Procedure.Verification v = procedure.verify(StatusGate.GATE).item(health, StatusGate.ready(status, host.name()));
      if (dnsChecked) {
        v.elsewhere(points, "checked once for the environment").elsewhere(ttl, "checked once for the environment")
            .elsewhere(lb, "see 1.4 for the environment").elsewhere(cdn, "see 1.4 for the environment");
      } else {
        String why = dns.configured() ? "this run started before that check"
            : "no DNS record configured for this environment (dns.record)";
        v.notChecked(points, why).notChecked(ttl, why);
        loadBalancerHealthy(v, lb, false);
        v.notChecked(cdn, "no CDN configured for this environment");
      }
      v.check();
      procedure.pass("");
    });
  }

  /** 1.4 "Load balancer is healthy": judged from the preflight's reading, once per section. */
  private void loadBalancerHealthy(Procedure.Verification v, String lb, boolean judgedAlready) {
    if (judgedAlready) {
      v.elsewhere(lb, "see 1.4 for the environment (Route 53)");
    } else if (targetGroup.isPresent()) {
      v.item(lb, LoadBalancerGate.targetsHealthy(targetGroup.get()));
    } else {
      v.notChecked(lb, NO_LOAD_BALANCER);
    }
  }

  /**
   * 1.4 in Route 53 (AWS runs with {@code aws.route53}): the record as the zone holds it points at the
   * production endpoint with a low TTL, and the hosts already in the load balancer are healthy. The
   * dnsjava lookup, when configured too, still asks what resolvers answer.
   */
  private boolean route53Record(String points, String ttl, String health, String lb, String cdn) {
    Route53Settings zone = env.aws().route53();
    if (!d.awsSteps() || !zone.configured()) {
      return false;
    }
    procedure.begin(DNS_CONFIGURATION, "");
    DnsRecordSet record = d.stubs().quick(DnsRecordActivities.class).readRecord(env.aws());
    procedure.evidence(AwsEvidence.record("aws route53 list-resource-record-sets", record));
    List<String> addresses = zone.expectedAddresses().isEmpty()
        ? env.hosts().stream().map(Host::serviceAddress).distinct().toList() : zone.expectedAddresses();
    // With deploymentTtlSeconds the run lowers the TTL itself (Step 1), so a high TTL now is expected.
    GateResult ttlVerdict = zone.lowersTtl()
        ? GateResult.pass(Route53Gate.GATE, record.name() + " TTL " + record.ttlSeconds() + " s: lowered to "
            + zone.deploymentTtlSeconds() + " s for the run before the first change (aws.route53.deploymentTtlSeconds)")
        : Route53Gate.ttl(record, zone.maxTtlSeconds());
    Procedure.Verification v = procedure.verify(Route53Gate.GATE)
        .item(points, Route53Gate.pointsAt(record, zone.expectedAliasTarget(), addresses))
        .item(ttl, ttlVerdict)
        .notChecked(health, "checked on each host below");
    loadBalancerHealthy(v, lb, false);
    v.notChecked(cdn, "no CDN configured for this environment").check();
    procedure.pass("");
    return true;
  }

  /** The addresses the record must answer with: the configured ones, or the hosts' service addresses. */
  private List<String> expectedAddresses(DnsSettings dns) {
    return dns.expectedAddresses().isEmpty()
        ? env.hosts().stream().map(Host::serviceAddress).distinct().toList()
        : dns.expectedAddresses();
  }

  /** 2.1: staging holds the requested release, from a clean checkout. */
  private void versionVerification() {
    d.eachHost(VERSION_VERIFICATION, host -> {
      StagedRelease staged = checks().inspectStagedRelease(d.on(host), env.requiredFiles());
      stagedReleases.put(host.name(), staged);
      procedure.evidence(EvidenceOf.stagedRelease(staged));
      Procedure.Verification v = procedure.verify(StagedReleaseGate.GATE)
          .item(VERSION_VERIFICATION.item("Git tag"), StagedReleaseGate.check(staged, d.version()));
      String clean = VERSION_VERIFICATION.item("No uncommitted changes");
      if (staged.gitCheckout()) {
        v.item(clean, StagedReleaseGate.clean(staged));
      } else {
        v.notChecked(clean, "staging/ is not a git checkout (its VERSION file names the release)");
      }
      v.notChecked(VERSION_VERIFICATION.item("Commit hash"), "the deployment request names no commit to compare with")
          .notChecked(VERSION_VERIFICATION.item("Branch is up-to-date"), "that needs a fetch from origin on the host,"
              + " which a deployment does not do")
          .notChecked(VERSION_VERIFICATION.item("Release notes reviewed"), "a person's review; a run cannot check it")
          .check();
      procedure.pass("");
    });
  }

  /** 2.2: the required tools at their minimum versions, the release's addon files, readable files. */
  private void dependencyCheck() {
    if (env.requiredTools().isEmpty() && !d.coverageChecks()) {
      procedure.skip(DEPENDENCY_CHECK, "", "no required tools configured (requiredTools is empty)");
      return;
    }
    d.eachHost(DEPENDENCY_CHECK, host -> {
      List<ToolVersion> tools = env.requiredTools().isEmpty() ? List.of()
          : checks().inspectTools(d.on(host), env.requiredTools());
      procedure.evidence(EvidenceOf.tools(host.name(), tools));
      Procedure.Verification v = procedure.verify(ToolVersionsGate.GATE);
      tool(v, tools, host, DEPENDENCY_CHECK.item("Godot version"), "godot");
      tool(v, tools, host, DEPENDENCY_CHECK.item("Python 3.8+"), "python");
      v.notChecked(DEPENDENCY_CHECK.item("Required Python packages"), "no Python packages configured (requiredTools)");
      StagedRelease staged = stagedReleases.get(host.name());
      if (d.coverageChecks() && staged != null && staged.unreadableFiles() != null) {
        // 2.1 read these from staging/ in the same round trip.
        v.item(DEPENDENCY_CHECK.item("Addon files"), StagedReleaseGate.requiredFiles(staged, env.requiredFiles()))
            .item(DEPENDENCY_CHECK.item("No file permission issues"), StagedReleaseGate.readable(staged));
      } else {
        String why = d.coverageChecks() ? "the worker that read staging/ did not look for them"
            : "this run started before that check";
        v.notChecked(DEPENDENCY_CHECK.item("Addon files"), why)
            .notChecked(DEPENDENCY_CHECK.item("No file permission issues"), why);
      }
      List<String> others = tools.stream().map(ToolVersion::tool)
          .filter(t -> !t.toLowerCase().contains("godot") && !t.toLowerCase().contains("python")).toList();
      if (!others.isEmpty()) {
        v.item("other required tools", ToolVersionsGate.check(tools.stream().filter(t -> others.contains(t.tool())).toList(),
            host.name()));
      }
      v.check();
      procedure.pass("");
    });
  }

  /** One required tool's item: its version gate, or not checked when no such tool is configured. */
  private void tool(Procedure.Verification v, List<ToolVersion> tools, Host host, String item, String name) {
    List<ToolVersion> matching = tools.stream().filter(t -> t.tool().toLowerCase().contains(name)).toList();
    if (matching.isEmpty()) {
      v.notChecked(item, "no required tool named like '" + name + "' configured (requiredTools)");
    } else {
      v.item(item, ToolVersionsGate.check(matching, host.name()));
    }
  }

  /**
   * 3.1: "DO NOT PROCEED without valid backups". Not a change to undo: it only adds files. It also
   * proves, on every host before any host is changed, that a rollback would work: production points
   * at a release directory an undo can restore, and the backup holds its config (or records that it
   * has none), which is what the undo of Step 4 puts back.
   */
  void currentStateBackup() {
    d.eachHost(CURRENT_STATE_BACKUP, host -> {
      if (d.rollbackTrust()) {
        ReleaseState current = checks().inspectRelease(d.on(host));
        procedure.check(EvidenceOf.release(current), ReleaseGate.servesRelease(current));
      }
      BackupArchive backup = d.stubs().transfer(ReleaseActivities.class).backupCurrentRelease(d.on(host), d.backupId());
      procedure.evidence(EvidenceOf.backup(backup));
      Procedure.Verification v = procedure.verify(BackupGate.GATE)
          .item(CURRENT_STATE_BACKUP.item("Production code backup created"), BackupGate.check(backup))
          .item(CURRENT_STATE_BACKUP.item("Backup integrity"), BackupGate.check(backup));
      if (d.rollbackTrust()) {
        v.item(CURRENT_STATE_BACKUP.item("Configuration files backed up"), BackupGate.configRestorable(backup));
      }
      if (d.coverageChecks()) {
        v.item(CURRENT_STATE_BACKUP.item("Backup size"), BackupGate.size(backup, env.thresholds().minBackupSizeMb()));
      }
      v.notChecked(CURRENT_STATE_BACKUP.item("Database backed up"), "no database configured for this environment")
          .notChecked(CURRENT_STATE_BACKUP.item("Backups stored in separate location"), "backups stay on the host"
              + " (layout.backups); no copy elsewhere is configured")
          .check();
      procedure.pass("");
    });
  }

  private HostChecks checks() {
    return d.stubs().onHost(HostChecks.class);
  }
}
