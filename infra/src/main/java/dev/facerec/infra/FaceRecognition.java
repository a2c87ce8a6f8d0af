package dev.facerec.infra;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Serverless face recognition: photos uploaded under the enrol prefix ({@code enroll/<personId>/<file>}) are
 * indexed into a Rekognition collection, photos under the recognise prefix have every face identified, with the
 * result written under the results prefix; people, faces, statuses and results are recorded in a DynamoDB table.
 *
 * <pre>{@code
 * FaceRecognition faces = new FaceRecognition(this, "Faces");
 * }</pre>
 *
 * <p>Secure by default: see {@link FaceRecognitionProps} and docs/construct.md.
 */
public final class FaceRecognition extends Construct {

    static final String INDEX_HANDLER = "dev.facerec.functions.index.IndexFacesQueueHandler::handleRequest";
    static final String RECOGNIZE_HANDLER = "dev.facerec.functions.recognize.RecognizeFacesQueueHandler::handleRequest";
    static final String ERASURE_HANDLER = "dev.facerec.functions.erasure.TenantErasureHandler::handleRequest";
    /** How long Lambda keeps and retries an asynchronous event (the maximum), for the functions invoked so. */
    static final Duration MAX_EVENT_AGE = Duration.hours(6);

    static final Duration INDEX_TIMEOUT = Duration.minutes(1);
    static final Duration RECOGNIZE_TIMEOUT = Duration.minutes(2);
    static final Duration ERASURE_TIMEOUT = Duration.minutes(15);

    private static final String SERVER_ACCESS_LOGS_USE_BUCKET_POLICY =
            "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";
    private static final String RECOGNIZE_VERSION_PROPS = "@aws-cdk/aws-lambda:recognizeVersionProps";
    private static final String RECOGNIZE_LAYER_VERSION = "@aws-cdk/aws-lambda:recognizeLayerVersion";
    private static final String NOTIFICATIONS_HANDLER_ID = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834";

    private final ResolvedProps settings;
    private final IBucket bucket;
    private final Table table;
    private final IFaceCollection collection;
    private final IQueue failureQueue;
    private final EventQueues eventQueues;
    private final Queue indexQueue;
    private final Queue recognizeQueue;
    private final SecureFunction index;
    private final SecureFunction recognize;
    private final SecureFunction tenantErasure;
    private final RecognitionEvents events;
    private final SightingsLog sightingsLog;
    private final IdentityApi identityApi;
    private final Retention retention;
    private final DataProtection protection;

    /** A face recognition pipeline with every default. */
    public FaceRecognition(Construct scope, String id) {
        this(scope, id, null);
    }

