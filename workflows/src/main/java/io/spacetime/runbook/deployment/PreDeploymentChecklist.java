package io.spacetime.runbook.deployment;

import static io.spacetime.runbook.deployment.DeploymentSteps.CURRENT_STATE_BACKUP;
import static io.spacetime.runbook.deployment.DeploymentSteps.DEPENDENCY_CHECK;
import static io.spacetime.runbook.deployment.DeploymentSteps.DNS_CONFIGURATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.NETWORK_CONFIGURATION;
import static io.spacetime.runbook.deployment.DeploymentSteps.SECURITY_SETUP;
import static io.spacetime.runbook.deployment.DeploymentSteps.SERVER_RESOURCES;
import static io.spacetime.runbook.deployment.DeploymentSteps.VERSION_VERIFICATION;

import io.spacetime.runbook.core.Procedure;
import io.spacetime.runbook.deployment.gates.BackupGate;
import io.spacetime.runbook.deployment.gates.CertificateGate;
import io.spacetime.runbook.deployment.gates.PortsGate;
import io.spacetime.runbook.deployment.gates.ServerResourcesGate;
import io.spacetime.runbook.deployment.gates.StagedReleaseGate;
import io.spacetime.runbook.deployment.gates.ToolVersionsGate;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.TlsSettings;
import io.spacetime.runbook.ports.hosts.BackupArchive;
import io.spacetime.runbook.ports.hosts.CertificateInfo;
import io.spacetime.runbook.ports.hosts.HostChecks;
import io.spacetime.runbook.ports.hosts.PortUsage;
import io.spacetime.runbook.ports.hosts.ReleaseActivities;
import io.spacetime.runbook.ports.hosts.ReleaseState;
import io.spacetime.runbook.ports.hosts.ServerResources;
import io.spacetime.runbook.ports.hosts.StagedRelease;
import io.spacetime.runbook.ports.hosts.ToolVersion;
import io.spacetime.runbook.ports.probes.ProbeActivities;
import io.spacetime.runbook.ports.probes.StatusReport;
import io.spacetime.runbook.service.EvidenceOf;
import io.spacetime.runbook.service.ReleaseGate;
import io.spacetime.runbook.service.StatusGate;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Runbook "Pre-Deployment Checklist", 1.1 to 3.1. Each item is checked on every host, in host
 * order, before the next item; nothing is written to any host until every read-only check has
 * passed everywhere (3.1's backups come last). A failure here aborts: nothing was changed.
 */
final class PreDeploymentChecklist {

  private final Deployment d;
  private final Procedure procedure;
  private final Environment env;

  PreDeploymentChecklist(Deployment deployment) {
    this.d = deployment;
    this.procedure = deployment.procedure();
    this.env = deployment.env();
  }

  /** 1.1 to 2.2: the read-only checks (all a dry run does). */
  void verify() {
    serverResources();
    networkConfiguration();
    securityGroupSetup();
    dnsConfiguration();
    versionVerification();
    dependencyCheck();
  }

  /** 1.1: disk, memory, load and a writable deploy root. */
  private void serverResources() {
    d.eachHost(SERVER_RESOURCES, host -> {
      ServerResources measured = checks().measureServerResources(d.on(host));
      procedure.conclude(EvidenceOf.resources(measured), ServerResourcesGate.check(measured, env.thresholds()));
    });
  }

  /** 1.2: the service's ports are free or already the service's. */
  private void networkConfiguration() {
    d.eachHost(NETWORK_CONFIGURATION, host -> {
      PortUsage ports = checks().inspectPorts(d.on(host));
      procedure.conclude(EvidenceOf.ports(ports), PortsGate.freeOrHeldByService(ports, env.service().processPattern()));
    });
  }

  /** 1.3: the TLS certificate, at the endpoint (once) or as a file on each host. */
  private void securityGroupSetup() {
    TlsSettings tls = env.tls();
    int minDays = env.thresholds().minTlsValidityDays();
    if (!tls.enabled()) {
      procedure.skip(SECURITY_SETUP, "", "TLS disabled for this environment (tls.enabled: false)");
    } else if (!tls.endpoint().isEmpty()) {
      procedure.begin(SECURITY_SETUP, "");
      CertificateInfo cert = d.stubs().quick(ProbeActivities.class).endpointCertificate(tls.endpoint());
      procedure.conclude(EvidenceOf.certificate(cert, ""), CertificateGate.check(cert, minDays, Workflow.currentTimeMillis(), ""));
    } else if (tls.certFile().isEmpty()) {
      procedure.begin(SECURITY_SETUP, "");
      procedure.check(CertificateGate.notConfigured(env.name()));
    } else {
      d.eachHost(SECURITY_SETUP, host -> {
        CertificateInfo cert = checks().inspectCertificateFile(d.on(host), tls.certFile());
        procedure.conclude(EvidenceOf.certificate(cert, host.name()),
            CertificateGate.check(cert, minDays, Workflow.currentTimeMillis(), host.name()));
      });
    }
  }

  /** 1.4: the health endpoint of the release in service answers overall_ready: true. */
  private void dnsConfiguration() {
    d.eachHost(DNS_CONFIGURATION, host -> {
      StatusReport status = d.stubs().quick(ProbeActivities.class).status(env.statusUrl(host));
      procedure.conclude(EvidenceOf.status(status, host.name()), StatusGate.ready(status, host.name()));
    });
  }

  /** 2.1: staging holds the requested release, from a clean checkout. */
  private void versionVerification() {
    d.eachHost(VERSION_VERIFICATION, host -> {
      StagedRelease staged = checks().inspectStagedRelease(d.on(host));
      procedure.conclude(EvidenceOf.stagedRelease(staged), StagedReleaseGate.check(staged, d.version()));
    });
  }

  /** 2.2: the required tools at their minimum versions. */
  private void dependencyCheck() {
    if (env.requiredTools().isEmpty()) {
      procedure.skip(DEPENDENCY_CHECK, "", "no required tools configured (requiredTools is empty)");
      return;
    }
    d.eachHost(DEPENDENCY_CHECK, host -> {
      List<ToolVersion> tools = checks().inspectTools(d.on(host), env.requiredTools());
      procedure.conclude(EvidenceOf.tools(host.name(), tools), ToolVersionsGate.check(tools, host.name()));
    });
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
      BackupArchive backup = d.stubs().transfer(ReleaseActivities.class)
          .backupCurrentRelease(d.on(host), d.backupId());
      procedure.conclude(EvidenceOf.backup(backup),
          d.rollbackTrust() ? BackupGate.check(backup).and(BackupGate.configRestorable(backup)) : BackupGate.check(backup));
    });
  }

  private HostChecks checks() {
    return d.stubs().onHost(HostChecks.class);
  }
}
