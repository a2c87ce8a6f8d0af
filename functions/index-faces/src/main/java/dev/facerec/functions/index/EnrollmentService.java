package dev.facerec.functions.index;

import static dev.facerec.functions.core.table.StatusAttributes.FACE_COUNT;
import static dev.facerec.functions.core.table.StatusAttributes.INDEXED_FACE_IDS;
import static dev.facerec.functions.core.table.StatusAttributes.PERSON_ID;
import static dev.facerec.functions.core.table.StatusAttributes.RECORDED_FACE_IDS;
import static dev.facerec.functions.core.table.StatusAttributes.VERSION_ID;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.enrollment.CollectionFaces;
import dev.facerec.functions.core.enrollment.EnrollKey;
import dev.facerec.functions.core.enrollment.PersonLocks;
import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.handler.ObjectEventRunner;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.image.ImageInspector;
import dev.facerec.functions.core.image.ImageLimits;
import dev.facerec.functions.core.image.InspectedImage;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.status.ObjectStatus;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.core.status.StaleObjectException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.Claim;
import dev.facerec.functions.core.table.ClaimCondition;
import dev.facerec.functions.core.table.StatusAttributes;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.table.StatusStore;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.table.UpdateSpec;
import dev.facerec.functions.core.tenant.Tenancy;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;

/**
 * Enrolment: ObjectCreated under the enrol prefix indexes the photo's one face for the person named by the key;
 * ObjectRemoved removes the faces indexed from that object. Every event ends in the object's status row; a new
 * upload under the same key first removes what the previous one contributed, so each key has at most one set of
 * rows. Events of the same person take turns through the person's {@link PersonLocks}.
 */
public final class EnrollmentService {

    /** The {@code kind} recorded on enrolment status rows. */
    public static final String KIND = "ENROLL";
    /** The metadata key of the display name ({@code x-amz-meta-name}). */
    public static final String NAME_METADATA = "name";
    /** The metadata key of the person's watch lists ({@code x-amz-meta-lists}). */
    public static final String LISTS_METADATA = "lists";
    /** The outcome of an event of an erased tenant: no row is written. */
    public static final String IGNORED = "IGNORED";
    /** How long an event waits for another one that holds the same person before Lambda has to retry it. */
    public static final Duration PERSON_LOCK_PATIENCE = Duration.ofSeconds(15);

    private final FunctionConfig config;
    private final DynamoDbClient dynamoDb;
    private final RekognitionClient rekognition;
    private final Clock clock;
    private final Tenancy tenancy;
    private final StatusStore store;
    private final ObjectEventRunner runner;
    private final ImageInspector inspector;
    private final PersonLocks personLocks;
    private final ErasureMarkers markers;
    private final EnrolmentConsent consent;

    /** Enrolment without consent checks (consent documents are still recorded). */
    public EnrollmentService(AwsClients clients, FunctionConfig config, Clock clock) {
        this(clients, config, ConsentSettings.NOT_REQUIRED, clock);
    }

    /** Enrolment with the given consent settings. */
    public EnrollmentService(AwsClients clients, FunctionConfig config, ConsentSettings consent, Clock clock) {
        this.config = config;
        this.dynamoDb = clients.dynamoDb();
        this.rekognition = clients.rekognition();
        this.clock = clock;
        this.tenancy = new Tenancy(config, clients.dynamoDb());
        this.consent = new EnrolmentConsent(clients, config, consent, tenancy, clock);
        this.store = new StatusStore(clients.dynamoDb(), config.tableName(), clock, this::tenantIdOf);
        this.runner = new ObjectEventRunner(store, this::notErased);
        this.inspector = new ImageInspector(clients.s3(), ImageLimits.REKOGNITION);
        this.markers = new ErasureMarkers(clients.dynamoDb(), config.tableName(), clock);
        this.personLocks = new PersonLocks(clients.dynamoDb(), config.tableName(), clock, PERSON_LOCK_PATIENCE);
    }

    /** The collection side of one tenant's enrolments. */
    private record Scope(Tenant tenant, CollectionFaces faces, FaceIndexer indexer) {}

