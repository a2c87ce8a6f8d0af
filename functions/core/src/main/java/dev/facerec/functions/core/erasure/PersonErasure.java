package dev.facerec.functions.core.erasure;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.enrollment.CollectionFaces;
import dev.facerec.functions.core.enrollment.PersonLocks;
import dev.facerec.functions.core.liveness.LivenessRecords;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.BatchWrites;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * Erases one person completely, the one way every erasure goes (the identity API's {@code DELETE /people}, consent
 * withdrawal, the retention schedule): nothing of the person is left in the collection, the bucket or the table, and
 * a {@link ErasureReceipt receipt} says what was removed. Its cost follows the person's own data: one Query of the
 * person's partition, which holds their profile, faces, lock, consent record and the {@link Mentions mentions} that
 * lead to every result and sighting naming them; listings of the person's own key prefixes; never a scan.
 *
 * <p>Order: the person's erasure mark first ({@link ErasureMarkers}: from then on the enrolment function ignores the
 * person's events, including the removal events of the deletions below); then the person's lock, so that an
 * enrolment already under way finishes first (its rows are then erased too) and none starts meanwhile; then the
 * collection (faces disassociated from the user, deleted, then the user), results (redacted) and sightings (face and
 * row deleted), camera sightings ({@link CameraSightings}: rows deleted, the person taken out of the cameras' state), every version and delete marker of the enrolment photos and consent document, the rows; the receipt;
 * last the mark's state {@code ERASED} and the lock given back.
 */
public final class PersonErasure {

    /** Default key prefix of consent documents ({@code consent/<personId>.json}). */
    public static final String DEFAULT_CONSENT_PREFIX = "consent/";
    /** How long an erasure waits for an enrolment of the person under way. */
    public static final Duration LOCK_PATIENCE = Duration.ofSeconds(10);

    private static final Duration LOCK_LEASE = Duration.ofMinutes(5);

    private final FunctionConfig config;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final String consentPrefix;
    private final Clock clock;
    private final String bucket;
    private final ObjectVersions objects;
    private final ErasureMarkers markers;
    private final PersonLocks locks;
    private final BatchWrites writes;
    private final MentionedResults mentioned;
    private final CameraSightings cameras;
    private final LivenessRecords liveness;

    /**
     * @param bucket        the pipeline's bucket (enrolment photos, consent documents, results)
     * @param consentPrefix the key prefix of consent documents
     */
    public PersonErasure(AwsClients clients, FunctionConfig config, String bucket, String consentPrefix, Clock clock) {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("BUCKET_NAME must be set to the pipeline's bucket");
        }
        this.config = config;
        this.dynamoDb = clients.dynamoDb();
        this.rekognition = clients.rekognition();
        this.consentPrefix = consentPrefix;
        this.clock = clock;
        this.bucket = bucket;
        this.objects = new ObjectVersions(clients.s3(), bucket);
        this.markers = new ErasureMarkers(dynamoDb, config.tableName(), clock);
        this.locks = new PersonLocks(dynamoDb, config.tableName(), clock, LOCK_PATIENCE);
        this.writes = new BatchWrites(dynamoDb, config.tableName());
        this.mentioned = new MentionedResults(clients, config.tableName());
        this.cameras = new CameraSightings(dynamoDb, config.tableName());
        this.liveness = new LivenessRecords(dynamoDb, config.tableName(), objects);
    }

    /**
     * Erases {@code personId} of {@code tenant}, stores the receipt and returns it.
     *
     * @param requestedBy who asked (the caller's principal, {@link ErasureReceipt#RETENTION_SCHEDULE}, {@link
     *     ErasureReceipt#CONSENT_WITHDRAWN})
     * @throws ObjectBusyException when an enrolment of the person still holds the person after {@link #LOCK_PATIENCE}
     *     (retry: the mark keeps new events out meanwhile)
     */
    public ErasureReceipt erase(Tenant tenant, String personId, String requestedBy) {
        Instant started = clock.instant();
        String qualified = tenant.qualified(personId);
        markers.begin(ErasureMarkers.Kind.PERSON, qualified);
        PersonLocks.Held lock = locks.acquire(tenant, personId, LOCK_LEASE);
        Map<String, Long> removed = new LinkedHashMap<>();
        List<Map<String, AttributeValue>> partition = partition(tenant.personPk(personId));

        String photoPrefix = tenant.prefix(config.enrollPrefix()) + personId + "/";
        String consentKey = tenant.prefix(consentPrefix) + personId + ".json";
        // The status rows to delete: of every enrolment photo and of the consent document (their keys name the person).
        Set<String> objectKeys = new LinkedHashSet<>(objects.keys(photoPrefix));
        partition.stream()
                .map(row -> AttributeValues.str(row, "sourceKey"))
                .filter(key -> key != null)
                .forEach(objectKeys::add);
        objectKeys.add(consentKey);
        List<Map<String, AttributeValue>> statusRows = new ArrayList<>();
        Set<String> faceIds = new LinkedHashSet<>();
        for (String key : objectKeys) {
            Map<String, AttributeValue> status = dynamoDb.getItem(b ->
                            b.tableName(config.tableName()).consistentRead(true).key(TableKeys.statusKey(bucket, key)))
                    .item();
            if (status != null && !status.isEmpty()) {
                statusRows.add(TableKeys.statusKey(bucket, key));
                faceIds.addAll(AttributeValues.set(status, "indexedFaceIds"));
                faceIds.addAll(AttributeValues.set(status, "recordedFaceIds"));
            }
        }
        partition.stream()
                .filter(row -> AttributeValues.str(row, TableKeys.SK).startsWith(TableKeys.FACE_PREFIX))
                .forEach(row -> faceIds.add(AttributeValues.str(row, "faceId")));

        CollectionFaces collection = new CollectionFaces(rekognition, tenant.collectionId());
        faceIds.addAll(collection.facesOfUser(personId));
        collection.remove(personId, faceIds);
        removed.put("faces", (long) faceIds.size());
        removed.put("users", collection.deleteUser(personId) ? 1L : 0L);

        MentionedResults.Outcome results = mentioned.erase(personId, partition);
        removed.put("resultsRedacted", results.redacted());
        removed.put("resultVersionsDeleted", results.versionsDeleted());
        removed.put("sightings", results.sightings());
        CameraSightings.Outcome camera = cameras.erase(personId, partition);
        removed.put("cameraSightings", camera.sightings());
        removed.put("cameraTracks", camera.tracks());

        removed.put("photoVersions", objects.deleteAll(photoPrefix, () -> true));
        removed.put("consentVersions", objects.deleteAll(consentKey, () -> true));
        removed.put("livenessImageVersions", liveness.eraseImages(partition));

        List<Map<String, AttributeValue>> rows = new ArrayList<>(statusRows);
        partition.stream()
                .filter(row -> !PersonLocks.SK.equals(AttributeValues.str(row, TableKeys.SK)))
                .forEach(row -> rows.add(
                        TableKeys.key(AttributeValues.str(row, TableKeys.PK), AttributeValues.str(row, TableKeys.SK))));
        writes.delete(rows);
        removed.put("rows", (long) rows.size() + 1);

        ErasureReceipt receipt =
                ErasureReceipt.of("PERSON", personId, requestedBy, started, clock.instant(), true, removed);
        dynamoDb.putItem(b -> b.tableName(config.tableName()).item(receipt.toItem()));
        markers.finish(ErasureMarkers.Kind.PERSON, qualified);
        locks.releaseQuietly(lock);
        return receipt;
    }

    /** Every row of the person's partition, read consistently. */
    private List<Map<String, AttributeValue>> partition(String personPk) {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(config.tableName())
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", TableKeys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValues.s(personPk))))
                .items()
                .forEach(rows::add);
        return rows;
    }
}
