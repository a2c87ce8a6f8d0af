package dev.facerec.functions.core.recognition;

import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.image.ImageHeader;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.Emotion;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Landmark;

/**
 * The recognition result written as JSON under the results prefix; its schema is documented in docs/functions.md
 * ("Result JSON"). Attributes Rekognition did not return are left out, never invented. Written with the SDK's own
 * JSON writer (no data-binding library in the function jar).
 */
public final class ResultDocument {

    /** Version of the result schema. */
    public static final int SCHEMA_VERSION = 1;

    private static final String NOTICE = "ageRange, gender and emotions are appearance-based estimates; "
            + "do not base decisions about people on them";

    private ResultDocument() {}

    /** The result of one photo of the bucket, as UTF-8 JSON. */
    public static byte[] build(
            S3ObjectEvent source,
            ImageHeader header,
            float threshold,
            Instant processedAt,
            List<RecognizedFace> faces) {
        return build(
                new Source(source.bucket(), source.key(), source.versionId(), source.eTag()),
                header,
                threshold,
                processedAt,
                faces);
    }

    /**
     * Where a photo came from.
     *
     * @param bucket    its bucket
     * @param key       its key
     * @param versionId its version, or {@code null}
     * @param eTag      its ETag, or {@code null}
     */
    public record Source(String bucket, String key, String versionId, String eTag) {}

    /** The result of one photo, as UTF-8 JSON; {@code source} is {@code null} for a photo sent as bytes. */
    public static byte[] build(
            Source source, ImageHeader header, float threshold, Instant processedAt, List<RecognizedFace> faces) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("schemaVersion").writeValue(SCHEMA_VERSION);
            if (source != null) {
                json.writeFieldName("source").writeStartObject();
                string(json, "bucket", source.bucket());
                string(json, "key", source.key());
                string(json, "versionId", source.versionId());
                string(json, "eTag", source.eTag());
                json.writeEndObject();
            }
            string(json, "processedAt", processedAt.toString());
            json.writeFieldName("image").writeStartObject();
            string(json, "format", header.format().name());
            json.writeFieldName("width").writeValue(header.orientedWidth());
            json.writeFieldName("height").writeValue(header.orientedHeight());
            json.writeEndObject();
            json.writeFieldName("faceMatchThreshold").writeValue(threshold);
            json.writeFieldName("faceCount").writeValue(faces.size());
            json.writeFieldName("identifiedCount")
                    .writeValue(faces.stream()
                            .filter(f -> f.identity().status() == IdentityStatus.IDENTIFIED)
                            .count());
            json.writeFieldName("lists").writeStartArray();
            matchedLists(faces).forEach(json::writeValue);
            json.writeEndArray();
            string(json, "notice", NOTICE);
            json.writeFieldName("faces").writeStartArray();
            for (int i = 0; i < faces.size(); i++) {
                face(json, i, faces.get(i));
            }
            return json.writeEndArray().writeEndObject().getBytes();
        }
    }

    /** The watch lists of every identified person in the photo, sorted, each once. */
    public static List<String> matchedLists(List<RecognizedFace> faces) {
        return faces.stream().flatMap(f -> f.lists().stream()).collect(Collectors.toCollection(TreeSet::new)).stream()
                .toList();
    }

    private static void face(JsonWriter json, int index, RecognizedFace face) {
        FaceDetail detail = face.detail();
        json.writeStartObject();
        json.writeFieldName("index").writeValue(index);
        box(json, detail.boundingBox());
        number(json, "confidence", detail.confidence());
        identity(json, face);
        if (detail.ageRange() != null) {
            json.writeFieldName("ageRange").writeStartObject();
            integer(json, "low", detail.ageRange().low());
            integer(json, "high", detail.ageRange().high());
            json.writeEndObject();
        }
        if (detail.gender() != null) {
            json.writeFieldName("gender").writeStartObject();
            string(json, "value", detail.gender().valueAsString());
            number(json, "confidence", detail.gender().confidence());
            json.writeEndObject();
        }
        if (detail.hasEmotions() && !detail.emotions().isEmpty()) {
            json.writeFieldName("emotions").writeStartArray();
            detail.emotions().stream()
                    .sorted(Comparator.comparing(Emotion::confidence, Comparator.nullsLast(Comparator.reverseOrder())))
                    .forEach(e -> {
                        json.writeStartObject();
                        string(json, "type", e.typeAsString());
                        number(json, "confidence", e.confidence());
                        json.writeEndObject();
                    });
            json.writeEndArray();
        }
        if (detail.hasLandmarks() && !detail.landmarks().isEmpty()) {
            json.writeFieldName("landmarks").writeStartArray();
            for (Landmark landmark : detail.landmarks()) {
                json.writeStartObject();
                string(json, "type", landmark.typeAsString());
                number(json, "x", landmark.x());
                number(json, "y", landmark.y());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (detail.pose() != null) {
            json.writeFieldName("pose").writeStartObject();
            number(json, "roll", detail.pose().roll());
            number(json, "yaw", detail.pose().yaw());
            number(json, "pitch", detail.pose().pitch());
            json.writeEndObject();
        }
        if (detail.quality() != null) {
            json.writeFieldName("quality").writeStartObject();
            number(json, "brightness", detail.quality().brightness());
            number(json, "sharpness", detail.quality().sharpness());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void identity(JsonWriter json, RecognizedFace face) {
        Identity identity = face.identity();
        json.writeFieldName("identity").writeStartObject();
        string(json, "status", identity.status().name());
        string(json, "personId", identity.personId());
        string(json, "name", face.displayName());
        number(json, "similarity", identity.similarity());
        if (identity.status() == IdentityStatus.IDENTIFIED) {
            json.writeFieldName("lists").writeStartArray();
            face.lists().forEach(json::writeValue);
            json.writeEndArray();
        }
        string(json, "detail", identity.detail());
        json.writeEndObject();
    }

    private static void box(JsonWriter json, BoundingBox box) {
        json.writeFieldName("boundingBox").writeStartObject();
        if (box != null) {
            number(json, "left", box.left());
            number(json, "top", box.top());
            number(json, "width", box.width());
            number(json, "height", box.height());
        }
        json.writeEndObject();
    }

    /** A string member, left out when the value is absent. */
    public static void string(JsonWriter json, String field, String value) {
        if (value != null) {
            json.writeFieldName(field).writeValue(value);
        }
    }

    /** A number member, left out when Rekognition did not give it. */
    private static void number(JsonWriter json, String field, Float value) {
        if (value != null) {
            json.writeFieldName(field).writeValue(value.floatValue());
        }
    }

    private static void integer(JsonWriter json, String field, Integer value) {
        if (value != null) {
            json.writeFieldName(field).writeValue(value.intValue());
        }
    }
}
