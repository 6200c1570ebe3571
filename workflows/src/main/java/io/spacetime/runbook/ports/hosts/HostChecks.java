package io.spacetime.runbook.ports.hosts;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Read-only observations on a host over SSH (the pre-deployment checklist). They measure and
 * parse, never decide: the gates in workflow code do.
 */
@ActivityInterface
public interface HostChecks {

  /** 1.1 Server Resources under the host's deploy root. */
  ServerResources measureServerResources(HostContext host);

  /** 1.2 / Step 2: listeners on the service's ports. */
  PortUsage inspectPorts(HostContext host);

  /** 1.3: {@code openssl x509 -noout -enddate -subject -in certFile}. */
  CertificateInfo inspectCertificateFile(HostContext host, String certFile);

  /**
   * 2.1 and 2.2: the release in {@code staging/}, whether each of {@code requiredFiles} (relative to
   * staging/) is there and readable, and how many of its files the deploy user cannot read.
   */
  StagedRelease inspectStagedRelease(HostContext host, List<String> requiredFiles);

  /** 1.2: the firewall's INPUT rules, the internal hostname as the host resolves it, the latency to monitoring. */
  NetworkReport inspectNetwork(HostContext host, NetworkSettings network);

  /** 2.2: each required tool's version. */
  List<ToolVersion> inspectTools(HostContext host, List<ToolRequirement> tools);

  /** Which release the host serves and which ones it could roll back to. */
  ReleaseState inspectRelease(HostContext host);

  /**
   * Runs a command from the environment file (e.g. the staging test command) in {@code directory}.
   * Never called with text a user typed into a workflow input.
   */
  CommandEvidence runConfiguredCommand(HostContext host, String directory, String command, int timeoutSeconds);
}