    /**
     * @throws IllegalArgumentException listing every invalid or conflicting property, with the values received
     */
    public FaceRecognition(Construct scope, String id, FaceRecognitionProps props) {
        super(scope, id);
        // Access-log delivery by bucket policy, not by ACL (which BucketOwnerEnforced forbids), in any app.
        getNode().setContext(SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
        // The identity API's published version is named by a hash of the function's properties; these flags decide
        // what the hash covers. Set here, the version is the same in any app, whatever flags it sets.
        getNode().setContext(RECOGNIZE_VERSION_PROPS, true);
        getNode().setContext(RECOGNIZE_LAYER_VERSION, true);
        this.settings = ResolvedProps.resolve(props, getNode().getPath());
        refuseBucketOfAnotherStack(settings.existingBucket());
        if (settings.existingBucket() != null) {
            SharedBucketPrefixes.of(settings.existingBucket()).claim(getNode().getPath(), settings);
        }
        this.protection = DataProtection.attach(this, props, settings.removalPolicy());
        this.bucket = settings.existingBucket() != null ? settings.existingBucket() : DataBucket.create(this, settings);
        this.table = FaceTable.create(this, settings.removalPolicy(), settings.perTenant());
        this.collection = settings.existingCollection() != null
                ? settings.existingCollection()
                : settings.perTenant()
                        ? new TenantCollections(this, "Collection", settings.collectionId())
                        : new FaceCollection(
                                this,
                                "Collection",
                                FaceCollectionProps.builder()
                                        .collectionId(settings.collectionId())
                                        .adoptExisting(settings.adoptExistingCollection())
                                        .removalPolicy(settings.removalPolicy())
                                        .build());
        SightingsLogOptions sightings = props == null ? null : props.getSightingsLog();
        // The functions invoked asynchronously (retention schedule, tenant erasure, sightings log) send failures here.
        this.failureQueue = FailureQueue.create(this, "FailedEvents", settings.removalPolicy());
        this.events = new RecognitionEvents(this, settings.eventBus(), bucket, settings.recognizePrefix());
        Map<String, String> environment = environment(settings);
        Map<String, String> recognizeEnvironment = new LinkedHashMap<>(environment);
        recognizeEnvironment.putAll(events.environment(settings.eventsIncludeNames()));
        this.index = new SecureFunction(
                this,
                "Index",
                queueFedSpec(
                        settings,
                        INDEX_HANDLER,
                        LambdaAssets.INDEX_FACES,
                        "facerec enrolment: indexes the face of each photo under the enrol prefix",
                        INDEX_TIMEOUT,
                        environment));
        this.recognize = new SecureFunction(
                this,
                "Recognize",
                queueFedSpec(
                        settings,
                        RECOGNIZE_HANDLER,
                        LambdaAssets.RECOGNIZE_FACES,
                        "facerec recognition: identifies every face of each photo under the" + " recognise prefix",
                        RECOGNIZE_TIMEOUT,
                        recognizeEnvironment));
        grantIndexFunction(settings);
        grantRecognizeFunction(settings);
        this.tenantErasure = settings.perTenant() ? tenantErasure(settings, environment) : null;
        this.eventQueues = new EventQueues(this, "Events", bucket, settings.removalPolicy());
        this.indexQueue = eventQueues.feed("IndexEvents", index, INDEX_TIMEOUT, settings.maxConcurrency());
        this.recognizeQueue =
                eventQueues.feed("RecognizeEvents", recognize, RECOGNIZE_TIMEOUT, settings.maxConcurrency());
        subscribeToUploads(settings);
        if (getEncryptionKey() != null) {
            protection.allowS3Notifications();
        }
        this.sightingsLog = SightingsLog.attach(
                this, sightings, new SightingsLog.Wiring(settings, bucket, table, collection, recognize, failureQueue));
        this.identityApi = IdentityApi.attach(
                this,
                props == null ? null : props.getIdentityApi(),
                new IdentityApi.Wiring(settings, bucket, table, collection, environment));
        String livenessPrefix = identityApi == null || identityApi.getLiveness() == null
                ? null
                : identityApi.getLiveness().prefix();
        Retention.Wiring erasure = new Retention.Wiring(
                settings, bucket, table, collection, environment, failureQueue, sightingsLog, livenessPrefix);
        this.retention = Retention.attach(this, props == null ? null : props.getEnrolmentRetention(), erasure);
        if (identityApi != null) {
            Retention.grantErasure(identityApi.role(), erasure);
        }
    }

    /** The bucket photos are uploaded to and results written to. */
    public IBucket getBucket() {
        return bucket;
    }

    /** The table of people, faces, object statuses and results. */
    public ITable getTable() {
        return table;
    }

    /** The Rekognition collection; use its grants to give other principals access. */
    public IFaceCollection getCollection() {
        return collection;
    }

    /** The enrolment function (ObjectCreated and ObjectRemoved under the enrol prefix). */
    public IFunction getIndexFunction() {
        return index.getFunction();
    }

    /** The recognition function (ObjectCreated under the recognise prefix). */
    public IFunction getRecognizeFunction() {
        return recognize.getFunction();
    }

    /**
     * With {@link CollectionStrategy#PER_TENANT}, the function that erases a tenant whole (invoke it with
     * {@code {"tenantId": "<id>"}}; see docs/construct.md, "Social tagging"); otherwise {@code null}.
     */
    public IFunction getTenantErasureFunction() {
        return tenantErasure == null ? null : tenantErasure.getFunction();
    }

    /**
     * The dead-letter queue of both event queues: S3 events a function failed on ten times (a message that is no S3
     * event, or a retryable error that lasted about 20 minutes). Watch {@link #metricDeadLetters()}; replay with SQS's
     * dead-letter queue redrive (messages go back to their own event queue).
     */
    public IQueue getDeadLetterQueue() {
        return eventQueues.deadLetterQueue();
    }

    /**
     * Messages in the dead-letter queue (maximum over a minute), ready for an alarm:
     * {@code faces.metricDeadLetters().createAlarm(this, "DeadLetters", CreateAlarmOptions.builder().threshold(0)
     * .evaluationPeriods(1).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).build())}.
     */
    public Metric metricDeadLetters() {
        return eventQueues.metricDeadLetters();
    }

    /** The queue the bucket sends the enrol prefix's S3 events to, and the enrolment function reads. */
    public IQueue getIndexQueue() {
        return indexQueue;
    }

    /** The queue the bucket sends the recognise prefix's S3 events to, and the recognition function reads. */
    public IQueue getRecognizeQueue() {
        return recognizeQueue;
    }

    /**
     * The on-failure queue of the functions invoked asynchronously (the tenant erasure function, the sightings log's
     * scheduled expiry): events that failed every retry or grew too old. {@code null} when the pipeline has neither
     * (the queue-fed functions use {@link #getDeadLetterQueue()}).
     */
    public IQueue getFailureQueue() {
        return failureQueue;
    }

    /** The EventBridge bus the "Faces Recognized" events go to. */
    public IEventBus getEventBus() {
        return events.bus();
    }

    /**
     * A rule sending every "Faces Recognized" event of this pipeline (its bucket and recognise prefix) to
     * {@code target}.
     */
    public Rule onFacesRecognized(IRuleTarget target) {
        return events.onFacesRecognized(target);
    }

    /**
     * A rule sending the "Faces Recognized" events of this pipeline's photos in which someone on the watch list
     * {@code list} was identified to {@code target}; the event names the faces and their lists (see
     * docs/construct.md, "Events").
     *
     * @throws IllegalArgumentException when {@code list} is not a valid list name ({@code [a-z0-9_-]{1,32}})
     */
    public Rule onWatchListMatch(String list, IRuleTarget target) {
        return events.onWatchListMatch(list, target);
    }

    /**
     * The sightings log's search function ("where was this face seen", see docs/construct.md), or {@code null} when
     * the log is off. Grant {@code lambda:InvokeFunction} on it only to whom may track faces.
     */
    public IFunction getSightingsSearchFunction() {
        return sightingsLog == null ? null : sightingsLog.search().getFunction();
    }

    /** The sightings log's daily expiry function, or {@code null} when the log is off. */
    public IFunction getSightingsExpiryFunction() {
        return sightingsLog == null ? null : sightingsLog.expiry().getFunction();
    }

    /** The retention schedule's function (daily; erases people past {@code enrolmentRetention}). */
    public IFunction getRetentionFunction() {
        return retention.function().getFunction();
    }

    /** The identity API (routes, function, grants), or {@code null} when it is off (the default). */
    public IdentityApi getIdentityApi() {
        return identityApi;
    }

    /**
     * The customer managed key of the bucket, table, queues and log groups (given or created), or {@code null} when
     * they use AWS managed encryption.
     */
    public IKey getEncryptionKey() {
        return protection == null ? null : protection.key();
    }

    /** The key prefix of enrolment photos. */
    public String getEnrollPrefix() {
        return settings.enrollPrefix();
    }

    /** The key prefix of photos to recognise. */
    public String getRecognizePrefix() {
        return settings.recognizePrefix();
    }

    /** The key prefix of consent documents ({@code <prefix><personId>.json}). */
    public String getConsentPrefix() {
        return settings.consentPrefix();
    }

    /** The key prefix results are written under. */
    public String getResultsPrefix() {
        return settings.resultsPrefix();
    }

    /** For the parts built on the pipeline ({@link FaceCameras}): its settings, queues and events. */
    ResolvedProps settings() {
        return settings;
    }

    EventQueues eventQueues() {
        return eventQueues;
    }

    RecognitionEvents events() {
        return events;
    }

    /** A function fed by an event queue: no asynchronous invocation settings, the reserved concurrency if any. */
    private static FunctionSpec queueFedSpec(
            ResolvedProps settings,
            String handler,
            String asset,
            String description,
            Duration timeout,
            Map<String, String> environment) {
        return new FunctionSpec(
                asset,
                handler,
                description,
                settings.memorySize(),
                timeout,
                environment,
                settings.reservedConcurrency(),
                null,
                null,
                settings.logRetention(),
                settings.removalPolicy(),
                settings.tracing());
    }

    private Map<String, String> environment(ResolvedProps settings) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("TABLE_NAME", table.getTableName());
        environment.put("COLLECTION_ID", collection.getCollectionId());
        environment.put("FACE_MATCH_THRESHOLD", plain(settings.faceMatchThreshold()));
        environment.put("ENROLL_PREFIX", settings.enrollPrefix());
        environment.put("RECOGNIZE_PREFIX", settings.recognizePrefix());
        environment.put("RESULTS_PREFIX", settings.resultsPrefix());
        environment.put("RESULT_TTL_DAYS", Integer.toString(settings.resultRetentionDays()));
        environment.put("COLLECTION_MODE", settings.collectionStrategy().name());
        ConsentWiring.environment(settings, environment);
        return environment;
    }

