package dev.facerec.functions.recognize;

import dev.facerec.functions.core.Digests;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.recognition.IdentityStatus;
import dev.facerec.functions.core.recognition.RecognizedFace;
import dev.facerec.functions.core.recognition.ResultDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
            ResultDocument.string(json, "versionId", source.versionId());
            ResultDocument.string(json, "eTag", source.eTag());
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
                    ResultDocument.string(json, "name", face.displayName());
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
        return Digests.sha256Hex(identity);
    }
}
