package dev.facerec.twin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.engine.rekognition.RekognitionServer;
import dev.facerec.twin.apigateway.HttpApiService;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.DeployerRegistry;
import dev.facerec.twin.cloudformation.StackArtifact;
import dev.facerec.twin.cloudformation.StackDeployer;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.cloudformation.StackStore;
import dev.facerec.twin.cloudformation.TemplateException;
import dev.facerec.twin.cloudformation.resources.AliasDeployer;
import dev.facerec.twin.cloudformation.resources.ApiAuthorizerDeployer;
import dev.facerec.twin.cloudformation.resources.ApiIntegrationDeployer;
import dev.facerec.twin.cloudformation.resources.ApiRouteDeployer;
import dev.facerec.twin.cloudformation.resources.ApiStageDeployer;
import dev.facerec.twin.cloudformation.resources.BucketDeployer;
import dev.facerec.twin.cloudformation.resources.BucketNotificationsDeployer;
import dev.facerec.twin.cloudformation.resources.CustomResourceDeployer;
import dev.facerec.twin.cloudformation.resources.CustomResourceResponses;
import dev.facerec.twin.cloudformation.resources.EventBusDeployer;
import dev.facerec.twin.cloudformation.resources.EventInvokeConfigDeployer;
import dev.facerec.twin.cloudformation.resources.EventSourceMappingDeployer;
import dev.facerec.twin.cloudformation.resources.FunctionDeployer;
import dev.facerec.twin.cloudformation.resources.HttpApiDeployer;
import dev.facerec.twin.cloudformation.resources.KinesisVideoStreamDeployer;
import dev.facerec.twin.cloudformation.resources.PermissionDeployer;
import dev.facerec.twin.cloudformation.resources.QueueDeployer;
import dev.facerec.twin.cloudformation.resources.QueuePolicyDeployer;
import dev.facerec.twin.cloudformation.resources.RecordedResources;
import dev.facerec.twin.cloudformation.resources.RuleDeployer;
import dev.facerec.twin.cloudformation.resources.TableDeployer;
import dev.facerec.twin.cloudformation.resources.VersionDeployer;
import dev.facerec.twin.dynamodb.DynamoDbServer;
import dev.facerec.twin.events.EventBridgeServer;
import dev.facerec.twin.events.EventsService;
import dev.facerec.twin.eventsources.EventSourceMappingService;
import dev.facerec.twin.kinesisvideo.KinesisVideoServer;
import dev.facerec.twin.kinesisvideo.KinesisVideoService;
import dev.facerec.twin.lambda.LambdaService;
import dev.facerec.twin.lambda.LambdaSettings;
import dev.facerec.twin.notifications.NotificationService;
import dev.facerec.twin.notifications.QueueDestinations;
import dev.facerec.twin.s3.LifecycleSweep;
import dev.facerec.twin.s3.S3Server;
import dev.facerec.twin.sqs.QueueAttributeStore;
import dev.facerec.twin.sqs.SqsClients;
import dev.facerec.twin.sqs.SqsServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The offline twin: one provider per AWS service (S3 on s3proxy, DynamoDB Local, SQS on ElasticMQ, the local
 * Rekognition, Lambda running the function assets in their own JVMs, S3 event notifications, EventBridge rules and
 * schedules), one deployer per
 * resource type, and a CloudFormation-like engine that deploys a cloud assembly onto them. All state lives under one
 * data directory; a twin started again on it finds everything as it was.
 */
public final class Twin implements AutoCloseable {

    private final TwinSettings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final S3Server s3;
    private final DynamoDbServer dynamoDb;
    private final SqsServer sqs;
    private final RekognitionServer rekognition;
    private final LambdaService lambda;
    private final NotificationService notifications;
    private final QueueAttributeStore queueAttributes;
    private final EventSourceMappingService eventSourceMappings;
    private final EventsService events;
    private final EventBridgeServer eventBridge;
    private final HttpApiService httpApis;
    private final KinesisVideoService kinesisVideo;
    private final KinesisVideoServer kinesisVideoServer;
    private final StackDeployer deployer;

