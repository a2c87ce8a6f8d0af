package dev.facerec.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
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
 * The retention schedule of a {@link FaceRecognition}: a function (in the tenant-erasure jar) that a daily
 * EventBridge schedule invokes to erase everyone whose last enrolment or verification is older than the
 * {@code enrolmentRetention} prop, through the same person erasure as {@code DELETE /people}. Also the one place
 * that says what a person erasure may touch ({@link #grantErasure}), for this function and the identity API's.
 */
final class Retention extends Construct {

    static final String HANDLER = "dev.facerec.functions.erasure.RetentionHandler::handleRequest";
    /** BIPA's longest: three years after the last interaction. */
    static final Duration DEFAULT_RETENTION = Duration.days(3 * 365);
    /** The longest retention the prop takes (100 years). */
    static final int MAX_RETENTION_DAYS = 36500;
    /** Daily at 03:10 UTC. */
    static final Schedule SCHEDULE =
            Schedule.cron(CronOptions.builder().minute("10").hour("3").build());
    /** Lambda's longest: the sweep stops 30 s before and goes on the next day. */
    static final Duration TIMEOUT = Duration.minutes(15);
    /** The retention index's name and what the sweep and an erasure call on the table. */
    static final String INDEX_NAME = "retention";

    static final List<String> ERASURE_TABLE_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:Query",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem");

    /** What the retention function alone calls besides an erasure's actions: the backfill's Scan. */
    static final List<String> BACKFILL_ACTIONS = List.of("dynamodb:Scan");

    private final SecureFunction function;
    private final Rule schedule;

    /**
     * What the schedule is attached to.
     *
     * @param settings     the pipeline's resolved props
     * @param bucket       the photo bucket
     * @param table        the table
     * @param collection   the collection (or the tenants' collections)
     * @param environment  the functions' common environment
     * @param failureQueue where failed asynchronous invocations go
     * @param sightingsLog the sightings log, or {@code null}
     * @param livenessPrefix the prefix of Face Liveness images recorded for people, or {@code null} without liveness
     */
    record Wiring(
            ResolvedProps settings,
            IBucket bucket,
            Table table,
            IFaceCollection collection,
            Map<String, String> environment,
            IQueue failureQueue,
            SightingsLog sightingsLog,
            String livenessPrefix) {}

    private Retention(FaceRecognition scope, Wiring wiring, Duration retention) {
        super(scope, "Retention");
        ResolvedProps settings = wiring.settings();
        Map<String, String> environment = new LinkedHashMap<>(wiring.environment());
        environment.put("BUCKET_NAME", wiring.bucket().getBucketName());
        environment.put(
                "ENROLMENT_RETENTION_DAYS", Integer.toString(retention.toDays().intValue()));
        this.function = new SecureFunction(
                this,
                "Function",
                new FunctionSpec(
                        LambdaAssets.TENANT_ERASURE,
                        HANDLER,
                        "facerec retention: erases people whose last enrolment or verification is past the retention",
                        ResolvedProps.MIN_MEMORY_SIZE,
                        TIMEOUT,
                        environment,
                        null,
                        FaceRecognition.MAX_EVENT_AGE,
                        wiring.failureQueue(),
                        settings.logRetention(),
                        settings.removalPolicy(),
                        settings.tracing()));
        grantErasure(function.getRole(), wiring);
        // The schedule's one-time backfill of person rows written before interactions were recorded scans the table.
        FaceTable.grantItems(wiring.table(), function.getRole(), BACKFILL_ACTIONS);
        this.schedule = Rule.Builder.create(this, "Schedule")
                .description("facerec: erases people past the enrolment retention, daily")
                .schedule(SCHEDULE)
                .targets(List.of(FailureQueue.scheduledTarget(function, wiring.failureQueue())))
                .build();
    }

    /** The schedule of {@code scope}: {@code retention}, or the default when {@code null}. */
    static Retention attach(FaceRecognition scope, Duration retention, Wiring wiring) {
        return new Retention(scope, wiring, retention == null ? DEFAULT_RETENTION : retention);
    }

    /** Checks the prop; nothing when absent. */
    static void check(Duration retention, List<String> problems) {
        if (retention != null) {
            ResolvedProps.checkWholeDays("enrolmentRetention", retention, 1, MAX_RETENTION_DAYS, problems);
        }
    }

    SecureFunction function() {
        return function;
    }

    Rule schedule() {
        return schedule;
    }

    /**
     * What a person erasure calls: the table's items and the retention index; every version of enrolment photos and
     * consent documents (list and delete, by prefix); results (read, rewrite, delete old versions); the collection's
     * faces and users; with the sightings log, DeleteFaces on its day collections; with liveness, the images of the
     * sessions checked for people.
     */
    static void grantErasure(Role role, Wiring wiring) {
        ResolvedProps settings = wiring.settings();
        FaceTable.grantItems(wiring.table(), role, ERASURE_TABLE_ACTIONS);
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(role)
                .actions(List.of("dynamodb:Query"))
                .resourceArns(List.of(wiring.table().getTableArn() + "/index/" + INDEX_NAME))
                .build());
        PrefixGrants.erase(wiring.bucket(), role, settings.enrollPrefix());
        ConsentWiring.grantErasure(wiring.bucket(), role, settings);
        PrefixGrants.read(wiring.bucket(), role, settings.resultsPrefix());
        PrefixGrants.write(wiring.bucket(), role, settings.resultsPrefix());
        PrefixGrants.erase(wiring.bucket(), role, settings.resultsPrefix());
        wiring.collection().grantDelete(role);
        if (wiring.sightingsLog() != null) {
            wiring.sightingsLog().grantEraseSightings(role);
        }
        if (wiring.livenessPrefix() != null) {
            PrefixGrants.erase(wiring.bucket(), role, wiring.livenessPrefix());
        }
    }
}