    /** The tenant erasure function: invoked directly, never by an event. */
    private SecureFunction tenantErasure(ResolvedProps settings, Map<String, String> environment) {
        Map<String, String> erasureEnvironment = new LinkedHashMap<>(environment);
        erasureEnvironment.put("BUCKET_NAME", bucket.getBucketName());
        SecureFunction function = new SecureFunction(
                this,
                "TenantErasure",
                new FunctionSpec(
                        LambdaAssets.TENANT_ERASURE,
                        ERASURE_HANDLER,
                        "facerec tenant erasure: deletes a tenant's collection, photos, results and rows",
                        settings.memorySize(),
                        ERASURE_TIMEOUT,
                        erasureEnvironment,
                        null,
                        MAX_EVENT_AGE,
                        failureQueue,
                        settings.logRetention(),
                        settings.removalPolicy(),
                        settings.tracing()));
        for (String prefix : List.of(settings.enrollPrefix(), settings.recognizePrefix(), settings.resultsPrefix())) {
            PrefixGrants.erase(bucket, function.getRole(), prefix);
        }
        ConsentWiring.grantErasure(bucket, function.getRole(), settings);
        FaceTable.grantErasure(table, function.getRole());
        ((TenantCollections) collection).grantErase(function.getRole());
        return function;
    }

