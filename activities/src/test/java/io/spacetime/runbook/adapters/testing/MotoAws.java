package io.spacetime.runbook.adapters.testing;

import io.spacetime.runbook.adapters.aws.AwsClients;
import io.spacetime.runbook.ports.aws.AwsSettings;
import io.spacetime.runbook.ports.aws.Route53Settings;
import io.spacetime.runbook.ports.aws.SecurityGroupSettings;
import io.spacetime.runbook.ports.loadbalancer.LoadBalancerSettings;
import io.spacetime.runbook.sandbox.aws.MotoServer;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * An AWS account on the shared {@link MotoServer}, emptied for each test, with what a test builds in
 * it made through the SDK itself (a VPC, instances, a target group, security groups, a hosted zone).
 */
public final class MotoAws implements AutoCloseable {

  public static final String REGION = "us-east-1";

  public final MotoServer moto = MotoServer.shared();
  public final AwsClients clients = new AwsClients();
  private String vpcId;

  public MotoAws() {
    moto.reset();
  }

  public String endpoint() {
    return moto.endpoint();
  }

  public Ec2Client ec2() {
    return clients.ec2(REGION, endpoint());
  }

  public String vpc() {
    if (vpcId == null) {
      vpcId = ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    }
    return vpcId;
  }

  /** A running EC2 instance: a target the load balancer can register. */
  public String instance() {
    return ec2().runInstances(r -> r.imageId("ami-12345678").minCount(1).maxCount(1)).instances().get(0).instanceId();
  }

  public void stopInstance(String instanceId) {
    ec2().stopInstances(r -> r.instanceIds(instanceId));
  }

  /** A target group on port 8080 with health checks on /status; returns its ARN. */
  public String targetGroup(String name) {
    return clients.elbv2(REGION, endpoint()).createTargetGroup(r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080)
        .vpcId(vpc()).healthCheckPath("/status")).targetGroups().get(0).targetGroupArn();
  }

  public LoadBalancerSettings loadBalancer(String targetGroupArn) {
    return LoadBalancerSettings.aws(REGION, targetGroupArn, endpoint()).withTimeouts(2, 2);
  }

  /** A security group with one inbound tcp rule per {@code fromPort-toPort cidr} triple. */
  public String securityGroup(String name, Object... portsAndCidrs) {
    String id = ec2().createSecurityGroup(r -> r.groupName(name).description(name).vpcId(vpc())).groupId();
    for (int i = 0; i + 2 < portsAndCidrs.length; i += 3) {
      int from = (Integer) portsAndCidrs[i];
      int to = (Integer) portsAndCidrs[i + 1];
      String cidr = (String) portsAndCidrs[i + 2];
      ec2().authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(p -> p.ipProtocol("tcp").fromPort(from)
          .toPort(to).ipRanges(c -> c.cidrIp(cidr).description("test"))));
    }
    return id;
  }

  public AwsSettings securityGroups(List<String> groupIds, List<String> approvedCidrs, List<Integer> ports) {
    return new AwsSettings(REGION, endpoint(), new SecurityGroupSettings(groupIds, approvedCidrs, ports, null), null);
  }

  /** A hosted zone; returns its id. */
  public String hostedZone(String name) {
    return clients.route53(endpoint()).createHostedZone(r -> r.name(name).callerReference(name + System.nanoTime()))
        .hostedZone().id();
  }

  public void aRecord(String zoneId, String name, long ttl, String... addresses) {
    clients.route53(endpoint()).changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(c -> c
        .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(name).type(RRType.A).ttl(ttl)
            .resourceRecords(List.of(addresses).stream().map(a -> software.amazon.awssdk.services.route53.model
                .ResourceRecord.builder().value(a).build()).toList())))));
  }

  public void aliasRecord(String zoneId, String name, String target) {
    clients.route53(endpoint()).changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(c -> c
        .action(ChangeAction.UPSERT).resourceRecordSet(s -> s.name(name).type(RRType.A).aliasTarget(a -> a
            .hostedZoneId("Z35SXDOTRQ7X7K").dnsName(target).evaluateTargetHealth(false))))));
  }

  public AwsSettings route53(String zoneId, String record, String alias, List<String> addresses) {
    return new AwsSettings(REGION, endpoint(), null, new Route53Settings(zoneId, record, alias, addresses, null, null));
  }

  /**
   * A user of moto's IAM with {@code policy} (a JSON policy document) as its only permissions;
   * returns its access key. Made while moto still accepts any credentials.
   */
  public AwsBasicCredentials iamUser(String name, String policy) {
    try (IamClient iam = IamClient.builder().region(Region.AWS_GLOBAL).endpointOverride(URI.create(endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .build()) {
      iam.createUser(r -> r.userName(name));
      iam.putUserPolicy(r -> r.userName(name).policyName(name + "-policy").policyDocument(policy));
      AccessKey key = iam.createAccessKey(r -> r.userName(name)).accessKey();
      return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }
  }

  /**
   * From now on moto checks every request against its IAM, and the SDK's default chain (what the
   * adapters use) finds {@code credentials}; {@link #stopEnforcingIam} undoes both.
   */
  public void enforceIamAs(AwsBasicCredentials credentials) {
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
    moto.enforceIam(true);
  }

  public void stopEnforcingIam() {
    moto.enforceIam(false);
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @Override
  public void close() {
    clients.close();
  }
}
