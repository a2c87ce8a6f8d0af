package dev.facerec.functions.identity;

import dev.facerec.functions.core.enrollment.CollectionFaces;
import dev.facerec.functions.core.enrollment.EnrollKey;
import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.liveness.LivenessRecords;
import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.storage.ObjectVersions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * {@code GET /people}, {@code GET /people/{personId}} and {@code DELETE /people/{personId}} over the rows enrolment
 * writes. Erasure removes, in this order, the person's Rekognition user and faces, their rows (person, faces, the
 * status rows of their photos) and every version of their enrolment photos: deleting the photos last means that an
 * enrolment racing with the erasure is undone by the removal events those deletions send. The liveness images of the
 * sessions used for the person, and the rows about them, go too.
 */
final class PeopleService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String bucket;
    private final String enrollPrefix;
    private final Tenant tenant;
    private final PeopleDirectory directory;
    private final CollectionFaces collection;
    private final ObjectVersions objects;
    private final ErasureMarkers markers;
    private final LivenessRecords liveness;

    PeopleService(
            DynamoDbClient dynamoDb,
            String table,
            String bucket,
            String enrollPrefix,
            Tenant tenant,
            PeopleDirectory directory,
            CollectionFaces collection,
            ObjectVersions objects,
            LivenessRecords liveness) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.bucket = bucket;
        this.enrollPrefix = tenant.prefix(enrollPrefix);
        this.tenant = tenant;
        this.directory = directory;
        this.collection = collection;
        this.objects = objects;
        this.liveness = liveness;
        this.markers = new ErasureMarkers(dynamoDb, table, Clock.systemUTC());
    }

    /** {@code GET /people?limit=&cursor=}. */
    byte[] list(String limit, String cursor) {
        int size = pageSize(limit);
        if (cursor != null && !EnrollKey.PERSON_ID.matcher(cursor).matches()) {
            throw ApiException.badRequest("INVALID_CURSOR", "the cursor is not one this API handed out");
        }
        PeopleDirectory.Page page = directory.page(size, cursor);
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("people").writeStartArray();
            for (Map<String, AttributeValue> person : page.people()) {
                json.writeStartObject();
                summary(json, person);
                json.writeEndObject();
            }
            json.writeEndArray();
            if (page.nextCursor() != null) {
                json.writeFieldName("nextCursor").writeValue(page.nextCursor());
            }
            return json.writeEndObject().getBytes();
        }
    }

    /** {@code GET /people/{personId}}: the person, their photos and faces. */
    byte[] get(String personId) {
        Map<String, AttributeValue> person = existing(personId);
        List<Map<String, AttributeValue>> faces = directory.faces(personId);
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            summary(json, person);
            ResultDocument.string(json, "createdAt", AttributeValues.str(person, "createdAt"));
            ResultDocument.string(json, "updatedAt", AttributeValues.str(person, "updatedAt"));
            Map<String, List<Map<String, AttributeValue>>> byPhoto = new LinkedHashMap<>();
            faces.forEach(
                    face -> byPhoto.computeIfAbsent(AttributeValues.str(face, "sourceKey"), k -> new ArrayList<>())
                            .add(face));
            json.writeFieldName("photos").writeStartArray();
            byPhoto.forEach((key, photoFaces) -> {
                json.writeStartObject();
                ResultDocument.string(json, "photoId", photoId(key));
                ResultDocument.string(json, "key", key);
                ResultDocument.string(json, "versionId", AttributeValues.str(photoFaces.get(0), "sourceVersionId"));
                json.writeFieldName("faceIds").writeStartArray();
                photoFaces.forEach(face -> json.writeValue(AttributeValues.str(face, "faceId")));
                json.writeEndArray();
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeFieldName("faces").writeStartArray();
            for (Map<String, AttributeValue> face : faces) {
                face(json, face);
            }
            json.writeEndArray();
            return json.writeEndObject().getBytes();
        }
    }

    /** {@code DELETE /people/{personId}}: erases the person; answers what was removed. */
    byte[] delete(String personId) {
        existing(personId);
        // From here on the enrolment function ignores the person's events: the removal events of the photo versions
        // deleted below, and any upload S3 recorded before the erasure ends, write nothing of the person again.
        markers.begin(ErasureMarkers.Kind.PERSON, tenant.qualified(personId));
        List<Map<String, AttributeValue>> faces = directory.faces(personId);
        List<String> faceIds =
                faces.stream().map(face -> AttributeValues.str(face, "faceId")).toList();
        collection.deleteUser(personId);
        collection.remove(null, faceIds);
        Set<String> photoKeys = new LinkedHashSet<>();
        faces.forEach(face -> photoKeys.add(AttributeValues.str(face, "sourceKey")));
        photoKeys.remove(null);
        List<Map<String, AttributeValue>> rowKeys = new ArrayList<>();
        rowKeys.add(TableKeys.key(personPk(personId), TableKeys.PROFILE));
        faceIds.forEach(faceId -> rowKeys.add(TableKeys.key(personPk(personId), TableKeys.faceSk(faceId))));
        photoKeys.forEach(key -> rowKeys.add(TableKeys.statusKey(bucket, key)));
        deleteRows(rowKeys);
        long versions = objects.deleteAll(enrollPrefix + personId + "/", () -> true);
        // the Face Liveness sessions used for the person: their reference and audit images, the rows about them
        LivenessRecords.Erased live = liveness.erase(personPk(personId));
        markers.finish(ErasureMarkers.Kind.PERSON, tenant.qualified(personId));
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("personId").writeValue(personId);
            json.writeFieldName("facesDeleted").writeValue(faceIds.size());
            json.writeFieldName("rowsDeleted").writeValue(rowKeys.size() + live.rows());
            json.writeFieldName("photoVersionsDeleted").writeValue(versions);
            json.writeFieldName("livenessImageVersionsDeleted").writeValue(live.imageVersions());
            return json.writeEndObject().getBytes();
        }
    }

    private Map<String, AttributeValue> existing(String personId) {
        Map<String, AttributeValue> person = directory.profile(personId);
        if (person == null) {
            throw ApiException.unknownPerson();
        }
        return person;
    }

    private String personPk(String personId) {
        return tenant.personPk(personId);
    }

    private void deleteRows(List<Map<String, AttributeValue>> keys) {
        keys.forEach(key -> dynamoDb.deleteItem(b -> b.tableName(table).key(key)));
    }

    /** The photo id of an enrolment key: the file part after the person id. */
    private String photoId(String key) {
        if (key == null || !key.startsWith(enrollPrefix)) {
            return null;
        }
        int slash = key.indexOf('/', enrollPrefix.length());
        return slash < 0 ? null : key.substring(slash + 1);
    }

    private static void summary(JsonWriter json, Map<String, AttributeValue> person) {
        json.writeFieldName("personId").writeValue(AttributeValues.str(person, "personId"));
        ResultDocument.string(json, "name", AttributeValues.str(person, "displayName"));
        json.writeFieldName("lists").writeStartArray();
        AttributeValues.strings(person, "lists").forEach(json::writeValue);
        json.writeEndArray();
        json.writeFieldName("faceCount").writeValue(AttributeValues.num(person, "faceCount", 0));
    }

    private static void face(JsonWriter json, Map<String, AttributeValue> face) {
        json.writeStartObject();
        ResultDocument.string(json, "faceId", AttributeValues.str(face, "faceId"));
        ResultDocument.string(json, "key", AttributeValues.str(face, "sourceKey"));
        BoundingBox box = AttributeValues.boundingBox(face, "boundingBox");
        if (box != null) {
            json.writeFieldName("boundingBox").writeStartObject();
            json.writeFieldName("left").writeValue(box.left());
            json.writeFieldName("top").writeValue(box.top());
            json.writeFieldName("width").writeValue(box.width());
            json.writeFieldName("height").writeValue(box.height());
            json.writeEndObject();
        }
        String confidence =
                face.containsKey("confidence") ? face.get("confidence").n() : null;
        if (confidence != null) {
            json.writeFieldName("confidence").writeValue(Float.parseFloat(confidence));
        }
        ResultDocument.string(json, "faceModelVersion", AttributeValues.str(face, "faceModelVersion"));
        ResultDocument.string(json, "indexedAt", AttributeValues.str(face, "indexedAt"));
        json.writeEndObject();
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return DEFAULT_PAGE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX_PAGE);
    }
}