    private void grantIndexFunction(ResolvedProps settings) {
        PrefixGrants.read(bucket, index.getRole(), settings.enrollPrefix());
        ConsentWiring.grantEnrolment(bucket, index.getRole(), settings);
        FaceTable.grantItems(table, index.getRole(), FaceTable.ENROLMENT_ACTIONS);
        collection.grantIndex(index.getRole());
        collection.grantDelete(index.getRole());
        if (collection instanceof TenantCollections tenants) {
            tenants.grantCreate(index.getRole());
        }
    }

    private void grantRecognizeFunction(ResolvedProps settings) {
        PrefixGrants.read(bucket, recognize.getRole(), settings.recognizePrefix());
        PrefixGrants.write(bucket, recognize.getRole(), settings.resultsPrefix());
        // A result version naming a person erased during the recognition is deleted (the redacted one stays).
        PrefixGrants.deleteVersions(bucket, recognize.getRole(), settings.resultsPrefix());
        FaceTable.grantItems(table, recognize.getRole(), FaceTable.RECOGNITION_ACTIONS);
        collection.grantIdentify(recognize.getRole());
        FaceCollection.grantDetectFaces(recognize.getRole());
        events.grantPublish(recognize.getRole());
    }

    /**
     * A bucket made in another stack would need its notification configuration (in that stack) to name this stack's
     * functions while this stack names the bucket: CloudFormation cannot order that (a dependency cycle at synth).
     * An imported bucket ({@code Bucket.fromBucketName} in this stack) has its notifications written from here.
     */
    private void refuseBucketOfAnotherStack(IBucket existing) {
        if (existing == null || existing.getStack() == Stack.of(this) || !(existing instanceof Bucket)) {
            return;
        }
        throw InvalidProps.of(
                "FaceRecognitionProps",
                getNode().getPath(),
                List.of("existingBucket belongs to the stack "
                        + existing.getStack().getNode().getPath()
                        + ": its notifications would have to name this stack's functions while this stack names the bucket,"
                        + " a dependency cycle. Import it in this stack with Bucket.fromBucketName(this, id, name) (and make"
                        + " this stack depend on that one), or create the FaceRecognition in the bucket's stack."));
    }