    /** Processes one event; returns its outcome (a status, {@code DUPLICATE} or {@code OUT_OF_ORDER}). */
    public String process(S3ObjectEvent event, Duration lease, OutcomeLog log) {
        if (consent.isDocument(event.key())) {
            return processDocument(event, lease, log);
        }
        if (tenancy.erased(event)) {
            log.outcome(event.eventName(), event.bucket(), event.key(), IGNORED, "TENANT_ERASED");
            return IGNORED;
        }
        if (personErased(event)) {
            log.outcome(event.eventName(), event.bucket(), event.key(), IGNORED, "PERSON_ERASED");
            return IGNORED;
        }
        return withPersonLock(
                event,
                KIND,
                lease,
                log,
                (claim, lock) -> event.isRemoved() ? removed(claim, lock) : created(claim, lock));
    }

    /** The work of one event of a person: it may take the person's lock, given back with its final change. */
    private interface PersonWork {
        StatusChange process(Claim claim, PersonLock lock);
    }

    /** Runs {@code work} inside a claim of the event's object, with a {@link PersonLock} given back at the end. */
    private String withPersonLock(S3ObjectEvent event, String kind, Duration lease, OutcomeLog log, PersonWork work) {
        PersonLock lock = new PersonLock(personLocks, lease);
        boolean finished = false;
        try {
            String outcome = runner.run(event, kind, lease, log, claim -> work.process(claim, lock));
            // A superseded invocation's final change (which would have given the lock back) was not written.
            finished = !ObjectEventRunner.SUPERSEDED.equals(outcome);
            return outcome;
        } finally {
            lock.close(finished);
        }
    }

    /** A consent document's event: its record written, or the document rejected; ignored once its person is erased. */
    private String processDocument(S3ObjectEvent event, Duration lease, OutcomeLog log) {
        String tenantId = consent.tenantIdOf(event.key());
        String erased = tenantId != null && markers.covers(ErasureMarkers.Kind.TENANT, tenantId, event)
                ? "TENANT_ERASED"
                : personErased(event) ? "PERSON_ERASED" : null;
        if (erased != null) {
            log.outcome(event.eventName(), event.bucket(), event.key(), IGNORED, erased);
            return IGNORED;
        }
        // Under the person's lock, its record written with its final change: an erasure that starts meanwhile waits
        // for it and then erases the record too, or (having taken the lock first) deletes the document and its status
        // row, so that the final change is not written.
        return withPersonLock(event, EnrolmentConsent.KIND, lease, log, (claim, lock) -> {
            String personId = consent.personOf(event.key());
            if (personId != null) {
                lock.take(consent.tenantOf(event.key()), personId);
            }
            return lock.releaseWith(consent.document(claim));
        });
    }

    private String tenantIdOf(String key) {
        return consent.isDocument(key) ? consent.tenantIdOf(key) : tenancy.tenantIdOf(key);
    }

