package io.spacetime.runbook.worker;

import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.adapters.aws.DnsRecordActivitiesImpl;
import io.spacetime.runbook.adapters.aws.SecurityGroupActivitiesImpl;
import io.spacetime.runbook.adapters.dns.DnsActivitiesImpl;
import io.spacetime.runbook.adapters.document.DocumentActivitiesImpl;
import io.spacetime.runbook.adapters.environment.EnvironmentActivitiesImpl;
import io.spacetime.runbook.adapters.environment.EnvironmentLoader;
import io.spacetime.runbook.adapters.hosts.DocumentCommandsImpl;
import io.spacetime.runbook.adapters.hosts.HostChecksImpl;
import io.spacetime.runbook.adapters.hosts.ReleaseActivitiesImpl;
import io.spacetime.runbook.adapters.hosts.ServiceActivitiesImpl;
import io.spacetime.runbook.adapters.incident.IncidentHistoryImpl;
import io.spacetime.runbook.adapters.incident.IncidentIndexActivitiesImpl;
import io.spacetime.runbook.adapters.incident.IncidentOpeningImpl;
import io.spacetime.runbook.adapters.incident.InvestigationActivitiesImpl;
import io.spacetime.runbook.adapters.incident.MitigationActivitiesImpl;
import io.spacetime.runbook.adapters.loadbalancer.Elbv2LoadBalancer;
import io.spacetime.runbook.adapters.loadbalancer.LoadBalancers;
import io.spacetime.runbook.adapters.lock.LockActivitiesImpl;
import io.spacetime.runbook.adapters.metrics.PrometheusQueries;
import io.spacetime.runbook.adapters.notify.NotificationActivitiesImpl;
import io.spacetime.runbook.adapters.probes.ProbeActivitiesImpl;
import io.spacetime.runbook.adapters.ssh.HostConnections;
import io.temporal.client.WorkflowClient;

/**
 * The activity implementations one worker registers, sharing what should be shared: one SSH
 * connection pool for every host step (so a host is dialled once per worker, not per step), and one
 * set of AWS clients for every AWS step.
 */
public final class ActivityAdapters implements AutoCloseable {

  private final HostConnections connections;
  private final AwsClients aws;
  private final Object[] implementations;

  private ActivityAdapters(HostConnections connections, AwsClients aws, Object[] implementations) {
    this.connections = connections;
    this.aws = aws;
    this.implementations = implementations;
  }

  /** With the default commands at once per host. */
  public static ActivityAdapters create(WorkflowClient client, String taskQueue, RunbookHome home) {
    return create(client, taskQueue, home, HostConnections.defaultHostConcurrency());
  }

  /** At most {@code hostConcurrency} commands at once on one host from this worker (RUNBOOK_HOST_CONCURRENCY). */
  public static ActivityAdapters create(WorkflowClient client, String taskQueue, RunbookHome home, int hostConcurrency) {
    HostConnections connections = new HostConnections(hostConcurrency);
    AwsClients aws = new AwsClients();
    return new ActivityAdapters(connections, aws, new Object[] {
        new EnvironmentActivitiesImpl(new EnvironmentLoader(home.environmentDirs())),
        new DocumentActivitiesImpl(home.documentDirs()),
        new DocumentCommandsImpl(connections),
        new HostChecksImpl(connections),
        new ReleaseActivitiesImpl(connections),
        new ServiceActivitiesImpl(connections),
        new InvestigationActivitiesImpl(connections),
        new MitigationActivitiesImpl(connections),
        new ProbeActivitiesImpl(),
        new PrometheusQueries(),
        new NotificationActivitiesImpl(),
        new DnsActivitiesImpl(),
        new LoadBalancers(new Elbv2LoadBalancer(aws)),
        new SecurityGroupActivitiesImpl(aws),
        new DnsRecordActivitiesImpl(aws),
        new LockActivitiesImpl(client, taskQueue),
        new IncidentIndexActivitiesImpl(client, taskQueue),
        new IncidentOpeningImpl(client, taskQueue),
        new IncidentHistoryImpl(client)});
  }

  public Object[] implementations() {
    return implementations.clone();
  }

  @Override
  public void close() {
    connections.close();
    aws.close();
  }
}
