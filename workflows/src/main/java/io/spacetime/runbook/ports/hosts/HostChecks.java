package io.spacetime.runbook.ports.hosts;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Read-only observations on a host over SSH (the pre-deployment checklist). They measure and
 * parse, never decide: the gates in workflow code do.
 */
@ActivityInterface
public interface HostChecks {

  /** 1.1 Server Resources under {@code path} (normally the deploy root). */
  ServerResources measureServerResources(HostTarget host, String path);

  /** 1.2 / Step 2: listeners on {@code ports}. */
  PortUsage inspectPorts(HostTarget host, List<Integer> ports);

  /** 1.3: {@code openssl x509 -noout -enddate -subject -in certFile}. */
  CertificateInfo inspectCertificateFile(HostTarget host, String certFile);

  /** 2.1: the release in {@code staging/}. */
  StagedRelease inspectStagedRelease(HostTarget host, Layout layout);

  /** 2.2: each required tool's version. */
  List<ToolVersion> inspectTools(HostTarget host, List<ToolRequirement> tools);

  /** Which release the host serves and which ones it could roll back to. */
  ReleaseState inspectRelease(HostTarget host, Layout layout);

  /**
   * Runs a command from the environment file (e.g. the staging test command) in {@code directory}.
   * Never called with text a user typed into a workflow input.
   */
  CommandEvidence runConfiguredCommand(HostTarget host, String directory, String command, int timeoutSeconds);
}
