package io.spacetime.runbook.adapters.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spacetime.runbook.environment.Environment;
import io.spacetime.runbook.environment.Host;
import io.spacetime.runbook.environment.Thresholds;
import io.spacetime.runbook.environment.WatchSettings;
import io.spacetime.runbook.ports.hosts.HostTarget;
import io.spacetime.runbook.ports.hosts.Layout;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentLoaderTest {

  @TempDir Path dir;
  Path environments;
  Path keyFile;
  Path knownHosts;
  EnvironmentLoader loader;

  @BeforeEach
  void setUp() throws IOException {
    environments = Files.createDirectories(dir.resolve("environments"));
    keyFile = Files.writeString(dir.resolve("id_ed25519"), "key");
    knownHosts = Files.writeString(dir.resolve("known_hosts"), "");
    loader = new EnvironmentLoader(List.of(environments));
  }

  @Test
  void aMinimalFileGetsTheRunbooksDefaults() throws IOException {
    write("production", """
        hosts:
          - name: api-1
            address: 10.0.1.50
        ssh:
          keyFile: %s
          knownHosts: %s
        """.formatted(keyFile, knownHosts));

    Environment env = loader.load("production");

    assertEquals("production", env.name());
    assertEquals(List.of(new Host("api-1", "10.0.1.50", 22, "10.0.1.50", "", "")), env.hosts());
    assertEquals("spacetime-deploy", env.ssh().user());
    assertEquals(Layout.defaults(), env.layout());
    assertEquals(List.of(8080, 8081, 6006, 6005), env.ports().all());
    assertEquals(Thresholds.runbookDefaults(), env.thresholds());
    assertEquals("none", env.loadBalancer().type());
    assertEquals("systemctl is-active godot-spacetime", env.service().isActive());
    assertTrue(env.deploymentWindows().enforce());
  }

  @Test
  void readsASandboxFile() throws IOException {
    write("sandbox", """
        name: sandbox
        description: Local hosts on 127.0.55.x
        hosts:
          - {name: api-1, address: 127.0.55.1, sshPort: 2201, deployRoot: /tmp/sandbox/api-1}
          - {name: api-2, address: 127.0.55.2, sshPort: 2202, serviceAddress: 127.0.55.12}
        ssh: {user: deploy, keyFile: %s, knownHosts: %s, connectTimeoutSeconds: 3}
        service:
          start: "{deployRoot}/bin/start {serviceAddress}"
          stop: "{deployRoot}/bin/stop"
          isActive: "{deployRoot}/bin/is-active"
          logFile: logs/service.log
        thresholds: {minDiskFreeGb: 1, minMemoryAvailableGb: 0.5}
        deploymentWindows: {enforce: false}
        staging: {enabled: true, start: "bin/start-staging", stop: "bin/stop-staging", apiPort: 18080}
        requiredTools:
          - {name: godot, command: "godot --version", minVersion: 4.5.0}
        notifications: {console: true, webhookUrlEnv: SLACK_WEBHOOK_URL}
        """.formatted(keyFile, knownHosts));

    Environment env = loader.load("sandbox");

    assertEquals(2201, env.hosts().get(0).sshPort());
    assertEquals("/tmp/sandbox/api-1", env.layoutOn(env.hosts().get(0)).deployRoot());
    assertEquals("127.0.55.12", env.hosts().get(1).serviceAddress());
    assertEquals(3, env.target(env.hosts().get(0)).connectTimeoutSeconds());
    assertEquals(1.0, env.thresholds().minDiskFreeGb());
    assertEquals(0.5, env.thresholds().minMemoryAvailableGb());
    assertEquals(200.0, env.thresholds().loadTestMaxP95Ms(), "not in the file: the runbook's value");
    assertTrue(env.staging().enabled());
    assertEquals("4.5.0", env.requiredTools().get(0).minVersion());
  }

  @Test
  void pooledConnectionsGetAnIdleTimeoutAndALifetimeByDefault() throws IOException {
    write("production", hostsAnd(""));

    Environment env = loader.load("production");
    HostTarget target = env.target(env.hosts().get(0));

    assertEquals(300, target.connectionIdleTimeoutSeconds());
    assertEquals(3600, target.connectionMaxLifetimeSeconds());
  }

  @Test
  void theSshSectionSetsTheIdleTimeoutAndTheLifetimeOfConnections() throws IOException {
    write("production", """
        hosts: [{name: api-1, address: 10.0.1.50}]
        ssh: {keyFile: %s, knownHosts: %s, connectionIdleTimeoutSeconds: 60, connectionMaxLifetimeSeconds: 900}
        """.formatted(keyFile, knownHosts));

    Environment env = loader.load("production");
    HostTarget target = env.target(env.hosts().get(0));

    assertEquals(60, target.connectionIdleTimeoutSeconds());
    assertEquals(900, target.connectionMaxLifetimeSeconds());
  }

  @Test
  void anUndosPatienceIsInMinutesOrInSecondsWhichOverrideThem() throws IOException {
    write("minutes", hostsAnd("rollback: {retryMinutes: 3}\n"));
    write("seconds", hostsAnd("rollback: {retryMinutes: 3, retrySeconds: 15}\n"));
    write("negative", hostsAnd("rollback: {retrySeconds: -5}\n"));

    assertEquals(Duration.ofMinutes(3), loader.load("minutes").rollback().patience());
    assertEquals(Duration.ofSeconds(15), loader.load("seconds").rollback().patience());
    assertInvalid("negative", "field 'rollback.retrySeconds': must be positive");
  }

  @Test
  void connectionLimitsMustBePositiveAndTheIdleTimeoutWithinTheLifetime() throws IOException {
    write("zero", """
        hosts: [{name: api-1, address: 10.0.1.50}]
        ssh: {keyFile: %s, knownHosts: %s, connectionIdleTimeoutSeconds: 0, connectionMaxLifetimeSeconds: -1}
        """.formatted(keyFile, knownHosts));
    write("inverted", """
        hosts: [{name: api-1, address: 10.0.1.50}]
        ssh: {keyFile: %s, knownHosts: %s, connectionIdleTimeoutSeconds: 7200, connectionMaxLifetimeSeconds: 3600}
        """.formatted(keyFile, knownHosts));

    assertInvalid("zero", "field 'ssh.connectionIdleTimeoutSeconds': is 0; it must be greater than 0",
        "field 'ssh.connectionMaxLifetimeSeconds': is -1; it must be greater than 0");
    assertInvalid("inverted", "field 'ssh.connectionIdleTimeoutSeconds': is 7200, longer than"
        + " ssh.connectionMaxLifetimeSeconds (3600)");
  }

  @Test
  void aWrongTypeNamesTheFileAndTheField() throws IOException {
    write("production", hostsAnd("""
          - name: api-2
            address: 10.0.1.51
            sshPort: twenty-two
        """));
    assertInvalid("production", "production.yaml: field 'hosts[1].sshPort': expected a whole number (got 'twenty-two')");
  }

  @Test
  void aMisspelledFieldIsRejected() throws IOException {
    write("production", """
        hosts:
          - name: api-1
            adress: 10.0.1.50
        """);
    String message = assertInvalid("production", "field 'hosts[0].adress': unknown field");
    assertTrue(message.contains("address"), "lists the known fields: " + message);
  }

  @Test
  void brokenYamlSaysWhere() throws IOException {
    write("production", "hosts:\n  - name: api-1\n   address: [unclosed\n");
    assertInvalid("production", "not valid YAML at line");
  }

  @Test
  void anEmptyListEntryIsRejected() throws IOException {
    write("production", "hosts:\n  - \n");
    assertInvalid("production", "field 'hosts");
  }

  @Test
  void everyRuleViolationIsReportedAtOnce() throws IOException {
    write("production", """
        hosts:
          - {name: API_1, address: 10.0.1.50, sshPort: 70000}
          - {name: api-2, address: "", deployRoot: relative/path}
          - {name: api-2, address: 10.0.1.52}
        ssh: {keyFile: relative/key, knownHosts: /no/such/known_hosts}
        layout: {deployRoot: opt/spacetime}
        thresholds: {minDiskFreeGb: 0}
        deploymentWindows:
          standard: [{days: [TUESDAY, Funday], from: "10:00", to: "25:00"}]
        staging: {enabled: true}
        maintenance: {enabled: true}
        loadBalancer: {type: f5}
        """);
    String message = assertInvalid("production",
        "field 'hosts[0].name': 'API_1' is not a host name",
        "field 'hosts[0].sshPort': is 70000; a port is 1 to 65535",
        "field 'hosts[1].address': is required",
        "field 'hosts[1].deployRoot': 'relative/path' must be an absolute path",
        "field 'hosts[2].name': 'api-2' is used by another host",
        "field 'ssh.keyFile': 'relative/key' must be an absolute path",
        "field 'ssh.knownHosts': '/no/such/known_hosts' does not exist on the worker",
        "field 'layout.deployRoot': 'opt/spacetime' must be an absolute path",
        "field 'thresholds.minDiskFreeGb': is 0.0; it must be greater than 0",
        "field 'deploymentWindows.standard[0].to': '25:00' is not a time",
        "field 'deploymentWindows.standard[0].days[1]': 'Funday' is not a day",
        "field 'staging.start': is required",
        "field 'staging.stop': is required",
        "field 'maintenance.url': is required when maintenance is enabled",
        "field 'maintenance.tokenEnv': is required",
        "loadBalancer.type': 'f5' is not supported by this version; supported: none, aws");
    assertTrue(message.startsWith(environments.resolve("production.yaml") + ": "), message);
  }

  @Test
  void anAwsEnvironmentLoadsWithTheLoadBalancerInTheAccountsRegion() throws IOException {
    write("production", """
        hosts:
          - {name: api-1, address: 10.0.1.50, loadBalancerTargetId: i-1234567890abcdef0}
        ssh: {keyFile: %s, knownHosts: %s}
        aws:
          region: us-east-1
          endpointUrl: http://127.0.0.1:5000
          securityGroups: {groupIds: [sg-0123456789abcdef0], approvedCidrs: [10.0.0.0/8]}
          route53: {hostedZoneId: Z0123456789ABCDEFGHIJ, recordName: spacetime-api.company.com, deploymentTtlSeconds: 60}
        loadBalancer:
          type: aws
          targetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/spacetime-api/abcd1234
          drainTimeoutSeconds: 120
        """.formatted(keyFile, knownHosts));

    Environment env = loader.load("production");

    assertEquals("us-east-1", env.loadBalancer().region());
    assertEquals("http://127.0.0.1:5000", env.loadBalancer().endpointUrl());
    assertEquals(120, env.loadBalancer().drainTimeoutSeconds());
    assertEquals(300, env.loadBalancer().healthTimeoutSeconds());
    assertEquals(List.of("10.0.0.0/8"), env.aws().securityGroups().approvedCidrs());
    assertEquals(300, env.aws().route53().maxTtlSeconds());
  }

  @Test
  void badAwsFieldsAreNamed() throws IOException {
    write("production", """
        hosts:
          - {name: api-1, address: 10.0.1.50}
        ssh: {keyFile: %s, knownHosts: %s}
        aws:
          region: us-east-1
          securityGroups: {groupIds: [default], approvedCidrs: [10.0.0.0/33]}
          route53: {hostedZoneId: Z1, recordName: "not a name", deploymentTtlSeconds: 600}
        loadBalancer:
          type: aws
          targetGroupArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/spacetime-api/abcd1234
        """.formatted(keyFile, knownHosts));

    assertInvalid("production",
        "field 'aws.securityGroups.groupIds[0]': 'default' is not a security group id",
        "field 'aws.securityGroups.approvedCidrs[0]': '10.0.0.0/33' is not a CIDR",
        "field 'aws.route53.recordName': 'not a name' is not a DNS name",
        "field 'aws.route53.deploymentTtlSeconds': is 600; it must be 0 (do not lower) or 1 to maxTtlSeconds (300)",
        "field 'loadBalancer.targetGroupArn': is in region eu-west-1 but the load balancer's region is us-east-1",
        "field 'hosts[0].loadBalancerTargetId': is required with loadBalancer.type aws");
  }

  @Test
  void awsCredentialsInTheFileAreRefused() throws IOException {
    write("production", hostsAnd("") + "aws: {region: us-east-1, accessKeyId: AKIAEXAMPLE}\n");

    assertInvalid("production", "field 'aws.accessKeyId': unknown field");
  }

  @Test
  void theNameInsideMustMatchTheFile() throws IOException {
    write("production", "name: staging\n" + hostsAnd(""));
    assertInvalid("production", "field 'name': is 'staging' but the file is production.yaml");
  }

  @Test
  void anEmptyFileIsInvalid() throws IOException {
    write("production", "");
    assertInvalid("production", "the file is empty");
  }

  @Test
  void namesThatAreNotEnvironmentNamesNeverBecomePaths() throws IOException {
    Files.writeString(dir.resolve("passwd.yaml"), hostsAnd(""));
    for (String name : List.of("../passwd", "../../etc", "/etc/passwd", "Production", "")) {
      ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> loader.load(name));
      assertEquals("InvalidInput", failure.getType(), name);
      assertTrue(failure.isNonRetryable());
    }
  }

  @Test
  void anUnknownEnvironmentListsTheKnownOnes() throws IOException {
    write("production", hostsAnd(""));
    write("staging", hostsAnd(""));
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> loader.load("prod"));
    assertEquals("UnknownEnvironment", failure.getType());
    assertTrue(failure.isNonRetryable());
    assertTrue(failure.getOriginalMessage().endsWith("known environments: production, staging"),
        failure.getOriginalMessage());
  }

  @Test
  void theFirstDirectoryThatHasTheFileWins() throws IOException {
    Path overrides = Files.createDirectories(dir.resolve("overrides"));
    Files.writeString(overrides.resolve("production.yaml"), "description: override\n" + hostsAnd(""));
    write("production", "description: shipped\n" + hostsAnd(""));
    assertEquals("override", new EnvironmentLoader(List.of(overrides, environments)).load("production").description());
  }

  private String hostsAnd(String moreHosts) {
    return """
        hosts:
          - name: api-1
            address: 10.0.1.50
        %sssh:
          keyFile: %s
          knownHosts: %s
        """.formatted(moreHosts, keyFile, knownHosts);
  }

  @Test
  void theDocumentedExampleFileLoadsWithOnlyThisMachinesKeyFilesMissing() throws IOException {
    String example = Files.readString(Path.of("..", "environments", "production.example.yaml"))
        .replace("~/.ssh/id_ed25519", keyFile.toString()).replace("~/.ssh/known_hosts", knownHosts.toString());
    write("production", example);

    Environment env = loader.load("production");

    assertEquals(3, env.hosts().size());
    assertEquals("spacetime-api.internal.company.com", env.network().internalHostname());
    assertEquals(List.of("prometheus.internal.company.com:9090"), env.network().monitoringEndpoints());
    assertEquals("spacetime-api.company.com", env.dns().record());
    assertEquals(300, env.dns().maxTtlSeconds());
    assertEquals(Thresholds.runbookDefaults(), env.thresholds(), "the example states the runbook's numbers");
    assertEquals(Environment.DEFAULT_REQUIRED_FILES, env.requiredFiles());
    assertEquals("aws", env.loadBalancer().type());
    assertEquals("us-east-1", env.loadBalancer().region(), "the account's region");
    assertEquals(List.of("sg-0123456789abcdef0"), env.aws().securityGroups().groupIds());
    assertEquals("spacetime-api.company.com", env.aws().route53().recordName());
    assertEquals(WatchSettings.runbookDefaults(), env.watch(), "the example states the runbook's watch window");
    assertEquals(java.util.Map.of("canary", List.of("api-1"), "rest", List.of("api-2", "api-3")), env.groups());
  }

  @Test
  void aHostGroupListsHostsOfTheFile() throws IOException {
    write("production", """
        hosts: [{name: api-1, address: 10.0.1.50}]
        groups: {web: [api-1, api-9], Bad: [api-1], empty: []}
        ssh: {keyFile: %s, knownHosts: %s}
        """.formatted(keyFile, knownHosts));
    assertInvalid("production", "field 'groups.web': 'api-9' is not one of the hosts",
        "field 'groups.Bad': 'Bad' is not a group name (lower-case letters, digits, '-')",
        "field 'groups.empty': lists no hosts");
  }

  @Test
  void badWatchWindowSettingsAreNamedByTheirField() throws IOException {
    write("prod", hostsAnd("") + """
        watch: {windowMinutes: -1, intervalSeconds: 0, considerErrorRatePercent: 8, prometheusUrl: "prometheus:9090"}
        """);
    assertInvalid("prod", "field 'watch.windowMinutes': is -1; use 0 to 1440", "field 'watch.intervalSeconds'",
        "field 'watch.considerErrorRatePercent': is 8.0, above watch.rollbackErrorRatePercent (5.0)",
        "field 'watch.prometheusUrl': 'prometheus:9090' must start with https://");
  }

  @Test
  void badNetworkDnsAndRequiredFileSettingsAreNamed() throws IOException {
    write("prod", hostsAnd("") + """
        network: {internalHostname: "bad name;rm", monitoringEndpoints: ["prometheus:notaport"], maxLatencyMs: 0}
        dns: {resolver: "10.0.0.1:53", expectedAddresses: ["10.0.0.999"], externalStatusUrl: "ftp://x"}
        requiredFiles: ["../../etc/passwd"]
        thresholds: {minBackupSizeMb: -1}
        """);
    assertInvalid("prod", "field 'network.internalHostname'", "field 'network.monitoringEndpoints[0]'",
        "field 'network.maxLatencyMs'", "field 'dns.expectedAddresses[0]'", "field 'dns.record': is required",
        "field 'dns.externalStatusUrl'", "field 'requiredFiles[0]'", "field 'thresholds.minBackupSizeMb'");
  }

  @Test
  void anIncidentSectionIsReadWithTheRunbooksDefaultsForWhatItLeavesOut() throws IOException {
    write("production", hostsAnd("") + """
        incident:
          channel: "#ops-incidents"
          escalationPath: {onCall: "@dana", lead: "Kim (SRE lead)"}
          paging: {routingKeyEnv: PAGERDUTY_ROUTING_KEY}
          scenes: [vr_main.tscn, scenes/lobby.tscn]
          disk: {logsDir: logs, tempDirs: [/tmp, /var/tmp, tmp], tempPatterns: [godot-*, spacetime-*, core-helper.tmp], quotaMb: 2048}
          backupRetention: {daily: 14}
          labels: {SpaceTimeDiskFull: disk-space}
        """);

    Environment env = loader.load("production");

    assertEquals("#ops-incidents", env.incident().channel());
    assertEquals("@dana", env.incident().escalationPath().get("onCall"));
    assertEquals(List.of("/tmp", "/var/tmp", "tmp"), env.incident().disk().tempDirs(), "relative: under each host's deploy root");
    assertEquals(2048, env.incident().disk().quotaMb());
    assertEquals(7, env.incident().disk().logMaxAgeDays());
    assertEquals(14, env.incident().backupRetention().daily());
    assertEquals(4, env.incident().backupRetention().weekly());
    assertEquals(5.0, env.incident().errorRateP1Percent());
  }

  @Test
  void everyBadIncidentSettingIsNamedByItsField() throws IOException {
    write("production", hostsAnd("") + """
        incident:
          escalationPath: {onCall: dana, cto: "Pat"}
          paging: {routingKeyEnv: "pager-duty key", url: "ftp://events"}
          coolDownMinutes: -1
          approvalTimeoutMinutes: 0
          approvalTimeoutSeconds: -1
          watchSeconds: 60
          watchIntervalSeconds: 120
          samplesPerEndpoint: 5000
          memorySamples: 1
          errorRateP1Percent: 1.0
          errorRateP2Percent: 5.0
          diskResolvedPercent: 99
          responseP1Ms: 0
          scenes: ["../outside.tscn", "/abs/main.tscn"]
          disk: {logsDir: "../../var/log", logMaxAgeDays: 0, tempDirs: ["/", "../etc", "/tmp/../etc"],
                 tempPatterns: ["*", ".*", "godot/*", "ab*", "godot-*"], quotaMb: -5}
          backupRetention: {daily: 0, weekly: -1}
          scheduledRestartEveryHours: 0
          authTokenEnv: "not a variable"
          prometheusUrl: "prometheus:9090"
          labels: {SpaceTimeDown: "api-down"}
          continueAsNewAfterEvents: 60000
        """);

    assertInvalid("production",
        "field 'incident.escalationPath.cto': is not a level of the escalation path; use onCall, senior, lead, manager,"
            + " director, vp",
        "field 'incident.paging.routingKeyEnv': 'pager-duty key' is not an environment variable name",
        "field 'incident.paging.url': 'ftp://events' must start with https://",
        "field 'incident.coolDownMinutes': is -1; use 0 to 1440",
        "field 'incident.approvalTimeoutMinutes': is 0; use 1 to 1440",
        "field 'incident.approvalTimeoutSeconds': is -1; use 0 to 86400",
        "field 'incident.watchIntervalSeconds': is 120, longer than incident.watchSeconds (60)",
        "field 'incident.samplesPerEndpoint': is 5000; use 1 to 1000",
        "field 'incident.memorySamples': is 1; use 2 to 1000",
        "field 'incident.errorRateP2Percent': is 5.0, above incident.errorRateP1Percent (1.0)",
        "field 'incident.diskResolvedPercent': is 99.0, above incident.diskP2Percent (85.0)",
        "field 'incident.responseP1Ms': is 0.0; use more than 0",
        "field 'incident.scenes[0]': '../outside.tscn' is not a path inside",
        "field 'incident.scenes[1]': '/abs/main.tscn' is not a path inside",
        "field 'incident.disk.logsDir': '../../var/log' is not a path inside",
        "field 'incident.disk.logMaxAgeDays': is 0; use 1 to 3650",
        "field 'incident.disk.tempDirs[0]': '/' is not an absolute directory other than /",
        "field 'incident.disk.tempDirs[1]': '../etc'",
        "field 'incident.disk.tempDirs[2]': '/tmp/../etc'",
        "field 'incident.disk.tempPatterns[0]': '*' is not a file name prefix of at least 3",
        "field 'incident.disk.tempPatterns[1]': '.*'",
        "field 'incident.disk.tempPatterns[2]': 'godot/*'",
        "field 'incident.disk.tempPatterns[3]': 'ab*'",
        "field 'incident.disk.quotaMb': is -5",
        "field 'incident.backupRetention.daily': is 0; use 1 to 1000",
        "field 'incident.backupRetention.weekly': is -1; use 0 to 1000",
        "field 'incident.scheduledRestartEveryHours': is 0; use 1 to 168",
        "field 'incident.authTokenEnv': 'not a variable' is not an environment variable name",
        "field 'incident.prometheusUrl': 'prometheus:9090' must start with https://",
        "field 'incident.labels.SpaceTimeDown': 'api-down' is not an incident type; use one of api-unresponsive",
        "field 'incident.continueAsNewAfterEvents': is 60000; use 100 to 40000");
    String message = assertInvalid("production", "incident");
    assertFalse(message.contains("tempPatterns[4]"), "godot-* is allowed: " + message);
  }

  private void write(String name, String yaml) throws IOException {
    Files.writeString(environments.resolve(name + ".yaml"), yaml);
  }

  private String assertInvalid(String name, String... expected) {
    ApplicationFailure failure = assertThrows(ApplicationFailure.class, () -> loader.load(name));
    assertEquals("EnvironmentInvalid", failure.getType());
    assertTrue(failure.isNonRetryable());
    String message = failure.getOriginalMessage();
    for (String part : expected) {
      assertTrue(message.contains(part), "missing \"" + part + "\" in: " + message);
    }
    return message;
  }
}
