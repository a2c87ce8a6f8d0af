package dev.facerec.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A Java function with the library's secure defaults: its own role (no managed policy; logs granted on its own log
 * group only), an explicit log group with retention, JSON logs (application and system lines at INFO and above),
 * explicit memory and timeout; for a function invoked asynchronously, two retries and an on-failure queue (a
 * queue-fed function gets its retries and dead-letter queue from its event queue instead). X-Ray tracing only
 * when the spec asks for it: the functions' SDK clients are not instrumented, so a trace would show Lambda's own
 * segments only, and tracing needs a {@code Resource: *} grant.
 */
final class SecureFunction extends Construct {

    /** Retries of a failed asynchronous invocation (the most Lambda allows). */
    static final int RETRY_ATTEMPTS = 2;
    /** Shortens the JVM's cold start: C1 only, which is what a short-lived function benefits from. */
    static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Role role;
    private final Function function;

    SecureFunction(Construct scope, String id, FunctionSpec spec) {
        super(scope, id);
        this.role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Runs " + spec.description())
                .build();
        DataProtection protection = DataProtection.of(scope);
        IKey key = protection == null ? null : protection.key();
        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .encryptionKey(key)
                .retention(spec.logRetention())
                .removalPolicy(spec.logRemovalPolicy())
                .build();
        boolean async = spec.failureQueue() != null;
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.put("JAVA_TOOL_OPTIONS", JAVA_TOOL_OPTIONS);
        this.function = Function.Builder.create(this, "Resource")
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(LambdaAssets.code(spec.asset()))
                .memorySize(spec.memorySize())
                .timeout(spec.timeout())
                .environment(environment)
                .role(role)
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.INFO)
                .tracing(spec.tracing())
                .reservedConcurrentExecutions(spec.reservedConcurrency())
                .retryAttempts(async ? RETRY_ATTEMPTS : null)
                .maxEventAge(async ? spec.maxEventAge() : null)
                .onFailure(async ? new FailureDestination(spec.failureQueue()) : null)
                .vpc(protection == null ? null : protection.vpc())
                .vpcSubnets(protection == null ? null : protection.subnets())
                .securityGroups(protection == null ? null : protection.securityGroups())
                .build();
        logGroup.grantWrite(role);
        boolean inVpc = protection != null && protection.vpc() != null;
        if (inVpc) {
            protection.grantNetworkInterfaces(role);
        }
        suppressExpectedFindings(spec.tracing() == Tracing.ACTIVE, inVpc);
        CompliancePacks.suppressFunctionFindings(this, spec, key != null, inVpc);
    }

    LogGroup getLogGroup() {
        return (LogGroup) getNode().findChild("Logs");
    }

    Role getRole() {
        return role;
    }

    Function getFunction() {
        return function;
    }

    private void suppressExpectedFindings(boolean tracing, boolean inVpc) {
        NagSuppressions.add(
                function,
                "AwsSolutions-L1",
                "The functions are built and tested for the Java 21 runtime (bytecode 17), the project's fixed"
                        + " contract; Java 25 has not been validated for them yet.");
        IConstruct policy = role.getNode().findChild("DefaultPolicy");
        NagSuppressions.add(
                policy,
                "AwsSolutions-IAM5",
                "Resource '*' only for actions that support no resource-level permissions: "
                        + (tracing
                                ? "X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) and, where"
                                        + " granted, "
                                : "where granted, ")
                        + (inVpc
                                ? "ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets (the VPC's network"
                                        + " interfaces), "
                                : "")
                        + "rekognition:DetectFaces, rekognition:CreateCollection (the collection resource, a"
                        + " tenant's first enrolment, the sightings log's day collections) and"
                        + " rekognition:ListCollections (the Service Authorization Reference lists no resource type"
                        + " for any of them). Every other statement names exact ARNs or ARN patterns.",
                "Resource::*");
    }
}
