package dev.facerec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The sightings log of a {@link FaceRecognition} ({@link SightingsLogOptions}): the recognition function's right
 * and settings to index every face into the day collections {@code <collectionId>-log-YYYYMMDD}; the expiry function
 * with its daily schedule; the search function. Each role holds exactly what its code calls, on the day collections'
 * ARN pattern; {@code Resource: *} only for CreateCollection and ListCollections, which take no resource (Service
 * Authorization Reference, Amazon Rekognition: no resource type for either).
 */
final class SightingsLog extends Construct {

    static final String EXPIRE_HANDLER = "dev.facerec.functions.sightings.ExpireSightingsHandler::handleRequest";
    static final String SEARCH_HANDLER = "dev.facerec.functions.sightings.SearchSightingsHandler::handleRequest";
    static final String PREFIX_VARIABLE = "SIGHTINGS_LOG_PREFIX";
    static final String RETENTION_VARIABLE = "SIGHTINGS_LOG_RETENTION_DAYS";
    /** What separates the collection id from the day: the day collections are {@code <collectionId>-log-*}. */
    static final String LOG_INFIX = "-log-";
    /** Daily at 00:05 UTC, just after the oldest kept day has left the retention. */
    static final Schedule SCHEDULE =
            Schedule.cron(CronOptions.builder().minute("5").hour("0").build());

    static final Duration EXPIRE_TIMEOUT = Duration.minutes(5);
    static final Duration SEARCH_TIMEOUT = Duration.minutes(1);
    /** Neither function decodes images: the JVM and the SDK clients fit in the least memory the library uses. */
    static final int MEMORY_SIZE = ResolvedProps.MIN_MEMORY_SIZE;

    static final List<String> INDEX_ACTIONS = List.of("rekognition:IndexFaces");
    static final List<String> CREATE_ACTIONS = List.of("rekognition:CreateCollection");
    static final List<String> LIST_ACTIONS = List.of("rekognition:ListCollections");
    static final List<String> DELETE_ACTIONS = List.of("rekognition:DeleteCollection");
    static final List<String> ERASE_ACTIONS = List.of("rekognition:DeleteFaces");
    static final List<String> SEARCH_ACTIONS = List.of("rekognition:SearchFacesByImage");
    /** The rows of a photo's sightings; DeleteItem for those of a person erased while the photo was recognised. */
    static final List<String> WRITE_ROW_ACTIONS = List.of("dynamodb:BatchWriteItem", "dynamodb:DeleteItem");

    static final List<String> READ_ROW_ACTIONS = List.of("dynamodb:BatchGetItem");

    private final SecureFunction expiry;
    private final SecureFunction search;
    private final Rule schedule;
    private final String pattern;

    private SightingsLog(FaceRecognition scope, Wiring wiring, SightingsLogOptions options) {
        super(scope, "SightingsLog");
        ResolvedProps settings = wiring.settings();
        String prefix = wiring.collection().getCollectionId();
        String retentionDays = Integer.toString(options.getRetention().toDays().intValue());
        String pattern = dayCollectionsArn(wiring.collection());
        this.pattern = pattern;

        Role recognizeRole = wiring.recognize().getRole();
        wiring.recognize().getFunction().addEnvironment(PREFIX_VARIABLE, prefix);
        wiring.recognize().getFunction().addEnvironment(RETENTION_VARIABLE, retentionDays);
        grant(recognizeRole, INDEX_ACTIONS, pattern);
        grant(recognizeRole, CREATE_ACTIONS, "*");
        FaceTable.grantItems(wiring.table(), recognizeRole, WRITE_ROW_ACTIONS);
        suppressPattern(recognizeRole, "IndexFaces");
        // The sightings of a person erased while their photo was being recognised are deleted, face and row.
        grantEraseSightings(recognizeRole);

        Map<String, String> logEnvironment = new LinkedHashMap<>();
        logEnvironment.put(PREFIX_VARIABLE, prefix);
        logEnvironment.put(RETENTION_VARIABLE, retentionDays);
        this.expiry = new SecureFunction(
                this,
                "Expire",
                spec(
                        wiring,
                        EXPIRE_HANDLER,
                        "facerec sightings log: deletes the day collections older than the retention",
                        EXPIRE_TIMEOUT,
                        logEnvironment,
                        null));
        grant(expiry.getRole(), LIST_ACTIONS, "*");
        grant(expiry.getRole(), DELETE_ACTIONS, pattern);
        suppressPattern(expiry.getRole(), "DeleteCollection");
        this.schedule = Rule.Builder.create(this, "ExpirySchedule")
                .description("facerec: deletes the sightings log's day collections older than the retention")
                .schedule(SCHEDULE)
                .targets(List.of(FailureQueue.scheduledTarget(expiry, wiring.failureQueue())))
                .build();

        String searchPrefix = searchPrefix(options);
        Map<String, String> searchEnvironment = new LinkedHashMap<>(logEnvironment);
        searchEnvironment.put("TABLE_NAME", wiring.table().getTableName());
        searchEnvironment.put("SIGHTINGS_SEARCH_BUCKET", wiring.bucket().getBucketName());
        searchEnvironment.put("SIGHTINGS_SEARCH_PREFIX", searchPrefix);
        searchEnvironment.put("FACE_MATCH_THRESHOLD", FaceRecognition.plain(settings.faceMatchThreshold()));
        this.search = new SecureFunction(
                this,
                "Search",
                spec(
                        wiring,
                        SEARCH_HANDLER,
                        "facerec sightings log: answers where and when a face was seen",
                        SEARCH_TIMEOUT,
                        searchEnvironment,
                        null));
        grant(search.getRole(), SEARCH_ACTIONS, pattern);
        FaceTable.grantItems(wiring.table(), search.getRole(), READ_ROW_ACTIONS);
        PrefixGrants.read(wiring.bucket(), search.getRole(), searchPrefix);
        suppressPattern(search.getRole(), "SearchFacesByImage");
    }

