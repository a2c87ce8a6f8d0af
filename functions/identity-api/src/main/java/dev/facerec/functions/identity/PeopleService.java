package dev.facerec.functions.identity;

import dev.facerec.functions.core.enrollment.EnrollKey;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.recognition.ResultDocument;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.tenant.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;

/**
 * {@code GET /people}, {@code GET /people/{personId}} and {@code DELETE /people/{personId}} over the rows enrolment
 * writes. Erasure is {@link PersonErasure}'s, the one every erasure goes through.
 */
final class PeopleService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 100;

    private final String enrollPrefix;
    private final Tenant tenant;
    private final PeopleDirectory directory;
    private final PersonErasure erasure;

    PeopleService(String enrollPrefix, Tenant tenant, PeopleDirectory directory, PersonErasure erasure) {
        this.enrollPrefix = tenant.prefix(enrollPrefix);
        this.tenant = tenant;
        this.directory = directory;
        this.erasure = erasure;
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

    /**
     * {@code DELETE /people/{personId}}: erases the person through {@link PersonErasure}; answers the erasure receipt
     * (docs/api.md).
     *
     * @throws ApiException 409 PERSON_BUSY when an enrolment of the person is still under way (retry)
     */
    byte[] delete(String personId, String requestedBy) {
        existing(personId);
        return erase(personId, requestedBy);
    }

    /**
     * Erases the person whether enrolled or not (a person with a consent record only): what consent withdrawal calls.
     *
     * @throws ApiException 409 PERSON_BUSY when an enrolment of the person is still under way (retry)
     */
    byte[] erase(String personId, String requestedBy) {
        try {
            return erasure.erase(tenant, personId, requestedBy).toJson();
        } catch (ObjectBusyException enrolling) {
            throw new ApiException(
                    409, "PERSON_BUSY", "a photo of this person is being enrolled: retry the erasure shortly", 5);
        }
    }

    private Map<String, AttributeValue> existing(String personId) {
        Map<String, AttributeValue> person = directory.profile(personId);
        if (person == null) {
            throw ApiException.unknownPerson();
        }
        return person;
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
