package dev.facerec.functions.index;

import static dev.facerec.functions.index.FaceRowAttributes.BOUNDING_BOX;
import static dev.facerec.functions.index.FaceRowAttributes.CONFIDENCE;
import static dev.facerec.functions.index.FaceRowAttributes.CREATED_AT;
import static dev.facerec.functions.index.FaceRowAttributes.DISPLAY_NAME;
import static dev.facerec.functions.index.FaceRowAttributes.EXTERNAL_IMAGE_ID;
import static dev.facerec.functions.index.FaceRowAttributes.FACE_COUNT;
import static dev.facerec.functions.index.FaceRowAttributes.FACE_ID;
import static dev.facerec.functions.index.FaceRowAttributes.FACE_MODEL_VERSION;
import static dev.facerec.functions.index.FaceRowAttributes.IMAGE_ID;
import static dev.facerec.functions.index.FaceRowAttributes.INDEXED_AT;
import static dev.facerec.functions.index.FaceRowAttributes.LISTS;
import static dev.facerec.functions.index.FaceRowAttributes.PERSON_ID;
import static dev.facerec.functions.index.FaceRowAttributes.SOURCE_BUCKET;
import static dev.facerec.functions.index.FaceRowAttributes.SOURCE_ETAG;
import static dev.facerec.functions.index.FaceRowAttributes.SOURCE_KEY;
import static dev.facerec.functions.index.FaceRowAttributes.SOURCE_VERSION_ID;
import static dev.facerec.functions.index.FaceRowAttributes.UPDATED_AT;
import static dev.facerec.functions.index.FaceRowAttributes.USER_ID;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.retention.Interactions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.StatusChange;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.table.UpdateSpec;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * The person and face rows one enrolment event changes, gathered so that they are written with the status row in
 * one transaction. Each person's face count changes by the net number of faces added and removed; a person whose
 * count reaches zero is deleted (conditionally on the count read before).
 */
final class EnrollmentRows {

    private final String table;
    private final Instant now;
    private final Tenant tenant;
    private final Map<String, Integer> deltas = new LinkedHashMap<>();
    private final Map<String, PersonFacts> facts = new HashMap<>();
    private final Map<String, Long> deletions = new HashMap<>();
    private final Set<TransactWriteItem> faceItems = new LinkedHashSet<>();

    EnrollmentRows(String table, Instant now, Tenant tenant) {
        this.table = table;
        this.now = now;
        this.tenant = tenant;
    }

    /** Removes the rows of faces recorded for {@code personId}. */
    void removeFaces(String personId, Collection<String> faceIds) {
        for (String faceId : faceIds) {
            faceItems.add(TransactWriteItem.builder()
                    .delete(Delete.builder()
                            .tableName(table)
                            .key(TableKeys.key(tenant.personPk(personId), TableKeys.faceSk(faceId)))
                            .build())
                    .build());
        }
        deltas.merge(personId, -faceIds.size(), Integer::sum);
    }

    /** Adds the row of a newly indexed face, and counts it on its person (with the name and lists, if given). */
    void addFace(String personId, PersonFacts personFacts, IndexedFace face, S3ObjectEvent source) {
        BoundingBox box = face.record().face().boundingBox();
        Map<String, AttributeValue> item = tenant.tag(
                new LinkedHashMap<>(TableKeys.key(tenant.personPk(personId), TableKeys.faceSk(face.faceId()))));
        item.put(FACE_ID, AttributeValues.s(face.faceId()));
        item.put(PERSON_ID, AttributeValues.s(personId));
        putIfPresent(item, IMAGE_ID, face.record().face().imageId());
        putIfPresent(item, EXTERNAL_IMAGE_ID, face.record().face().externalImageId());
        if (box != null) {
            item.put(BOUNDING_BOX, AttributeValues.boundingBox(box));
        }
        if (face.record().face().confidence() != null) {
            item.put(CONFIDENCE, AttributeValues.n(face.record().face().confidence()));
        }
        putIfPresent(item, FACE_MODEL_VERSION, face.faceModelVersion());
        item.put(SOURCE_BUCKET, AttributeValues.s(source.bucket()));
        item.put(SOURCE_KEY, AttributeValues.s(source.key()));
        putIfPresent(item, SOURCE_VERSION_ID, source.versionId());
        putIfPresent(item, SOURCE_ETAG, source.eTag());
        item.put(INDEXED_AT, AttributeValues.s(now.toString()));
        item.put(TableKeys.GSI1_PK, AttributeValues.s(TableKeys.objectPk(source.bucket(), source.key())));
        item.put(TableKeys.GSI1_SK, AttributeValues.s(TableKeys.faceSk(face.faceId())));
        faceItems.add(TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build());
        deltas.merge(personId, 1, Integer::sum);
        if (!personFacts.isEmpty()) {
            facts.put(personId, personFacts);
        }
    }

    /** The people whose face count goes down, with the change. */
    Map<String, Integer> shrinking() {
        Map<String, Integer> out = new LinkedHashMap<>();
        deltas.forEach((person, delta) -> {
            if (delta < 0) {
                out.put(person, delta);
            }
        });
        return out;
    }

    /** Deletes a person's row instead of updating it, provided its face count is still {@code countRead}. */
    void deletePerson(String personId, long countRead) {
        deletions.put(personId, countRead);
    }

    /** Adds every gathered row change to {@code change}. */
    StatusChange applyTo(StatusChange change) {
        faceItems.forEach(change::alsoWrite);
        deltas.forEach((personId, delta) -> {
            Map<String, AttributeValue> key = TableKeys.key(tenant.personPk(personId), TableKeys.PROFILE);
            if (deletions.containsKey(personId)) {
                change.alsoWrite(TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName(table)
                                .key(key)
                                .conditionExpression("#count = :count")
                                .expressionAttributeNames(Map.of("#count", FACE_COUNT))
                                .expressionAttributeValues(Map.of(":count", AttributeValues.n(deletions.get(personId))))
                                .build())
                        .build());
            } else if (delta != 0 || facts.containsKey(personId)) {
                change.alsoWrite(TransactWriteItem.builder()
                        .update(personUpdate(personId, delta).toTransactionUpdate(table, key))
                        .build());
            }
        });
        return change;
    }

    private UpdateSpec personUpdate(String personId, int delta) {
        UpdateSpec update = new UpdateSpec()
                .set(PERSON_ID, AttributeValues.s(personId))
                .set(USER_ID, AttributeValues.s(personId))
                .set(TableKeys.GSI1_PK, AttributeValues.s(tenant.peoplePartition()))
                .set(TableKeys.GSI1_SK, AttributeValues.s(personId))
                .setIfAbsent(CREATED_AT, AttributeValues.s(now.toString()))
                .set(UPDATED_AT, AttributeValues.s(now.toString()))
                .add(FACE_COUNT, AttributeValues.n(delta));
        if (delta > 0) {
            // An enrolment is an interaction: the retention schedule counts from the last one.
            Interactions.touch(update, now);
        }
        if (!tenant.isShared()) {
            update.set(Tenant.ATTRIBUTE, AttributeValues.s(tenant.id()));
        }
        PersonFacts given = facts.get(personId);
        if (given != null && given.displayName() != null) {
            update.set(DISPLAY_NAME, AttributeValues.s(given.displayName()));
        }
        if (given != null && given.lists() != null) {
            update.set(LISTS, AttributeValues.strings(given.lists()));
        }
        return update;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValues.s(value));
        }
    }
}
