package dev.facerec.functions.recognize;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.recognition.Identity;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.rekognition.ExternalImageIds;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.sightings.SightingDeletion;
import dev.facerec.functions.core.sightings.SightingRows;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.BatchWrites;
import dev.facerec.functions.core.table.TableKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceRecord;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * The sightings log of recognition (docs/construct.md, "Sightings log"): every face of a recognised photo, known or
 * not, is indexed into the collection of the UTC day of the photo's event ({@code <prefix>-log-YYYYMMDD}, created on
 * first use), and recorded in a sighting row (where, when, the person when identified). One IndexFaces call on the
 * S3 object (at most 100 faces, no quality filter: a passer-by's blurred face is a sighting too); each indexed face
 * takes the identity of the recognised face whose box it overlaps most.
 *
 * <p>A retryable Rekognition error is rethrown (Lambda retries the photo); any other leaves the photo recognised and
 * is recorded on its status row ({@value SightingRows#STATUS_SIGHTINGS_ERROR}), so that the log never costs a
 * recognition result.
 */
public final class SightingsLog {

    /** Rekognition's most faces indexed from one image. */
    static final int MAX_FACES = 100;
    /** The least overlap (intersection over union) for an indexed face to be a recognised one. */
    static final double SAME_FACE_IOU = 0.5;

    private final SightingsLogConfig config;
    private final RekognitionClient rekognition;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final SightingDeletion deletion;

    public SightingsLog(SightingsLogConfig config, AwsClients clients, String table, Clock clock) {
        this.config = config;
        this.rekognition = clients.rekognition();
        this.dynamoDb = clients.dynamoDb();
        this.table = table;
        this.clock = clock;
        this.deletion = new SightingDeletion(dynamoDb, rekognition, table);
    }

    /**
     * Logs the faces of a recognised photo; nothing when the log is off.
     *
     * @throws RekognitionException a retryable Rekognition error
     */
    public SightingsOutcome log(S3ObjectEvent event, List<RecognizedFace> faces) {
        if (!config.enabled()) {
            return SightingsOutcome.OFF;
        }
        Instant seenAt = event.eventTime() != null ? event.eventTime() : clock.instant();
        LocalDate day = SightingsLogConfig.dayOf(seenAt);
        IndexFacesResponse indexed;
        try {
            indexed = index(event, config.collectionId(day));
        } catch (RekognitionException error) {
            if (RekognitionErrors.isRetryable(error)) {
                throw error;
            }
            return SightingsOutcome.failed(RekognitionErrors.errorCode(error));
        }
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        Map<String, List<String>> byPerson = new LinkedHashMap<>();
        for (FaceRecord record : indexed.faceRecords()) {
            Identity identity = sameFace(record.face().boundingBox(), faces);
            Map<String, AttributeValue> row = row(event, day, seenAt, record, identity);
            rows.add(row);
            if (identity != null && identity.personId() != null) {
                byPerson.computeIfAbsent(identity.personId(), p -> new ArrayList<>())
                        .add(row.get(TableKeys.PK).s());
            }
        }
        new BatchWrites(dynamoDb, table).put(rows);
        return SightingsOutcome.logged(rows.size(), byPerson, config.expiresAt(day));
    }

    /**
     * Deletes the sightings {@code logged} names {@code erased} people in (face and row): they were identified just
     * before their erasure, which may have passed already.
     */
    public void forget(SightingsOutcome logged, Set<String> erased) {
        erased.stream().flatMap(person -> logged.sightingsOf(person).stream()).forEach(deletion::delete);
    }

    private IndexFacesResponse index(S3ObjectEvent event, String collectionId) {
        try {
            return indexFaces(event, collectionId);
        } catch (ResourceNotFoundException missing) {
            try {
                rekognition.createCollection(b -> b.collectionId(collectionId));
            } catch (ResourceAlreadyExistsException concurrent) {
                // another invocation created the day's collection first
            }
            return indexFaces(event, collectionId);
        }
    }

    private IndexFacesResponse indexFaces(S3ObjectEvent event, String collectionId) {
        return rekognition.indexFaces(b -> b.collectionId(collectionId)
                .image(i -> i.s3Object(
                        o -> o.bucket(event.bucket()).name(event.key()).version(event.versionId())))
                .externalImageId(ExternalImageIds.forKey(event.key()))
                .maxFaces(MAX_FACES)
                .qualityFilter(QualityFilter.NONE));
    }

    private Map<String, AttributeValue> row(
            S3ObjectEvent event, LocalDate day, Instant seenAt, FaceRecord record, Identity identity) {
        String faceId = record.face().faceId();
        Map<String, AttributeValue> item = new LinkedHashMap<>(SightingRows.key(day, faceId));
        item.put(SightingRows.FACE_ID, AttributeValues.s(faceId));
        if (record.face().imageId() != null) {
            item.put(SightingRows.IMAGE_ID, AttributeValues.s(record.face().imageId()));
        }
        item.put(SightingRows.COLLECTION_ID, AttributeValues.s(config.collectionId(day)));
        item.put(SightingRows.DAY, AttributeValues.s(day.toString()));
        item.put(SightingRows.SEEN_AT, AttributeValues.s(seenAt.toString()));
        item.put(SightingRows.BUCKET, AttributeValues.s(event.bucket()));
        item.put(SightingRows.OBJECT_KEY, AttributeValues.s(event.key()));
        if (event.versionId() != null) {
            item.put(SightingRows.VERSION_ID, AttributeValues.s(event.versionId()));
        }
        if (event.eTag() != null) {
            item.put(SightingRows.ETAG, AttributeValues.s(event.eTag()));
        }
        if (record.face().boundingBox() != null) {
            item.put(
                    SightingRows.BOUNDING_BOX,
                    AttributeValues.boundingBox(record.face().boundingBox()));
        }
        if (record.face().confidence() != null) {
            item.put(SightingRows.CONFIDENCE, AttributeValues.n(record.face().confidence()));
        }
        if (identity != null && identity.personId() != null) {
            item.put(SightingRows.PERSON_ID, AttributeValues.s(identity.personId()));
            item.put(SightingRows.SIMILARITY, AttributeValues.n(identity.similarity()));
        }
        item.put(TableKeys.GSI1_PK, AttributeValues.s(SightingRows.dayPartition(day)));
        item.put(TableKeys.GSI1_SK, SightingRows.daySortKey(seenAt.toString(), faceId));
        item.put(TableKeys.TTL, AttributeValues.n(config.expiresAt(day)));
        return item;
    }

    /** The identity of the recognised face that {@code box} overlaps most, if it overlaps enough. */
    static Identity sameFace(BoundingBox box, List<RecognizedFace> faces) {
        Identity best = null;
        double bestOverlap = SAME_FACE_IOU;
        for (RecognizedFace face : faces) {
            double overlap = overlap(box, face.detail().boundingBox());
            if (overlap >= bestOverlap) {
                best = face.identity();
                bestOverlap = overlap;
            }
        }
        return best;
    }

    /** Intersection over union of two boxes (0 when either is missing). */
    static double overlap(BoundingBox a, BoundingBox b) {
        if (a == null || b == null || a.left() == null || b.left() == null) {
            return 0;
        }
        double left = Math.max(a.left(), b.left());
        double top = Math.max(a.top(), b.top());
        double right = Math.min(a.left() + a.width(), b.left() + b.width());
        double bottom = Math.min(a.top() + a.height(), b.top() + b.height());
        double intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
        double union = a.width() * a.height() + b.width() * b.height() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