    /**
     * What the log is attached to.
     *
     * @param settings     the pipeline's resolved props
     * @param bucket       the photo bucket (search images are read from it)
     * @param table        the table of the sighting rows
     * @param collection   the pipeline's collection, whose id prefixes the day collections
     * @param recognize    the recognition function, which fills the log
     * @param failureQueue where failed asynchronous invocations go
     */
    record Wiring(
            ResolvedProps settings,
            IBucket bucket,
            Table table,
            IFaceCollection collection,
            SecureFunction recognize,
            IQueue failureQueue) {}

    /** The log of {@code scope} as {@code options} describe it, or {@code null} when they are absent (off). */
    static SightingsLog attach(FaceRecognition scope, SightingsLogOptions options, Wiring wiring) {
        return options == null ? null : new SightingsLog(scope, wiring, options);
    }

    SecureFunction expiry() {
        return expiry;
    }

    SecureFunction search() {
        return search;
    }

    Rule schedule() {
        return schedule;
    }

    /** DeleteFaces on the day collections: a person erasure removes the person's sightings. */
    void grantEraseSightings(Role role) {
        grant(role, ERASE_ACTIONS, pattern);
        suppressPattern(role, "DeleteFaces");
    }

    /** Checks the options with the props they come with; nothing when absent. */
    static void check(SightingsLogOptions options, ResolvedProps props, List<String> problems) {
        if (options == null) {
            return;
        }
        if (props.perTenant()) {
            problems.add(
                    "sightingsLog cannot be combined with collectionStrategy PER_TENANT: the log is the face-match"
                            + " use case's, over one shared collection (and its day collections would share the tenants' prefix)");
        }
        if (options.getRetention() == null) {
            problems.add("sightingsLog.retention is required: how many days of sightings to keep, 1 to "
                    + SightingsLogOptions.MAX_RETENTION_DAYS);
        } else {
            ResolvedProps.checkWholeDays(
                    "sightingsLog.retention",
                    options.getRetention(),
                    1,
                    SightingsLogOptions.MAX_RETENTION_DAYS,
                    problems);
        }
        String searchPrefix = searchPrefix(options);
        ResolvedProps.checkPrefix("sightingsLog.searchPrefix", searchPrefix, problems);
        Map<String, String> others = Map.of(
                "enrollPrefix", props.enrollPrefix(),
                "recognizePrefix", props.recognizePrefix(),
                "resultsPrefix", props.resultsPrefix());
        others.forEach((name, other) -> {
            if (ResolvedProps.overlap(searchPrefix, other)) {
                problems.add("sightingsLog.searchPrefix '" + searchPrefix + "' overlaps " + name + " '" + other
                        + "': search images must trigger no function and be no result");
            }
        });
        String collectionId = props.existingCollection() != null
                ? props.existingCollection().getCollectionId()
                : props.collectionId();
        int room = 255 - (LOG_INFIX.length() + 8);
        if (collectionId != null && !Token.isUnresolved(collectionId) && collectionId.length() > room) {
            problems.add("collectionId must be at most " + room + " characters with the sightings log (its day"
                    + " collections are '<collectionId>-log-YYYYMMDD', 255 at most), got " + collectionId.length());
        }
    }

    private static String searchPrefix(SightingsLogOptions options) {
        return options.getSearchPrefix() != null
                ? options.getSearchPrefix()
                : SightingsLogOptions.DEFAULT_SEARCH_PREFIX;
    }

    /** {@code <collection ARN>-log-*}: the day collections of the log and nothing else of the account. */
    private static String dayCollectionsArn(IFaceCollection collection) {
        String arn = collection instanceof FaceCollectionBase base ? base.policyArn() : collection.getCollectionArn();
        return arn + LOG_INFIX + "*";
    }

    private static FunctionSpec spec(
            Wiring wiring,
            String handler,
            String description,
            Duration timeout,
            Map<String, String> environment,
            Number reservedConcurrency) {
        ResolvedProps settings = wiring.settings();
        return new FunctionSpec(
                LambdaAssets.SIGHTINGS,
                handler,
                description,
                MEMORY_SIZE,
                timeout,
                environment,
                reservedConcurrency,
                FaceRecognition.MAX_EVENT_AGE,
                wiring.failureQueue(),
                settings.logRetention(),
                settings.removalPolicy(),
                settings.tracing());
    }

    private static Grant grant(Role role, List<String> actions, String resource) {
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(actions)
                .resourceArns(List.of(resource))
                .build());
    }

    private static void suppressPattern(Role role, String action) {
        NagSuppressions.add(
                role.getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5",
                "The sightings log keeps one collection per UTC day, created as days come: rekognition:" + action
                        + " only on the collections named '<collectionId>-log-*' of this pipeline.",
                NagSuppressions.regex("^Resource::arn:.*:rekognition:.*:collection/.*-log-\\*$"));
    }
}
