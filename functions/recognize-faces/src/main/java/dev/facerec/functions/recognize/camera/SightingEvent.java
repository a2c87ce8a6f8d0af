package dev.facerec.functions.recognize.camera;

import dev.facerec.functions.core.Digests;
import dev.facerec.functions.core.recognition.ResultDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The detail of the "Sighting Started" event (source {@code facerec}) a camera's new sighting publishes; schema in
 * docs/construct.md ("Cameras"). It names the camera, the person (or the unknown track), when, how similar, the
 * frame, and the person's watch lists; never image bytes, a name only when the pipeline includes names.
 */
public final class SightingEvent {

    /** The detail-type of a started sighting. */
    public static final String DETAIL_TYPE = "Sighting Started";
    /** Version of the detail schema. */
    public static final int SCHEMA_VERSION = 1;

    private SightingEvent() {}

    /** The event detail as JSON. */
    public static String detail(String bucket, String camera, Track track, String name) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            json.writeFieldName("schemaVersion").writeValue(SCHEMA_VERSION);
            json.writeFieldName("id").writeValue(dedupeId(camera, track));
            json.writeFieldName("camera").writeValue(camera);
            json.writeFieldName("sighting").writeValue(track.sightingSk());
            json.writeFieldName("track").writeValue(track.id());
            ResultDocument.string(json, "personId", track.personId());
            ResultDocument.string(json, "name", name);
            json.writeFieldName("known").writeValue(track.personId() != null);
            json.writeFieldName("firstSeen")
                    .writeValue(Instant.ofEpochMilli(track.firstSeen()).toString());
            if (track.personId() != null) {
                json.writeFieldName("similarity").writeValue(track.best());
            }
            json.writeFieldName("bucket").writeValue(bucket);
            json.writeFieldName("frameKey").writeValue(track.bestFrameKey());
            json.writeFieldName("lists").writeStartArray();
            track.lists().forEach(json::writeValue);
            json.writeEndArray();
            json.writeEndObject();
            return new String(json.getBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The same for every publication of one sighting (a retried frame): consumers dedupe on it. An unknown track
     * later named publishes again, for the person, under another id.
     */
    public static String dedupeId(String camera, Track track) {
        String person = track.personId() == null ? "" : "\n" + track.personId();
        return Digests.sha256Hex(camera + "\n" + track.sightingSk() + person);
    }
}
