package dev.facerec.functions.recognize.camera;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.EventPublisher;
import dev.facerec.functions.testing.ColorFace;
import dev.facerec.functions.testing.EventFixtures;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Frames through recognition into sightings, on the local servers with the colour engine: the cost guard (counted
 * engine calls), the merge of consecutive frames, unknown tracks, and frames that are not frames.
 */
class CameraFrameServiceTest extends WithColorFaceEngine {

    private static final String ACCOUNT = "123456789012";
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private static CameraFrameService service;

    @BeforeAll
    static void enrolAlice() throws IOException {
        AwsClients clients = new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
        FunctionConfig config = FunctionConfig.defaults(FunctionServices.TABLE);
        IndexFacesHandler enrolment = new IndexFacesHandler(clients, config, Clock.systemUTC());
        Uploaded photo = services.upload(
                "enroll/alice/portrait.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)),
                Map.of());
        enrolment.handleRequest(
                EventFixtures.s3Event(
                        "object-created-template.json", services.createdEvent(photo, services.nextSequencer())),
                new TestContext());
        service = new CameraFrameService(
                clients,
                config,
                new CameraSettings("frames/", Duration.ofSeconds(10), Duration.ofDays(30)),
                EventPublisher.NONE);
    }

    @Test
    void process_shouldMergeConsecutiveFramesOfAPerson_andFollowAStrangerAsOneUnknownTrack() {
        // GIVEN Alice (enrolled) walking right, and a stranger (green) walking left, on camera "door" at 2 frames/s
        String camera = "door";
        for (int i = 0; i < 4; i++) {
            frame(
                    camera,
                    i * 500L,
                    face(FaceColor.RED, 20 + i * 30, 60, 100),
                    face(FaceColor.GREEN, 400 - i * 30, 60, 100));
        }

        // THEN one sighting each, from the first to the last frame
        List<Map<String, AttributeValue>> sightings = services.items(SightingStore.CAMERA_PREFIX + camera, "SIGHTING#");
        assertThat(sightings).hasSize(2);
        Map<String, AttributeValue> alice = sightings.stream()
                .filter(s -> "alice".equals(AttributeValues.str(s, "personId")))
                .findFirst()
                .orElseThrow();
        assertThat(AttributeValues.str(alice, "firstSeen")).isEqualTo(START.toString());
        assertThat(AttributeValues.str(alice, "lastSeen"))
                .isEqualTo(START.plusMillis(1500).toString());
        assertThat(AttributeValues.num(alice, "frames", 0)).isEqualTo(4);
        assertThat(sightings)
                .filteredOn(s -> s.get("personId") == null)
                .singleElement()
                .satisfies(s -> assertThat(AttributeValues.str(s, "track")).startsWith("U#"));
    }

    @Test
    void process_shouldFollowAnEnrolledPersonWithoutConsent_asAnUnknownTrack() {
        // GIVEN a service that requires consent, and Alice enrolled without a consent record
        AwsClients clients = new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
        CameraFrameService requiringConsent = new CameraFrameService(
                clients,
                FunctionConfig.defaults(FunctionServices.TABLE),
                new CameraSettings("frames/", Duration.ofSeconds(10), Duration.ofDays(30)),
                EventPublisher.NONE,
                ConsentSettings.REQUIRED);

        // WHEN two frames of her reach camera "gate"
        for (int i = 0; i < 2; i++) {
            Uploaded uploaded = services.upload(
                    frameKey("gate", i * 500L),
                    SyntheticImages.jpeg(640, 360, face(FaceColor.RED, 20 + i * 30, 60, 100)),
                    Map.of());
            requiringConsent.process(event(uploaded), Duration.ofMinutes(1), log());
        }

        // THEN the camera saw one unknown face, and named nobody
        assertThat(services.items(SightingStore.CAMERA_PREFIX + "gate", "SIGHTING#"))
                .singleElement()
                .satisfies(s -> assertThat(s.get("personId")).isNull());
    }

