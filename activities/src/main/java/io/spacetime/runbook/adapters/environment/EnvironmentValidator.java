package io.spacetime.runbook.adapters.environment;

import io.spacetime.runbook.adapters.HomePaths;
import io.spacetime.runbook.adapters.incident.IncidentInputs;
import io.spacetime.runbook.core.InputRules;
import io.spacetime.runbook.deployment.HostShare;
import io.spacetime.runbook.deployment.RolloutPause;
import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.IncidentSettings;
import io.spacetime.runbook.environment.TimeWindow;
import io.spacetime.runbook.incident.EscalationLevel;
import io.spacetime.runbook.incident.IncidentType;
import io.spacetime.runbook.ports.aws.Route53Settings;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import io.spacetime.runbook.ports.hosts.ToolRequirement;
import io.spacetime.runbook.ports.incident.DiskSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The rules a loaded environment must satisfy; collects every problem as "field 'x': what is wrong". */
final class EnvironmentValidator {

  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9-]+");
  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern DOTTED = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final String IPV4_TEXT = "((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(IPV4_TEXT);
  private static final List<String> SUPPORTED_LOAD_BALANCERS = List.of("none", "aws");
  /** An AWS region name ({@code us-east-1}, {@code ap-southeast-2}); an unknown one is not even answered by moto. */
  private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+");
  private static final Pattern TARGET_GROUP_ARN = Pattern.compile(
      "arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+");
  private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("(/hostedzone/)?[A-Z0-9]{1,32}");
  private static final Pattern CIDR = Pattern.compile(IPV4_TEXT + "/([0-9]|[12][0-9]|3[0-2])|[0-9a-fA-F:]+/[0-9]{1,3}");

  private final Environment env;
  private final List<String> problems = new ArrayList<>();

  EnvironmentValidator(Environment env) {
    this.env = env;
  }

  List<String> problems() {
    hosts();
    ssh();
    service();
    layout();
    ports();
    thresholds();
    windows();
    watch();
    rollout();
    staging();
    tls();
    probes();
    tools();
    notifications();
    aws();
    loadBalancer();
    rollback();
    network();
    dns();
    requiredFiles();
    incident();
    return problems;
  }

  private void hosts() {
    if (env.hosts().isEmpty()) {
      problem("hosts", "at least one host is required");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < env.hosts().size(); i++) {
      Host host = env.hosts().get(i);
      String field = "hosts[" + i + "]";
      if (host.name() == null || !HOST_NAME.matcher(host.name()).matches()) {
        problem(field + ".name", "'" + nullToEmpty(host.name()) + "' is not a host name (lower-case letters, digits, '-')");
      } else if (!names.add(host.name())) {
        problem(field + ".name", "'" + host.name() + "' is used by another host; host names must be unique");
      }
      if (blank(host.address())) {
        problem(field + ".address", "is required (the name or IP address SSH connects to)");
      }
      port(field + ".sshPort", host.sshPort());
      if (!host.deployRoot().isEmpty() && !host.deployRoot().startsWith("/")) {
        problem(field + ".deployRoot", "'" + host.deployRoot() + "' must be an absolute path");
      }
    }
    groups(names);
  }

  /** {@code groups}: each a name (as host names are written) listing hosts of this file. */
  private void groups(Set<String> hostNames) {
    env.groups().forEach((group, members) -> {
      if (!HOST_NAME.matcher(group).matches()) {
        problem("groups." + group, "'" + group + "' is not a group name (lower-case letters, digits, '-')");
      }
      if (members.isEmpty()) {
        problem("groups." + group, "lists no hosts");
      }
      members.stream().filter(m -> !hostNames.contains(m)).forEach(m ->
          problem("groups." + group, "'" + m + "' is not one of the hosts"));
    });
  }

  private void ssh() {
    required("ssh.user", env.ssh().user());
    existingAbsoluteFile("ssh.keyFile", env.ssh().keyFile());
    existingAbsoluteFile("ssh.knownHosts", env.ssh().knownHosts());
    positive("ssh.connectTimeoutSeconds", env.ssh().connectTimeoutSeconds());
    positive("ssh.commandTimeoutSeconds", env.ssh().commandTimeoutSeconds());
    positive("ssh.transferTimeoutSeconds", env.ssh().transferTimeoutSeconds());
    positive("ssh.connectionIdleTimeoutSeconds", env.ssh().connectionIdleTimeoutSeconds());
    positive("ssh.connectionMaxLifetimeSeconds", env.ssh().connectionMaxLifetimeSeconds());
    positive("ssh.maxSessions", env.ssh().maxSessions());
    if (env.ssh().connectionIdleTimeoutSeconds() > env.ssh().connectionMaxLifetimeSeconds()) {
      problem("ssh.connectionIdleTimeoutSeconds", "is " + env.ssh().connectionIdleTimeoutSeconds()
          + ", longer than ssh.connectionMaxLifetimeSeconds (" + env.ssh().connectionMaxLifetimeSeconds()
          + "), which always ends a connection first; lower it or raise the lifetime");
    }
  }

  private void service() {
    required("service.start", env.service().start());
    required("service.stop", env.service().stop());
    required("service.isActive", env.service().isActive());
    required("service.logFile", env.service().logFile());
  }

  private void layout() {
    if (!env.layout().deployRoot().startsWith("/")) {
      problem("layout.deployRoot", "'" + env.layout().deployRoot() + "' must be an absolute path");
    }
    required("layout.staging", env.layout().staging());
    required("layout.production", env.layout().production());
    required("layout.backups", env.layout().backups());
    required("layout.configSource", env.layout().configSource());
    required("layout.history", env.layout().history());
    if (env.layout().production().contains("/")) {
      problem("layout.production", "'" + env.layout().production() + "' must be a name in the deploy root, not a path");
    }
  }

  private void ports() {
    port("ports.api", env.ports().api());
    port("ports.telemetry", env.ports().telemetry());
    port("ports.dap", env.ports().dap());
    port("ports.lsp", env.ports().lsp());
  }

  private void thresholds() {
    var t = env.thresholds();
    positive("thresholds.minDiskFreeGb", t.minDiskFreeGb());
    positive("thresholds.minMemoryAvailableGb", t.minMemoryAvailableGb());
    positive("thresholds.maxLoadPerCore", t.maxLoadPerCore());
    positive("thresholds.minTlsValidityDays", t.minTlsValidityDays());
    positive("thresholds.loadTestMinSuccessPercent", t.loadTestMinSuccessPercent());
    if (t.loadTestMinSuccessPercent() > 100) {
      problem("thresholds.loadTestMinSuccessPercent", "is " + t.loadTestMinSuccessPercent() + "; at most 100");
    }
    positive("thresholds.loadTestMaxAverageMs", t.loadTestMaxAverageMs());
    positive("thresholds.loadTestMaxP95Ms", t.loadTestMaxP95Ms());
    positive("thresholds.maxAverageResponseMs", t.maxAverageResponseMs());
    positive("thresholds.startAttempts", t.startAttempts());
    positive("thresholds.startupTimeoutSeconds", t.startupTimeoutSeconds());
    if (t.minBackupSizeMb() < 0) {
      problem("thresholds.minBackupSizeMb", "is " + t.minBackupSizeMb() + "; it cannot be negative (0 checks nothing)");
    }
    positive("thresholds.maxServiceCpuPercent", t.maxServiceCpuPercent());
    positive("thresholds.maxServiceMemoryGb", t.maxServiceMemoryGb());
    if (t.maxErrorLogLines() < 0) {
      problem("thresholds.maxErrorLogLines", "is " + t.maxErrorLogLines() + "; it cannot be negative");
    }
  }

  private void windows() {
    var w = env.deploymentWindows();
    timeWindows("deploymentWindows.standard", w.standard());
    timeWindows("deploymentWindows.blackout", w.blackout());
    positive("deploymentWindows.approvalTimeoutMinutes", w.approvalTimeoutMinutes());
  }

  private void timeWindows(String field, List<TimeWindow> windows) {
    for (int i = 0; i < windows.size(); i++) {
      TimeWindow window = windows.get(i);
      String at = field + "[" + i + "]";
      for (String[] bound : List.of(new String[] {"from", window.from()}, new String[] {"to", window.to()})) {
        if (bound[1] == null || !HH_MM.matcher(bound[1]).matches()) {
          problem(at + "." + bound[0], "'" + nullToEmpty(bound[1]) + "' is not a time like 10:00 (HH:mm, UTC)");
        }
      }
      for (int d = 0; d < window.days().size(); d++) {
        String day = window.days().get(d);
        if (Arrays.stream(DayOfWeek.values()).noneMatch(v -> v.name().equals(day))) {
          problem(at + ".days[" + d + "]", "'" + day + "' is not a day; use MONDAY, TUESDAY, ... SUNDAY");
        }
      }
    }
  }

  /** The rollout through the fleet: the same parsers the request's fields use. */
  private void rollout() {
    var r = env.rollout();
    between("rollout.canary", r.canary(), 0, 100);
    HostShare.problem(r.batchSize(), 1).ifPresent(p -> problem("rollout.batchSize", p));
    HostShare.problem(r.maxFailures(), 0).ifPresent(p -> problem("rollout.maxFailures", p));
    RolloutPause.problem(r.pause()).ifPresent(p -> problem("rollout.pause", p));
    positive("rollout.approvalTimeoutMinutes", r.approvalTimeoutMinutes());
  }

  /** The watch window after Step 10: a line that asks must sit below the line that rolls back. */
  private void watch() {
    var w = env.watch();
    between("watch.windowMinutes", w.windowMinutes(), 0, 24 * 60);
    between("watch.intervalSeconds", w.intervalSeconds(), 1, 3600);
    positive("watch.decisionTimeoutMinutes", w.decisionTimeoutMinutes());
    positive("watch.requestsPerEndpoint", w.requestsPerEndpoint());
    positive("watch.rollbackErrorRatePercent", w.rollbackErrorRatePercent());
    positive("watch.rollbackP95Ms", w.rollbackP95Ms());
    positive("watch.considerErrorRatePercent", w.considerErrorRatePercent());
    positive("watch.considerP95Ms", w.considerP95Ms());
    if (w.considerErrorRatePercent() > w.rollbackErrorRatePercent()) {
      problem("watch.considerErrorRatePercent", "is " + w.considerErrorRatePercent() + ", above watch.rollbackErrorRatePercent ("
          + w.rollbackErrorRatePercent() + "); \"consider rollback\" must come before the automatic rollback");
    }
    if (w.considerP95Ms() > w.rollbackP95Ms()) {
      problem("watch.considerP95Ms", "is " + w.considerP95Ms() + ", above watch.rollbackP95Ms (" + w.rollbackP95Ms()
          + "); \"consider rollback\" must come before the automatic rollback");
    }
    if (w.fromPrometheus()) {
      httpUrl("watch.prometheusUrl", w.prometheusUrl());
    }
  }

  private void staging() {
    var s = env.staging();
    port("staging.apiPort", s.apiPort());
    port("staging.telemetryPort", s.telemetryPort());
    positive("staging.testTimeoutSeconds", s.testTimeoutSeconds());
    if (s.enabled()) {
      required("staging.start", s.start());
      required("staging.stop", s.stop());
    }
    if (!s.host().isEmpty() && env.hosts().stream().noneMatch(h -> s.host().equals(h.name()))) {
      problem("staging.host", "'" + s.host() + "' is not one of the hosts");
    }
  }

  private void tls() {
    var t = env.tls();
    if (t.enabled() && t.endpoint().isEmpty() && t.certFile().isEmpty()) {
      problem("tls", "enabled needs an endpoint (https://...) or a certFile");
    }
    if (!t.endpoint().isEmpty() && !t.endpoint().startsWith("https://")) {
      problem("tls.endpoint", "'" + t.endpoint() + "' must start with https://");
    }
  }

  private void probes() {
    var smoke = env.smokeTest();
    if (smoke.responseTimeSamples() < 1 || smoke.responseTimeSamples() > 1000) {
      problem("smokeTest.responseTimeSamples", "is " + smoke.responseTimeSamples() + "; use 1 to 1000");
    }
    positive("smokeTest.telemetryTimeoutSeconds", smoke.telemetryTimeoutSeconds());
    var load = env.loadTest();
    if (load.users() < 1 || load.users() > 1000) {
      problem("loadTest.users", "is " + load.users() + "; use 1 to 1000");
    }
    if (load.durationSeconds() < 1 || load.durationSeconds() > 3600) {
      problem("loadTest.durationSeconds", "is " + load.durationSeconds() + "; use 1 to 3600");
    }
    if (!load.path().startsWith("/")) {
      problem("loadTest.path", "'" + load.path() + "' must start with /");
    }
  }

  private void tools() {
    for (int i = 0; i < env.requiredTools().size(); i++) {
      ToolRequirement tool = env.requiredTools().get(i);
      String at = "requiredTools[" + i + "]";
      required(at + ".name", tool.name());
      required(at + ".command", tool.command());
      if (tool.minVersion() == null || !DOTTED.matcher(tool.minVersion()).matches()) {
        problem(at + ".minVersion", "'" + nullToEmpty(tool.minVersion()) + "' is not a dotted version like 4.5.0");
      }
    }
  }

  private void notifications() {
    variable("notifications.webhookUrlEnv", env.notifications().webhookUrlEnv());
    var m = env.maintenance();
    variable("maintenance.tokenEnv", m.tokenEnv());
    if (m.enabled()) {
      if (!m.url().startsWith("http://") && !m.url().startsWith("https://")) {
        problem("maintenance.url", "is required when maintenance is enabled (http:// or https://)");
      }
      required("maintenance.tokenEnv", m.tokenEnv());
    }
    positive("maintenance.durationMinutes", m.durationMinutes());
  }

  private void loadBalancer() {
    var lb = env.loadBalancer();
    if (!SUPPORTED_LOAD_BALANCERS.contains(lb.type())) {
      problem("loadBalancer.type", "'" + lb.type() + "' is not supported by this version; supported: "
          + String.join(", ", SUPPORTED_LOAD_BALANCERS));
    }
    port("loadBalancer.targetPort", lb.targetPort());
    if (!lb.aws()) {
      return;
    }
    if (lb.region().isEmpty()) {
      problem("loadBalancer.region", "is required for type aws (or set aws.region)");
    } else if (!AWS_REGION.matcher(lb.region()).matches()) {
      problem("loadBalancer.region", "'" + lb.region() + "' is not an AWS region (e.g. us-east-1)");
    }
    var arn = TARGET_GROUP_ARN.matcher(lb.targetGroupArn());
    if (!arn.matches()) {
      problem("loadBalancer.targetGroupArn", "'" + lb.targetGroupArn() + "' is not a target group ARN"
          + " (arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/spacetime-api/abcd1234)");
    } else if (!lb.region().isEmpty() && !arn.group(1).equals(lb.region())) {
      problem("loadBalancer.targetGroupArn", "is in region " + arn.group(1) + " but the load balancer's region is "
          + lb.region() + " (loadBalancer.region or aws.region): they must match");
    }
    url("loadBalancer.endpointUrl", lb.endpointUrl());
    positive("loadBalancer.healthTimeoutSeconds", lb.healthTimeoutSeconds());
    positive("loadBalancer.drainTimeoutSeconds", lb.drainTimeoutSeconds());
    for (int i = 0; i < env.hosts().size(); i++) {
      if (blank(env.hosts().get(i).loadBalancerTargetId())) {
        problem("hosts[" + i + "].loadBalancerTargetId", "is required with loadBalancer.type aws (the host's EC2"
            + " instance id, or its IP for an ip target group)");
      }
    }
  }

  /** The AWS account: region, endpoint, 1.3's security groups and 1.4's Route 53 record. */
  private void aws() {
    var aws = env.aws();
    var groups = aws.securityGroups();
    var zone = aws.route53();
    if (!aws.region().isEmpty() && !AWS_REGION.matcher(aws.region()).matches()) {
      problem("aws.region", "'" + aws.region() + "' is not an AWS region (e.g. us-east-1)");
    }
    if (aws.region().isEmpty() && (groups.configured() || zone.configured())) {
      problem("aws.region", "is required when aws.securityGroups or aws.route53 is set");
    }
    url("aws.endpointUrl", aws.endpointUrl());
    securityGroups(groups);
    route53(zone);
  }

  /** 1.3's groups: their ids, the approved sources, the ports. */
  private void securityGroups(SecurityGroupSettings groups) {
    for (int i = 0; i < groups.groupIds().size(); i++) {
      if (!SECURITY_GROUP_ID.matcher(groups.groupIds().get(i)).matches()) {
        problem("aws.securityGroups.groupIds[" + i + "]", "'" + groups.groupIds().get(i)
            + "' is not a security group id (sg-0123456789abcdef0)");
      }
    }
    if (groups.configured() && groups.approvedCidrs().isEmpty()) {
      problem("aws.securityGroups.approvedCidrs", "is required with groupIds: the sources the service ports may be"
          + " open to");
    }
    for (int i = 0; i < groups.approvedCidrs().size(); i++) {
      if (!CIDR.matcher(groups.approvedCidrs().get(i)).matches()) {
        problem("aws.securityGroups.approvedCidrs[" + i + "]", "'" + groups.approvedCidrs().get(i)
            + "' is not a CIDR (10.0.0.0/8)");
      }
    }
    for (int i = 0; i < groups.ports().size(); i++) {
      port("aws.securityGroups.ports[" + i + "]", groups.ports().get(i));
    }
  }

  /** 1.4's Route 53 record: zone, name, the production endpoint, the TTLs. */
  private void route53(Route53Settings zone) {
    if (zone.configured() || !zone.recordName().isEmpty()) {
      if (!HOSTED_ZONE_ID.matcher(zone.hostedZoneId()).matches()) {
        problem("aws.route53.hostedZoneId", "'" + zone.hostedZoneId() + "' is not a hosted zone id (Z0123456789ABCDEFGHIJ)");
      }
      if (!InputRules.HOSTNAME.matcher(zone.recordName()).matches()) {
        problem("aws.route53.recordName", "'" + zone.recordName() + "' is not a DNS name (e.g. spacetime-api.company.com)");
      }
    }
    for (int i = 0; i < zone.expectedAddresses().size(); i++) {
      if (!IPV4.matcher(zone.expectedAddresses().get(i)).matches()) {
        problem("aws.route53.expectedAddresses[" + i + "]", "'" + zone.expectedAddresses().get(i) + "' is not an IPv4 address");
      }
    }
    if (!zone.expectedAliasTarget().isEmpty() && !zone.expectedAddresses().isEmpty()) {
      problem("aws.route53.expectedAliasTarget", "and expectedAddresses exclude each other: the record is an alias or A records");
    }
    positive("aws.route53.maxTtlSeconds", zone.maxTtlSeconds());
    if (zone.deploymentTtlSeconds() < 0 || zone.deploymentTtlSeconds() > zone.maxTtlSeconds()) {
      problem("aws.route53.deploymentTtlSeconds", "is " + zone.deploymentTtlSeconds() + "; it must be 0 (do not lower)"
          + " or 1 to maxTtlSeconds (" + zone.maxTtlSeconds() + ")");
    }
  }

  private void url(String field, String url) {
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      problem(field, "'" + url + "' must start with https:// (or http://)");
    }
  }

  private void rollback() {
    positive("rollback.retryMinutes", env.rollback().retryMinutes());
    if (env.rollback().retrySeconds() < 0) {
      problem("rollback.retrySeconds", "must be positive (or left out: rollback.retryMinutes then applies)");
    }
    positive("rollback.maxBackoffSeconds", env.rollback().maxBackoffSeconds());
  }

  private void network() {
    var n = env.network();
    if (!n.internalHostname().isEmpty() && !InputRules.HOSTNAME.matcher(n.internalHostname()).matches()) {
      problem("network.internalHostname", "'" + n.internalHostname() + "' is not a host name (e.g. api.internal.company.com)");
    }
    for (int i = 0; i < n.monitoringEndpoints().size(); i++) {
      endpoint("network.monitoringEndpoints[" + i + "]", n.monitoringEndpoints().get(i));
    }
    positive("network.maxLatencyMs", n.maxLatencyMs());
  }

  private void dns() {
    var d = env.dns();
    if (!d.record().isEmpty() && !InputRules.HOSTNAME.matcher(d.record()).matches()) {
      problem("dns.record", "'" + d.record() + "' is not a DNS name (e.g. spacetime-api.company.com)");
    }
    if (!d.resolver().isEmpty() && !InputRules.HOSTNAME.matcher(d.resolver()).matches()
        && !InputRules.ENDPOINT.matcher(d.resolver()).matches()) {
      problem("dns.resolver", "'" + d.resolver() + "' is not host or host:port (e.g. 10.0.0.1 or 127.0.0.1:5353)");
    }
    for (int i = 0; i < d.expectedAddresses().size(); i++) {
      String address = d.expectedAddresses().get(i);
      if (!IPV4.matcher(address).matches()) {
        problem("dns.expectedAddresses[" + i + "]", "'" + address + "' is not an IPv4 address (the record's A answers)");
      }
    }
    if (d.record().isEmpty() && (!d.expectedAddresses().isEmpty() || !d.resolver().isEmpty())) {
      problem("dns.record", "is required when dns.resolver or dns.expectedAddresses is set (the name to look up)");
    }
    positive("dns.maxTtlSeconds", d.maxTtlSeconds());
    String url = d.externalStatusUrl();
    if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
      problem("dns.externalStatusUrl", "'" + url + "' must start with https:// (or http://)");
    }
  }

  private void requiredFiles() {
    for (int i = 0; i < env.requiredFiles().size(); i++) {
      String file = env.requiredFiles().get(i);
      if (!InputRules.RELATIVE_PATH.matcher(file).matches()) {
        problem("requiredFiles[" + i + "]", "'" + file + "' is not a path inside the release (letters, digits,"
            + " . _ + - and /, not starting with / and without ..)");
      }
    }
  }

  /** RUNBOOK_INCIDENTS.md's settings: numbers in range, ordered thresholds, and the values that reach commands allow-listed. */
  private void incident() {
    IncidentSettings i = env.incident();
    required("incident.channel", i.channel());
    i.escalationPath().forEach((level, who) -> {
      if (Arrays.stream(EscalationLevel.values()).noneMatch(l -> l.key().equals(level))) {
        problem("incident.escalationPath." + level, "is not a level of the escalation path; use "
            + Arrays.stream(EscalationLevel.values()).map(EscalationLevel::key).collect(Collectors.joining(", ")));
      } else if (who == null || who.isBlank() || who.length() > 80 || who.chars().anyMatch(Character::isISOControl)) {
        problem("incident.escalationPath." + level, "needs a name or handle (at most 80 characters)");
      }
    });
    variable("incident.paging.routingKeyEnv", i.paging().routingKeyEnv());
    httpUrl("incident.paging.url", i.paging().url());
    between("incident.coolDownMinutes", i.coolDownMinutes(), 0, 1440);
    between("incident.approvalTimeoutMinutes", i.approvalTimeoutMinutes(), 1, 1440);
    between("incident.approvalTimeoutSeconds", i.approvalTimeoutSeconds(), 0, 86_400);
    between("incident.watchSeconds", i.watchSeconds(), 1, 86_400);
    between("incident.watchIntervalSeconds", i.watchIntervalSeconds(), 1, 3600);
    if (i.watchIntervalSeconds() > i.watchSeconds()) {
      problem("incident.watchIntervalSeconds", "is " + i.watchIntervalSeconds() + ", longer than incident.watchSeconds ("
          + i.watchSeconds() + "), so the watch would take no second reading");
    }
    between("incident.samplesPerEndpoint", i.samplesPerEndpoint(), 1, 1000);
    between("incident.memorySamples", i.memorySamples(), 2, 1000);
    between("incident.memoryIntervalSeconds", i.memoryIntervalSeconds(), 1, 3600);
    positive("incident.memoryGrowthMbPerHour", i.memoryGrowthMbPerHour());
    ordered("incident.errorRate", "Percent", i.errorRateP1Percent(), i.errorRateP2Percent(), i.errorRateResolvedPercent(), 100);
    ordered("incident.response", "Ms", i.responseP1Ms(), i.responseP2Ms(), i.responseResolvedAverageMs(), 600_000);
    positive("incident.responseResolvedP95Ms", i.responseResolvedP95Ms());
    ordered("incident.disk", "Percent", i.diskP1Percent(), i.diskP2Percent(), i.diskResolvedPercent(), 100);
    if (i.maxLogErrors() < 0) {
      problem("incident.maxLogErrors", "is " + i.maxLogErrors() + "; it cannot be negative");
    }
    if (i.scenes().isEmpty() || i.scenes().size() > 200) {
      problem("incident.scenes", "has " + i.scenes().size() + " entries; list 1 to 200 scene files Incident 5 checks"
          + " (e.g. vr_main.tscn)");
    }
    for (int s = 0; s < i.scenes().size(); s++) {
      relativePath("incident.scenes[" + s + "]", i.scenes().get(s));
    }
    incidentDisk(i.disk());
    between("incident.backupRetention.daily", i.backupRetention().daily(), 1, 1000);
    between("incident.backupRetention.weekly", i.backupRetention().weekly(), 0, 1000);
    between("incident.backupRetention.monthly", i.backupRetention().monthly(), 0, 1000);
    required("incident.scheduledRestartCommand", i.scheduledRestartCommand());
    between("incident.scheduledRestartEveryHours", i.scheduledRestartEveryHours(), 1, 168);
    between("incident.recentDeploymentHours", i.recentDeploymentHours(), 1, 8760);
    variable("incident.authTokenEnv", i.authTokenEnv());
    if (!i.prometheusUrl().isEmpty()) {
      httpUrl("incident.prometheusUrl", i.prometheusUrl());
    }
    // Temporal ends a run at 51,200 events; the incident continues as new well before, but not every few events.
    between("incident.continueAsNewAfterEvents", i.continueAsNewAfterEvents(), 100, 40_000);
    i.labels().forEach((value, type) -> {
      if (!IncidentType.isKnown(type)) {
        problem("incident.labels." + value, "'" + type + "' is not an incident type; use one of " + IncidentType.names());
      }
    });
  }

  private void incidentDisk(DiskSettings d) {
    relativePath("incident.disk.logsDir", d.logsDir());
    between("incident.disk.logMaxAgeDays", d.logMaxAgeDays(), 1, 3650);
    if (d.quotaMb() < 0) {
      problem("incident.disk.quotaMb", "is " + d.quotaMb() + "; use 0 (the file system's use) or the deploy root's quota in MB");
    }
    for (int t = 0; t < d.tempDirs().size(); t++) {
      String dir = d.tempDirs().get(t);
      if (!IncidentInputs.acceptableTempDir(dir)) {
        problem("incident.disk.tempDirs[" + t + "]", "'" + dir + "' is not " + IncidentInputs.ABSOLUTE_DIR_RULE);
      }
    }
    for (int t = 0; t < d.tempPatterns().size(); t++) {
      String pattern = d.tempPatterns().get(t);
      if (!IncidentInputs.TEMP_PATTERN.matcher(pattern).matches()) {
        problem("incident.disk.tempPatterns[" + t + "]", "'" + pattern + "' is not " + IncidentInputs.TEMP_PATTERN_RULE);
      }
    }
  }

  /** A P1 threshold, the P2 threshold below it and the resolved level at or below P2: {@code incident.diskP1Percent}, ... */
  private void ordered(String prefix, String unit, double p1, double p2, double resolved, double max) {
    String resolvedField = prefix + (unit.equals("Ms") ? "ResolvedAverage" : "Resolved") + unit;
    for (Object[] field : new Object[][] {{prefix + "P1" + unit, p1}, {prefix + "P2" + unit, p2}, {resolvedField, resolved}}) {
      double value = (Double) field[1];
      if (value <= 0 || value > max) {
        problem((String) field[0], "is " + value + "; use more than 0 and at most " + max);
      }
    }
    if (p2 > p1) {
      problem(prefix + "P2" + unit, "is " + p2 + ", above " + prefix + "P1" + unit + " (" + p1 + "); P2 is the lower threshold");
    }
    if (resolved > p2) {
      problem(resolvedField, "is " + resolved + ", above " + prefix + "P2" + unit + " (" + p2
          + "); an incident could never count as resolved while still at P2");
    }
  }

  private void relativePath(String field, String value) {
    if (value == null || !InputRules.RELATIVE_PATH.matcher(value).matches()) {
      problem(field, "'" + nullToEmpty(value) + "' is not " + IncidentInputs.RELATIVE_PATH_RULE);
    }
  }

  private void httpUrl(String field, String value) {
    if (value == null || !(value.startsWith("http://") || value.startsWith("https://"))) {
      problem(field, "'" + nullToEmpty(value) + "' must start with https:// (or http://)");
    }
  }

  private void between(String field, int value, int min, int max) {
    if (value < min || value > max) {
      problem(field, "is " + value + "; use " + min + " to " + max);
    }
  }

  private void endpoint(String field, String value) {
    if (!InputRules.ENDPOINT.matcher(value).matches()) {
      problem(field, "'" + value + "' is not host:port (e.g. prometheus.internal:9090)");
    }
  }

  private void existingAbsoluteFile(String field, String value) {
    if (blank(value)) {
      problem(field, "is required");
      return;
    }
    Path path = HomePaths.expand(value);
    if (!path.isAbsolute()) {
      problem(field, "'" + value + "' must be an absolute path (or start with ~/)");
    } else if (!Files.isRegularFile(path)) {
      problem(field, "'" + value + "' does not exist on the worker" + (value.equals(path.toString()) ? "" : " (" + path + ")"));
    }
  }

  private void variable(String field, String name) {
    if (!name.isEmpty() && !VARIABLE.matcher(name).matches()) {
      problem(field, "'" + name + "' is not an environment variable name");
    }
  }

  private void port(String field, Integer port) {
    if (port < 1 || port > 65535) {
      problem(field, "is " + port + "; a port is 1 to 65535");
    }
  }

  private void positive(String field, Number value) {
    if (value.doubleValue() <= 0) {
      problem(field, "is " + value + "; it must be greater than 0");
    }
  }

  private void required(String field, String value) {
    if (blank(value)) {
      problem(field, "is required");
    }
  }

  private void problem(String field, String what) {
    problems.add("field '" + field + "': " + what);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