    private StatusChange created(Claim claim, PersonLock lock) {
        Scope scope = scope(claim.event().key());
        lock.take(scope.tenant(), personOf(claim, scope));
        removeUnrecorded(claim, scope);
        EnrollmentRows rows = new EnrollmentRows(config.tableName(), clock.instant(), scope.tenant());
        removePrevious(claim, rows, scope);
        S3ObjectEvent event = claim.event();
        StatusChange change;
        try {
            EnrollKey key = EnrollKey.parse(event.key(), scope.tenant().prefix(config.enrollPrefix()));
            consent.require(
                    event, scope.tenant(), key.personId(), () -> store.update(claim, EnrolmentConsent.mark(event)));
            InspectedImage image = inspector.inspect(event);
            List<String> lists = WatchLists.fromMetadata(image.metadata().get(LISTS_METADATA));
            IndexedFace face =
                    scope.indexer().index(event, key.personId(), ids -> recordIndexed(claim, key.personId(), ids));
            String name = DisplayNames.fromMetadata(image.metadata().get(NAME_METADATA));
            rows.addFace(key.personId(), new PersonFacts(name, lists), face, event);
            change = StatusChange.to(ObjectStatus.INDEXED)
                    .set(PERSON_ID, AttributeValues.s(key.personId()))
                    .set(INDEXED_FACE_IDS, AttributeValues.ss(List.of(face.faceId())))
                    .set(RECORDED_FACE_IDS, AttributeValues.ss(List.of(face.faceId())))
                    .set(FACE_COUNT, AttributeValues.n(1));
        } catch (RejectedException rejection) {
            change = cleared(StatusChange.rejected(rejection));
            if (rejection.reason() == Reason.NO_CONSENT) {
                change = consent.expiring(change);
            }
        } catch (StaleObjectException stale) {
            change = cleared(StatusChange.to(ObjectStatus.STALE)
                    .set(StatusAttributes.DETAIL, AttributeValues.s(stale.getMessage())));
        } catch (RekognitionException error) {
            change = cleared(StatusChange.rejected(RekognitionErrors.toRejection(error)));
        }
        if (!Reason.NO_CONSENT.name().equals(AttributeValues.str(change.set(), StatusAttributes.REASON))) {
            change.remove(EnrolmentConsent.NO_CONSENT_MARK);
        }
        return lock.releaseWith(finishPeople(rows, change, scope));
    }

    private StatusChange removed(Claim claim, PersonLock lock) {
        if (EnrolmentConsent.rejectedForConsent(claim)) {
            // A removal of a photo deleted for want of consent (perhaps while that invocation still runs): nothing
            // was indexed; the rejection stays.
            return consent.keptRejection();
        }
        Scope scope;
        try {
            scope = scope(claim.event().key());
        } catch (RejectedException noTenant) {
            // A key without a valid tenant was never indexed: nothing to remove.
            return cleared(StatusChange.to(ObjectStatus.REMOVED)).remove(FACE_COUNT);
        }
        lock.take(scope.tenant(), personOf(claim, scope));
        removeUnrecorded(claim, scope);
        S3ObjectEvent event = claim.event();
        String indexedVersion = claim.previous(VERSION_ID);
        boolean otherVersion = !event.isDeleteMarker()
                && event.versionId() != null
                && indexedVersion != null
                && !indexedVersion.equals(event.versionId());
        if (otherVersion) {
            String previousStatus = claim.previous(StatusAttributes.STATUS);
            boolean settled =
                    previousStatus != null && !ObjectStatus.PROCESSING.name().equals(previousStatus);
            return lock.releaseWith(
                    StatusChange.to(settled ? ObjectStatus.valueOf(previousStatus) : ObjectStatus.STALE));
        }
        EnrollmentRows rows = new EnrollmentRows(config.tableName(), clock.instant(), scope.tenant());
        removePrevious(claim, rows, scope);
        return lock.releaseWith(finishPeople(
                rows, cleared(StatusChange.to(ObjectStatus.REMOVED)).remove(FACE_COUNT), scope));
    }

    /**
     * The tenant of an enrolment key, its collection and indexer.
     *
     * @throws RejectedException INVALID_KEY when a pipeline with a collection per tenant gets a key without a tenant
     */
    private Scope scope(String key) {
        Tenant tenant = tenancy.of(key, config.enrollPrefix());
        CollectionFaces faces = new CollectionFaces(rekognition, tenant.collectionId());
        return new Scope(tenant, faces, new FaceIndexer(rekognition, tenant.collectionId(), faces, !tenant.isShared()));
    }

    /** Whether the person the key names is being erased, or was erased after S3 recorded the event. */
    private boolean personErased(S3ObjectEvent event) {
        String person = qualifiedPerson(event.key());
        return person != null && markers.covers(ErasureMarkers.Kind.PERSON, person, event);
    }