    private Twin(TwinSettings settings, Consumer<String> progress) {
        this.settings = settings;
        Path data = settings.dataDirectory().toAbsolutePath().normalize();
        try {
            progress.accept("starting S3 (s3proxy)");
            s3 = started(S3Server.persistent(data.resolve("s3")).start());
            progress.accept("starting DynamoDB Local");
            dynamoDb =
                    started(DynamoDbServer.persistent(data.resolve("dynamodb")).start());
            progress.accept("starting SQS (ElasticMQ)");
            sqs = started(SqsServer.start(data.resolve("sqs"), 0, settings.region(), settings.accountId()));
            eventBridge = started(EventBridgeServer.bind(0));
            kinesisVideo =
                    new KinesisVideoService(data.resolve("kinesisvideo"), settings.region(), settings.accountId());
            kinesisVideoServer = started(KinesisVideoServer.start(kinesisVideo));
            progress.accept("starting Rekognition (face engine)");
            rekognition = started(RekognitionServer.builder()
                    .dataDirectory(data.resolve("rekognition"))
                    .s3Endpoint(s3.endpoint())
                    .region(settings.region())
                    .accountId(settings.accountId())
                    .build()
                    .start());
            lambda = started(new LambdaService(new LambdaSettings(
                    data.resolve("lambda"),
                    settings.region(),
                    settings.accountId(),
                    functionEndpoints(),
                    settings.retryDelays(),
                    settings.lambdaConcurrency(),
                    Duration.ofSeconds(60),
                    Path.of(System.getProperty("java.home"), "bin", "java"))));
            progress.accept("starting EventBridge");
            events = started(new EventsService(
                    data.resolve("events"),
                    settings.region(),
                    settings.accountId(),
                    lambda,
                    started(SqsClients.create(sqs.endpoint(), settings.region())),
                    Clock.systemUTC()));
            eventBridge.serve(events);
            progress.accept("starting API Gateway (HTTP APIs)");
            httpApis = started(new HttpApiService(
                    data.resolve("apigateway"),
                    settings.region(),
                    settings.accountId(),
                    lambda,
                    Map.of(S3Server.DEFAULT_IDENTITY, S3Server.DEFAULT_IDENTITY),
                    Clock.systemUTC()));
            queueAttributes = new QueueAttributeStore(data.resolve("sqs").resolve("attributes"));
            SqsClient notificationsSqs = started(SqsClients.create(sqs.endpoint(), settings.region()));
            notifications = new NotificationService(
                    data.resolve("notifications"),
                    lambda,
                    new QueueDestinations(notificationsSqs, queueAttributes, settings.accountId()),
                    settings.region());
            s3.addListener(notifications);
            progress.accept("starting the SQS event source mappings");
            SqsClient pollerSqs = started(SqsClients.create(sqs.endpoint(), settings.region()));
            eventSourceMappings = started(new EventSourceMappingService(
                    data.resolve("lambda").resolve("event-source-mappings"), lambda, pollerSqs, settings.region()));
            deployer = new StackDeployer(
                    registry(),
                    new StackStore(data.resolve("stacks")),
                    settings.region(),
                    settings.accountId(),
                    progress);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts every service on the settings' data directory. */
    public static Twin start(TwinSettings settings, Consumer<String> progress) {
        return new Twin(settings, progress);
    }

    /**
     * Deploys a stack of a cloud assembly (the only one when {@code stackName} is {@code null}); deploying the same
     * assembly again changes nothing. The stack's asset parameters (legacy synthesizer) get the values {@code cdk
     * deploy} would give them unless {@code parameters} names them.
     */
    public StackRecord deploy(CloudAssembly assembly, String stackName, Map<String, String> parameters) {
        StackArtifact stack;
        if (stackName != null) {
            stack = assembly.stack(stackName);
        } else if (assembly.stacks().size() == 1) {
            stack = assembly.stacks().get(0);
        } else {
            throw new TemplateException("the cloud assembly has several stacks "
                    + assembly.stacks().stream().map(StackArtifact::name).toList() + ": name the one to deploy");
        }
        Map<String, String> values = new LinkedHashMap<>(stack.assetParameters());
        values.putAll(parameters);
        return deployer.deploy(stack.name(), stack.template(), assembly.assets(), values);
    }

    /**
     * Deletes a deployed stack as {@code cdk destroy} does: every resource the template does not retain is deleted
     * (custom resources get their Delete request), in reverse order; retained ones stay.
     */
    public void destroy(String stackName) {
        deployer.destroy(stackName);
    }

    /** The stack record of a deployed stack, if any. */
    public Optional<StackRecord> stack(String stackName) {
        return new StackStore(
                        settings.dataDirectory().toAbsolutePath().normalize().resolve("stacks"))
                .load(stackName);
    }

    /** The endpoints of the services, by the environment variable that points an SDK client at them. */
    public Map<String, String> endpoints() {
        return functionEndpoints();
    }

    public TwinSettings settings() {
        return settings;
    }

    public RekognitionServer rekognition() {
        return rekognition;
    }

    public LambdaService lambda() {
        return lambda;
    }

    public NotificationService notifications() {
        return notifications;
    }

    /** The SQS event source mappings and their pollers. */
    public EventSourceMappingService eventSourceMappings() {
        return eventSourceMappings;
    }

    /** EventBridge: buses, rules, and {@link EventsService#runNow} to fire a scheduled rule now. */
    public EventsService events() {
        return events;
    }

    /**
     * Applies the lifecycle rules of the stack's buckets as of {@code now} ({@link LifecycleSweep}: the twin has no
     * background lifecycle, so tests sweep at a moved clock).
     */
    public LifecycleSweep.Result sweepLifecycle(String stackName, Instant now) {
        StackRecord record =
                stack(stackName).orElseThrow(() -> new IllegalArgumentException("no stack named " + stackName));
        Map<String, JsonNode> buckets = new LinkedHashMap<>();
        record.resourcesOfType("AWS::S3::Bucket")
                .forEach(bucket ->
                        buckets.put(bucket.physicalId(), bucket.properties().get("LifecycleConfiguration")));
        try (S3Client client = ServiceClients.s3(s3.endpoint(), settings.region())) {
            return new LifecycleSweep(client).sweep(buckets, now);
        }
    }

    /** API Gateway's HTTP APIs: their endpoints, and the JWT key their JWT authorizers accept. */
    public HttpApiService httpApis() {
        return httpApis;
    }

    /** Kinesis Video Streams' recorded streams and their image generation configurations. */
    public KinesisVideoService kinesisVideo() {
        return kinesisVideo;
    }

    /** Stops every service (functions first); state stays in the data directory. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping the twin failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Map<String, String> functionEndpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        endpoints.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        endpoints.put("AWS_ENDPOINT_URL_SQS", sqs.endpoint().toString());
        endpoints.put("AWS_ENDPOINT_URL_REKOGNITION", rekognition.endpoint().toString());
        endpoints.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge.endpoint().toString());
        endpoints.put(
                "AWS_ENDPOINT_URL_KINESIS_VIDEO", kinesisVideoServer.endpoint().toString());
        return endpoints;
    }

    private DeployerRegistry registry() {
        S3Client s3Client = started(ServiceClients.s3(s3.endpoint(), settings.region()));
        DynamoDbClient dynamoDbClient = started(ServiceClients.dynamoDb(dynamoDb.endpoint(), settings.region()));
        SqsClient sqsClient = started(SqsClients.create(sqs.endpoint(), settings.region()));
        CustomResourceResponses responses = started(new CustomResourceResponses());
        DeployerRegistry registry = new DeployerRegistry()
                .register(new BucketDeployer(s3Client))
                .register(new BucketNotificationsDeployer(notifications))
                .register(new TableDeployer(dynamoDbClient))
                .register(new QueueDeployer(sqsClient, queueAttributes))
                .register(new QueuePolicyDeployer(queueAttributes))
                .register(new EventSourceMappingDeployer(eventSourceMappings))
                .register(new FunctionDeployer(lambda))
                .register(new VersionDeployer(lambda))
                .register(new AliasDeployer(lambda))
                .register(new PermissionDeployer(lambda))
                .register(new HttpApiDeployer(httpApis))
                .register(new ApiStageDeployer(httpApis))
                .register(new ApiRouteDeployer(httpApis))
                .register(new ApiIntegrationDeployer(httpApis))
                .register(new ApiAuthorizerDeployer(httpApis))
                .register(new EventBusDeployer(events))
                .register(new RuleDeployer(events))
                .register(new EventInvokeConfigDeployer(lambda))
                .register(new KinesisVideoStreamDeployer(kinesisVideo))
                .register(new CustomResourceDeployer(lambda, responses, settings.customResourceTimeout()));
        RecordedResources.all().forEach(registry::register);
        return registry;
    }

    private <T extends AutoCloseable> T started(T service) {
        running.push(service);
        return service;
    }
}