    /** No suffix filter: a wrong file must reach the function and be rejected with a reason, not be ignored. */
    private void subscribeToUploads(ResolvedProps settings) {
        NotificationKeyFilter enrolled =
                NotificationKeyFilter.builder().prefix(settings.enrollPrefix()).build();
        NotificationKeyFilter toRecognize = NotificationKeyFilter.builder()
                .prefix(settings.recognizePrefix())
                .build();
        bucket.addEventNotification(EventType.OBJECT_CREATED, eventQueues.notifications(indexQueue), enrolled);
        bucket.addEventNotification(EventType.OBJECT_REMOVED, eventQueues.notifications(indexQueue), enrolled);
        NotificationKeyFilter consent =
                NotificationKeyFilter.builder().prefix(settings.consentPrefix()).build();
        bucket.addEventNotification(EventType.OBJECT_CREATED, eventQueues.notifications(indexQueue), consent);
        bucket.addEventNotification(EventType.OBJECT_REMOVED, eventQueues.notifications(indexQueue), consent);
        bucket.addEventNotification(EventType.OBJECT_CREATED, eventQueues.notifications(recognizeQueue), toRecognize);
        suppressNotificationsHandlerFindings();
    }

    /** CDK's own function that writes the bucket notification configuration, one per stack. */
    private void suppressNotificationsHandlerFindings() {
        IConstruct notifications = bucket.getNode().tryFindChild("Notifications");
        IConstruct policy =
                notifications == null ? null : notifications.getNode().tryFindChild("HandlerPolicy");
        if (policy != null) {
            CompliancePacks.suppressNotificationsHandlerPolicy(policy);
        }
        IConstruct handler = Stack.of(this).getNode().tryFindChild(NOTIFICATIONS_HANDLER_ID);
        if (handler == null) {
            return;
        }
        IConstruct role = handler.getNode().findChild("Role");
        NagSuppressions.add(
                role,
                "AwsSolutions-IAM4",
                "CDK's BucketNotificationsHandler role: CDK attaches AWSLambdaBasicExecutionRole to it (logs only)"
                        + " and offers no way to replace it.",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    }

    static String plain(Number number) {
        if (Token.isUnresolved(number)) {
            return Token.asString(number);
        }
        return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
}
