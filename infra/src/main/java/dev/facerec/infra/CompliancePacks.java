package dev.facerec.infra;

import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The cdk-nag Serverless and NIST 800-53 rev 5 findings that this design answers otherwise, suppressed on the one
 * resource each concerns with the reason (the AwsSolutions ones sit with the resources that cause them). A finding
 * that a prop closes (the key, the VPC, tracing, reserved concurrency) is suppressed only while the prop is off.
 * docs/construct.md, "Compliance packs", lists every one.
 */
final class CompliancePacks {

    static final String NIST = "NIST.800.53.R5-";
    static final String SERVERLESS = "Serverless-";

    static final String NO_KEY = "No customer managed key was asked for (FaceRecognitionProps encryptionKey or"
            + " createEncryptionKey): the data is encrypted at rest with AWS managed keys, the default.";
    static final String DEAD_LETTER_QUEUE = "This queue is itself a dead-letter destination (of the event queues, or"
            + " of failed asynchronous invocations); a dead-letter queue of a dead-letter queue would only move the"
            + " same messages again. It keeps them 14 days, the most SQS allows.";

    private CompliancePacks() {}

    /** The findings on a function of the library, its log group and its role's policy. */
    static void suppressFunctionFindings(SecureFunction secure, FunctionSpec spec, boolean keyed, boolean inVpc) {
        IConstruct function = secure.getFunction();
        boolean async = spec.failureQueue() != null;
        String dlq = async
                ? "Invoked asynchronously with two retries and an on-failure destination (the failure queue,"
                        + " AWS::Lambda::EventInvokeConfig), which receives the invocation record of every event that"
                        + " ran out of retries or age; a DeadLetterConfig as well would deliver each failure twice."
                : "Never invoked asynchronously: fed by an SQS event source mapping (retries and the dead-letter"
                        + " queue are the event queue's redrive policy) or invoked synchronously (the identity API,"
                        + " the sightings search), where the caller receives the error. A function's dead-letter queue"
                        + " only serves asynchronous invocations.";
        NagSuppressions.add(function, NIST + "LambdaDLQ", dlq);
        NagSuppressions.add(function, SERVERLESS + "LambdaDLQ", dlq);
        NagSuppressions.add(
                function,
                SERVERLESS + "LambdaLatestVersion",
                "The functions are built and tested for the Java 21 runtime (bytecode 17), the project's fixed"
                        + " contract; Java 25 has not been validated for them (nor SnapStart on it) yet.");
        if (spec.reservedConcurrency() == null) {
            NagSuppressions.add(
                    function,
                    NIST + "LambdaConcurrency",
                    "No reserved concurrency by default: a new account's concurrency limit can be as low as 10,"
                            + " where any reservation fails the deploy. The queue-fed functions are capped by their"
                            + " event source mapping's MaximumConcurrency instead; reservedConcurrency reserves.");
        }
        if (!inVpc) {
            NagSuppressions.add(
                    function,
                    NIST + "LambdaInsideVPC",
                    "The functions call AWS service endpoints only (S3, DynamoDB, SQS, Rekognition, EventBridge,"
                            + " CloudWatch Logs) and serve no network; FaceRecognitionProps vpc runs them in a VPC.");
        }
        if (spec.tracing() != Tracing.ACTIVE) {
            NagSuppressions.add(
                    function,
                    SERVERLESS + "LambdaTracing",
                    "X-Ray tracing is the tracing prop (off by default): the functions' SDK clients are not"
                            + " instrumented, so a trace would show Lambda's own segments only.");
        }
        if (!keyed) {
            NagSuppressions.add(secure.getLogGroup(), NIST + "CloudWatchLogGroupEncrypted", NO_KEY);
        }
        NagSuppressions.add(
                secure.getRole().getNode().findChild("DefaultPolicy"),
                NIST + "IAMNoInlinePolicy",
                "Each function has a role of its own whose policy serves that role only and lives and dies with it:"
                        + " the strict one-to-one relationship IAM documents inline policies for. A managed policy"
                        + " could be attached elsewhere by mistake.");
    }

    /** A queue that is itself a dead-letter destination. */
    static void suppressDeadLetterQueueFindings(IConstruct queue) {
        NagSuppressions.add(queue, "AwsSolutions-SQS3", DEAD_LETTER_QUEUE);
        NagSuppressions.add(queue, SERVERLESS + "SQSRedrivePolicy", DEAD_LETTER_QUEUE);
    }

    /** The event source mapping of a queue-fed function. */
    static void suppressEventSourceMappingFindings(CfnEventSourceMapping mapping) {
        NagSuppressions.add(
                mapping,
                SERVERLESS + "LambdaEventSourceMappingDestination",
                "An SQS event source mapping takes no on-failure destination (Lambda supports one for stream and"
                        + " Kafka sources only): a message that fails maxReceiveCount times moves to the event"
                        + " queue's dead-letter queue by its redrive policy.");
    }

    /** The photo bucket the construct creates and its access-log bucket. */
    static void suppressBucketFindings(IBucket bucket, IBucket accessLogs, boolean keyed) {
        String replication = "Replication would copy biometric photos into another bucket (or region), out of the"
                + " reach of the pipeline's erasure; versioning and the bucket's lifecycle rules are the recovery"
                + " this design keeps, for a bounded time.";
        NagSuppressions.add(bucket, NIST + "S3BucketReplicationEnabled", replication);
        NagSuppressions.add(accessLogs, NIST + "S3BucketReplicationEnabled", replication);
        if (!keyed) {
            NagSuppressions.add(bucket, NIST + "S3DefaultEncryptionKMS", NO_KEY);
        }
        NagSuppressions.add(
                accessLogs,
                NIST + "S3DefaultEncryptionKMS",
                "S3 server access logs (keys and request metadata, no image) are encrypted with S3 managed keys:"
                        + " the log delivery service writes them, outside the functions' grants of the key.");
        NagSuppressions.add(
                accessLogs,
                NIST + "S3BucketVersioningEnabled",
                "Access logs expire after 90 days and name object keys (person ids): versioning would keep"
                        + " deleted logs beyond that.");
    }

    /** The table. */
    static void suppressTableFindings(IConstruct table) {
        NagSuppressions.add(
                table,
                NIST + "DynamoDBInBackupPlan",
                "Point-in-time recovery (35 days) is on; an AWS Backup plan would keep rows of erased people"
                        + " (faces, names, results) in backups beyond the pipeline's erasure and retention.");
    }

    /** CDK's own bucket-notifications handler (one per stack): its inline policy. */
    static void suppressNotificationsHandlerPolicy(IConstruct policy) {
        NagSuppressions.add(
                policy,
                NIST + "IAMNoInlinePolicy",
                "CDK's BucketNotificationsHandler: CDK writes its s3:PutBucketNotification policy inline on its own"
                        + " role and offers no way to change it.");
    }
}