    /**
     * What must hold when an event's object is claimed, in the claim's own transaction: neither its tenant nor its
     * person is being erased (or was, after S3 recorded the event). The checks before the claim skip most such events
     * cheaply; these close the window between those checks and the claim, so that an erasure that has just deleted
     * the object's status row never sees it written again.
     */
    private List<ClaimCondition> notErased(S3ObjectEvent event) {
        List<ClaimCondition> conditions = new ArrayList<>();
        String tenantId = tenantIdOf(event.key());
        if (tenantId != null) {
            conditions.add(markers.notCovering(ErasureMarkers.Kind.TENANT, tenantId, event, "TENANT_ERASED"));
        }
        String person = qualifiedPerson(event.key());
        if (person != null) {
            conditions.add(markers.notCovering(ErasureMarkers.Kind.PERSON, person, event, "PERSON_ERASED"));
        }
        return conditions;
    }

    /** The tenant-qualified id of the person an enrolment photo's or consent document's key names, or {@code null}. */
    private String qualifiedPerson(String key) {
        if (consent.isDocument(key)) {
            String personId = consent.personOf(key);
            return personId == null ? null : consent.tenantOf(key).qualified(personId);
        }
        try {
            Tenant tenant = tenancy.of(key, config.enrollPrefix());
            return tenant.qualified(
                    EnrollKey.parse(key, tenant.prefix(config.enrollPrefix())).personId());
        } catch (RejectedException invalidKey) {
            return null;
        }
    }

    /** The person an enrolment key names (the same for every upload under it), or {@code null} for a bad key. */
    private String personOf(Claim claim, Scope scope) {
        try {
            return EnrollKey.parse(claim.event().key(), scope.tenant().prefix(config.enrollPrefix()))
                    .personId();
        } catch (RejectedException invalidKey) {
            return null;
        }
    }

    /** Removes from the collection (and, through {@code rows}, from the table) what the key's last upload added. */
    private void removePrevious(Claim claim, EnrollmentRows rows, Scope scope) {
        Map<String, AttributeValue> previous = claim.previous();
        String personId = AttributeValues.str(previous, PERSON_ID);
        Set<String> inCollection = new LinkedHashSet<>(AttributeValues.set(previous, INDEXED_FACE_IDS));
        List<String> recorded = AttributeValues.set(previous, RECORDED_FACE_IDS);
        inCollection.addAll(recorded);
        scope.faces().remove(personId, inCollection);
        if (personId != null && !recorded.isEmpty()) {
            rows.removeFaces(personId, recorded);
        }
    }

    /**
     * After an interrupted invocation (a crash or timeout between IndexFaces and the write of its face ids), finds
     * and removes the faces it indexed for this key without recording them: no row would ever lead to them again.
     */
    private void removeUnrecorded(Claim claim, Scope scope) {
        if (!claim.interruptedAttempt()) {
            return;
        }
        Set<String> known = new LinkedHashSet<>(AttributeValues.set(claim.previous(), INDEXED_FACE_IDS));
        known.addAll(AttributeValues.set(claim.previous(), RECORDED_FACE_IDS));
        scope.faces().removeUnrecorded(ExternalImageIds.forKey(claim.event().key()), known);
    }

    private void recordIndexed(Claim claim, String personId, List<String> faceIds) {
        store.update(
                claim,
                new UpdateSpec()
                        .set(PERSON_ID, AttributeValues.s(personId))
                        .set(INDEXED_FACE_IDS, AttributeValues.ss(faceIds)));
    }

    /** People left without faces lose their Rekognition user and their row. */
    private StatusChange finishPeople(EnrollmentRows rows, StatusChange change, Scope scope) {
        rows.shrinking().forEach((personId, delta) -> {
            Map<String, AttributeValue> person = dynamoDb.getItem(b -> b.tableName(config.tableName())
                            .consistentRead(true)
                            .key(TableKeys.key(scope.tenant().personPk(personId), TableKeys.PROFILE)))
                    .item();
            long count = AttributeValues.num(person, FaceRowAttributes.FACE_COUNT, 0);
            if (count + delta <= 0) {
                scope.faces().deleteUser(personId);
                rows.deletePerson(personId, count);
            }
        });
        return rows.applyTo(change);
    }

    private static StatusChange cleared(StatusChange change) {
        return change.remove(PERSON_ID).remove(INDEXED_FACE_IDS).remove(RECORDED_FACE_IDS);
    }
}
