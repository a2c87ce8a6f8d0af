package dev.facerec.functions.recognize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.recognition.Identity;
import dev.facerec.functions.core.recognition.PersonProfile;
import dev.facerec.functions.core.recognition.RecognizedFace;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

class RecognitionEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final S3ObjectEvent PHOTO = new S3ObjectEvent(
            "ObjectCreated:Put", "bucket-1", "recognize/door/cam 1.jpg", 1234, "etag-1", "v1", "0055AED6DCD90281E5");
    private static final List<RecognizedFace> FACES = List.of(
            new RecognizedFace(
                    FaceDetail.builder().build(),
                    Identity.identified("j-doe", 99.5f),
                    new PersonProfile("Jane Doe", List.of("block", "vip"))),
            new RecognizedFace(FaceDetail.builder().build(), Identity.unknown(), PersonProfile.NONE),
            new RecognizedFace(
                    FaceDetail.builder().build(),
                    Identity.identified("a-smith", 91f),
                    new PersonProfile(null, List.of())));

    @Test
    void detail_shouldNameThePhotoAndEachIdentifiedFaceWithoutNames_whenNamesAreNotIncluded() throws IOException {
        // GIVEN a photo with a listed person, a stranger and an unlisted person
        Instant at = Instant.parse("2026-12-07T06:00:00Z");

        // WHEN
        JsonNode detail =
                JSON.readTree(RecognitionEvent.detail(PHOTO, "results/door/cam 1.jpg.json", at, FACES, false));

        // THEN
        assertThat(detail.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(detail.path("id").asText()).isEqualTo(RecognitionEvent.dedupeId(PHOTO));
        assertThat(detail.path("bucket").asText()).isEqualTo("bucket-1");
        assertThat(detail.path("key").asText()).isEqualTo("recognize/door/cam 1.jpg");
        assertThat(detail.path("versionId").asText()).isEqualTo("v1");
        assertThat(detail.path("resultKey").asText()).isEqualTo("results/door/cam 1.jpg.json");
        assertThat(detail.path("processedAt").asText()).isEqualTo("2026-12-07T06:00:00Z");
        assertThat(detail.path("faceCount").asInt()).isEqualTo(3);
        assertThat(detail.path("lists").toString()).isEqualTo("[\"block\",\"vip\"]");
        assertThat(detail.path("faces").toString())
                .isEqualTo("[{\"index\":0,\"personId\":\"j-doe\",\"similarity\":99.5,\"lists\":[\"block\",\"vip\"]},"
                        + "{\"index\":2,\"personId\":\"a-smith\",\"similarity\":91.0,\"lists\":[]}]");
        assertThat(detail.toString()).doesNotContain("Jane");
    }

    @Test
    void detail_shouldCarryTheName_whenNamesAreIncluded() throws IOException {
        // GIVEN / WHEN
        JsonNode detail = JSON.readTree(RecognitionEvent.detail(PHOTO, "r.json", Instant.EPOCH, FACES, true));

        // THEN the named person has a name, the unnamed one none
        assertThat(detail.at("/faces/0/name").asText()).isEqualTo("Jane Doe");
        assertThat(detail.at("/faces/1").has("name")).isFalse();
    }

    @Test
    void dedupeId_shouldBeStablePerUploadAndDifferPerUpload_whenSequencerOrVersionChanges() {
        // GIVEN the same upload twice, and a later upload of the same key
        S3ObjectEvent again = new S3ObjectEvent(
                "ObjectCreated:Put",
                "bucket-1",
                "recognize/door/cam 1.jpg",
                1234,
                "etag-1",
                "v1",
                "0055AED6DCD90281E5");
        S3ObjectEvent later = new S3ObjectEvent(
                "ObjectCreated:Put",
                "bucket-1",
                "recognize/door/cam 1.jpg",
                1234,
                "etag-1",
                "v2",
                "0055AED6DCD90281F0");

        // WHEN / THEN
        assertThat(RecognitionEvent.dedupeId(again)).isEqualTo(RecognitionEvent.dedupeId(PHOTO));
        assertThat(RecognitionEvent.dedupeId(later)).isNotEqualTo(RecognitionEvent.dedupeId(PHOTO));
        assertThat(RecognitionEvent.dedupeId(PHOTO)).hasSize(64);
    }
}