    @Test
    void process_shouldCostOneDetectFacesForAnEmptyFrame_andNoCallForARepeatedOne() {
        // GIVEN an empty corridor on camera "corridor"
        int detects = services.faults().calls("DetectFaces");
        int searches = services.faults().calls("SearchUsersByImage");

        // WHEN two frames of it arrive, half a second apart
        assertThat(frame("corridor", 0)).isEqualTo("NO_FACE");
        assertThat(frame("corridor", 500)).isEqualTo("SKIPPED_REPEAT");

        // THEN one DetectFaces, no search
        assertThat(services.faults().calls("DetectFaces") - detects).isEqualTo(1);
        assertThat(services.faults().calls("SearchUsersByImage") - searches).isZero();
    }

    @Test
    void process_shouldAnalyseTwoIdenticalFramesTakenInAtOnce_onlyOnce() {
        // GIVEN Alice standing still on camera "hall": two identical frames, half a second apart
        ColorFace still = face(FaceColor.RED, 200, 60, 100);
        Uploaded first = services.upload(frameKey("hall", 0), SyntheticImages.jpeg(640, 360, still), Map.of());
        Uploaded second = services.upload(frameKey("hall", 500), SyntheticImages.jpeg(640, 360, still), Map.of());
        int detects = services.faults().calls("DetectFaces");
        int searches = services.faults().calls("SearchUsersByImage");
        List<String> outcomes = new ArrayList<>();
        service.onClaimed(claimed -> {
            // WHEN the second arrives while the first is being analysed (claimed, its Rekognition calls not made)
            if (claimed.key().equals(first.key())) {
                outcomes.add(service.process(event(second), Duration.ofMinutes(1), log()));
            }
        });
        try {
            outcomes.add(service.process(event(first), Duration.ofMinutes(1), log()));
        } finally {
            service.onClaimed(claimed -> {});
        }

        // THEN the second follows the first's analysis: one DetectFaces and one search for both
        assertThat(outcomes).containsExactly("SKIPPED_REPEAT", "MERGED");
        assertThat(services.faults().calls("DetectFaces") - detects).isEqualTo(1);
        assertThat(services.faults().calls("SearchUsersByImage") - searches).isEqualTo(1);
        // AND one sighting holds both frames, the claim released
        assertThat(services.items(SightingStore.CAMERA_PREFIX + "hall", "SIGHTING#"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(AttributeValues.num(s, "frames", 0)).isEqualTo(2);
                    assertThat(AttributeValues.str(s, "lastSeen"))
                            .isEqualTo(START.plusMillis(500).toString());
                });
        assertThat(services.items(SightingStore.CAMERA_PREFIX + "hall", SightingStore.STATE))
                .singleElement()
                .satisfies(state -> assertThat(state).doesNotContainKey("claimKey"));
    }

    @Test
    void process_shouldRejectAnObjectThatIsNoFrame() {
        Uploaded other = services.upload("frames/not-a-frame.jpg", SyntheticImages.jpeg(200, 200), Map.of());
        assertThat(service.process(event(other), Duration.ofMinutes(1), log())).isEqualTo("REJECTED");
    }

    private static String frame(String camera, long offsetMillis, ColorFace... faces) {
        Uploaded uploaded =
                services.upload(frameKey(camera, offsetMillis), SyntheticImages.jpeg(640, 360, faces), Map.of());
        return service.process(event(uploaded), Duration.ofMinutes(1), log());
    }

    private static String frameKey(String camera, long offsetMillis) {
        return "frames/"
                + FrameKey.fileName(
                        ACCOUNT, camera, START.plusMillis(offsetMillis), "f20f9add-75e7-4399-a30f-fc7aefb1bab7", "jpg");
    }

    private static S3ObjectEvent event(Uploaded uploaded) {
        return new S3ObjectEvent(
                "ObjectCreated:Put",
                FunctionServices.BUCKET,
                uploaded.key(),
                uploaded.size(),
                uploaded.eTag(),
                null,
                services.nextSequencer());
    }

    private static OutcomeLog log() {
        return new OutcomeLog("camera-frames", new TestContext().getLogger());
    }
}
