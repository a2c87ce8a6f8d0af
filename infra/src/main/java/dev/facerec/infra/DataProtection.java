package dev.facerec.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The customer managed key and the VPC of a {@link FaceRecognition} ({@link FaceRecognitionProps#getEncryptionKey()},
 * {@link FaceRecognitionProps#getCreateEncryptionKey()}, {@link FaceRecognitionProps#getVpc()}). The parts of the
 * pipeline find it with {@link #of(IConstruct)}: the bucket, the table, every queue and every log group use its key;
 * every function runs in its VPC. The functions get the key through the key's grant methods (with the bucket's,
 * table's and queues' own grants); the key policy lets the services that act without a function's credentials use
 * it, and nothing else: S3 (the notifications it sends to the queues), CloudWatch Logs (the log groups) and
 * EventBridge (the failed scheduled events it sends to the failure queue).
 */
final class DataProtection extends Construct {

    static final String ID = "DataProtection";
    /** What S3 needs to send a message to a queue under a customer managed key (Amazon S3 User Guide). */
    static final List<String> S3_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");
    /** What EventBridge needs to send a failed event to a dead-letter queue under a customer managed key. */
    static final List<String> EVENTS_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");
    /** What CloudWatch Logs needs for a log group under a customer managed key (CloudWatch Logs User Guide). */
    static final List<String> LOGS_ACTIONS =
            List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*");

    static final List<String> NETWORK_INTERFACE_ACTIONS = List.of(
            "ec2:CreateNetworkInterface",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses");

    private final IKey key;
    private final FunctionVpcOptions vpc;

    private DataProtection(
            FaceRecognition scope, IKey key, boolean create, FunctionVpcOptions vpc, RemovalPolicy removalPolicy) {
        super(scope, ID);
        this.vpc = vpc;
        this.key = create ? created(removalPolicy) : key;
    }

    /** The protection of {@code scope} as the props ask for it, or {@code null} (AWS managed keys, no VPC). */
    static DataProtection attach(FaceRecognition scope, FaceRecognitionProps props, RemovalPolicy removalPolicy) {
        if (props == null) {
            return null;
        }
        boolean create = Boolean.TRUE.equals(props.getCreateEncryptionKey());
        if (props.getEncryptionKey() == null && !create && props.getVpc() == null) {
            return null;
        }
        DataProtection protection =
                new DataProtection(scope, props.getEncryptionKey(), create, props.getVpc(), removalPolicy);
        if (protection.key != null) {
            protection.allowLogs();
        }
        return protection;
    }

    /** The protection of the nearest {@link FaceRecognition} holding {@code construct}, or {@code null}. */
    static DataProtection of(IConstruct construct) {
        for (IConstruct scope = construct;
                scope != null;
                scope = scope.getNode().getScope()) {
            if (scope.getNode().tryFindChild(ID) instanceof DataProtection protection) {
                return protection;
            }
        }
        return null;
    }

    /** The key of {@code construct}'s pipeline, or {@code null} for AWS managed keys. */
    static IKey keyOf(IConstruct construct) {
        DataProtection protection = of(construct);
        return protection == null ? null : protection.key;
    }

    /** Encrypts a queue with the pipeline's key, or with SQS-managed keys (SSE-SQS) when it has none. */
    static Queue.Builder encrypt(IConstruct scope, Queue.Builder queue) {
        IKey key = keyOf(scope);
        return key == null
                ? queue.encryption(QueueEncryption.SQS_MANAGED)
                : queue.encryption(QueueEncryption.KMS).encryptionMasterKey(key).dataKeyReuse(Duration.minutes(5));
    }

    /** Checks the key and VPC props. */
    static void check(FaceRecognitionProps given, List<String> problems) {
        if (given.getEncryptionKey() != null && Boolean.TRUE.equals(given.getCreateEncryptionKey())) {
            problems.add("encryptionKey and createEncryptionKey cannot both be set: bring a key, or have one created");
        }
        if (given.getVpc() != null && given.getVpc().getVpc() == null) {
            problems.add("vpc.vpc is required: the VPC the functions run in");
        }
    }

    IKey key() {
        return key;
    }

    IVpc vpc() {
        return vpc == null ? null : vpc.getVpc();
    }

    SubnetSelection subnets() {
        return vpc == null ? null : vpc.getSubnets();
    }

    List<ISecurityGroup> securityGroups() {
        return vpc == null ? null : vpc.getSecurityGroups();
    }

    /**
     * What Lambda needs of a function's role to attach it to the VPC (Lambda Developer Guide, "Giving Lambda functions
     * access to resources in an Amazon VPC"): the describe calls, which take no resource, on {@code *}; creating,
     * deleting and addressing network interfaces on this account's and region's network interfaces, subnets and
     * security groups. The AWS managed AWSLambdaVPCAccessExecutionRole would grant all of it on {@code *}.
     */
    void grantNetworkInterfaces(Role role) {
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"))
                .resources(List.of("*"))
                .build());
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(NETWORK_INTERFACE_ACTIONS)
                .resources(List.of(
                        arn("ec2", "network-interface/*"), arn("ec2", "subnet/*"), arn("ec2", "security-group/*")))
                .build());
        NagSuppressions.add(
                role.getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5",
                "A function in a VPC: Lambda creates, deletes and addresses its network interfaces (names unknown"
                        + " before they exist) in the VPC's subnets and security groups of this account and region.",
                NagSuppressions.regex("^Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:"
                        + "(network-interface|subnet|security-group)/\\*$"));
    }

    /**
     * Lets S3 send the bucket's notifications to the queues under the key, for this account's buckets. The queue
     * policies name the one bucket; the key policy cannot (the bucket is encrypted with the key: naming it here would
     * be a dependency cycle).
     */
    void allowS3Notifications() {
        allowService("AllowS3Notifications", "s3.amazonaws.com", S3_ACTIONS, Map.of("StringEquals", sourceAccount()));
    }

    /** Lets EventBridge send the scheduled events it failed to deliver to the failure queue under the key. */
    void allowEventBridgeDeadLetters() {
        allowService(
                "AllowEventBridgeDeadLetters",
                "events.amazonaws.com",
                EVENTS_ACTIONS,
                Map.of(
                        "ArnLike", Map.of("aws:SourceArn", arn("events", "rule/*")),
                        "StringEquals", sourceAccount()));
    }

    /** Lets CloudWatch Logs encrypt and read the log groups of this account and region under the key. */
    private void allowLogs() {
        Stack stack = Stack.of(this);
        allowService(
                "AllowCloudWatchLogs",
                "logs." + stack.getRegion() + ".amazonaws.com",
                LOGS_ACTIONS,
                Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", arn("logs", "log-group:*"))));
    }

    private void allowService(String sid, String service, List<String> actions, Map<String, Object> conditions) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new ServicePrincipal(service)))
                .actions(actions)
                .resources(List.of("*"))
                .conditions(conditions)
                .build());
    }

    private Map<String, Object> sourceAccount() {
        return Map.of("aws:SourceAccount", Stack.of(this).getAccount());
    }

    private String arn(String service, String resource) {
        Stack stack = Stack.of(this);
        return "arn:" + stack.getPartition() + ":" + service + ":" + stack.getRegion() + ":" + stack.getAccount() + ":"
                + resource;
    }

    private Key created(RemovalPolicy removalPolicy) {
        return Key.Builder.create(this, "Key")
                .description("facerec: encrypts the photos, rows, queued events and logs of "
                        + getNode().getScope().getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(removalPolicy)
                .build();
    }
}
