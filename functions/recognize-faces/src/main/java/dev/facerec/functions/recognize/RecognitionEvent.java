package dev.facerec.functions.recognize;

import dev.facerec.functions.core.event.S3ObjectEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The detail of the EventBridge event a recognised photo publishes (source {@value #SOURCE}, detail-type
 * {@value #DETAIL_TYPE}); its schema is documented in docs/construct.md ("Events"). It names the photo, its result
 * and each identified face's person id, similarity and watch lists; a name only when asked for; never image bytes.
 */
public final class RecognitionEvent {

    /** The event source. */
    public static final String SOURCE = "facerec";
    /** The detail-type of every recognised photo's event. */
    public static final String DETAIL_TYPE = "Faces Recognized";
    /** Version of the detail schema. */
    public static final int SCHEMA_VERSION = 1;

    private RecognitionEvent() {}

    /** The event detail as JSON. */
    public static String detail(
            S3ObjectEvent source,
            String resultKey,
            Instant processedAt,
            List<RecognizedFace> faces,
            boolean includeNames) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("schemaVersion").writeValue(SCHEMA_VERSION);
            json.writeFieldName("id").writeValue(dedupeId(source));
            json.writeFieldName("bucket").writeValue(source.bucket());
            json.writeFieldName("key").writeValue(source.key());
            optional(json, "versionId", source.versionId());
            optional(json, "eTag", source.eTag());
            json.writeFieldName("resultKey").writeValue(resultKey);
            json.writeFieldName("processedAt").writeValue(processedAt.toString());
            json.writeFieldName("faceCount").writeValue(faces.size());
            json.writeFieldName("lists").writeStartArray();
            ResultDocument.matchedLists(faces).forEach(json::writeValue);
            json.writeEndArray();
            json.writeFieldName("faces").writeStartArray();
            for (int i = 0; i < faces.size(); i++) {
                RecognizedFace face = faces.get(i);
                if (face.identity().status() != IdentityStatus.IDENTIFIED) {
                    continue;
                }
                json.writeStartObject();
                json.writeFieldName("index").writeValue(i);
                json.writeFieldName("personId").writeValue(face.identity().personId());
                if (includeNames) {
                    optional(json, "name", face.displayName());
                }
                if (face.identity().similarity() != null) {
                    json.writeFieldName("similarity")
                            .writeValue(face.identity().similarity().floatValue());
                }
                json.writeFieldName("lists").writeStartArray();
                face.lists().forEach(json::writeValue);
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray().writeEndObject();
            return new String(json.getBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The id consumers dedupe on: the same for every publication about one upload (Lambda retries, a duplicate
     * S3 event), different for another upload of the same key. A SHA-256 of bucket, key, version (or ETag) and the
     * S3 sequencer, in hex.
     */
    public static String dedupeId(S3ObjectEvent source) {
        String identity = String.join(
                "\n",
                source.bucket(),
                source.key(),
                source.contentIdentity(),
                source.sequencer() == null ? "-" : source.sequencer());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void optional(JsonWriter json, String field, String value) {
        if (value != null) {
            json.writeFieldName(field).writeValue(value);
        }
    }
}
