package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.CameraMentions;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.handler.OutcomeLog;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.EventPublisher;
import dev.facerec.functions.recognize.camera.CameraFrameService;
import dev.facerec.functions.recognize.camera.CameraSettings;
import dev.facerec.functions.recognize.camera.CameraState;
import dev.facerec.functions.recognize.camera.FrameKey;
import dev.facerec.functions.recognize.camera.SightingStore;
import dev.facerec.functions.recognize.camera.Track;
import dev.facerec.functions.recognize.camera.TrackMerge;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Erasure of a person seen by a camera, against the real local services: frames go through the real frames path
 * (which writes the camera mentions), the person is erased, and no camera row names them any more while another
 * person's sighting and track stay and the camera goes on merging frames.
 */
class CameraErasureTest extends WithColorFaceEngine {

    private static final FunctionConfig CONFIG = FunctionConfig.defaults(FunctionServices.TABLE);
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    private static final String CAMERA = "lobby";
    private static final String GATE = "gate";
    private static final Tenant SHARED = Tenant.shared(FunctionServices.COLLECTION);

    @Test
    void erase_shouldRemoveThePersonFromTheCamerasSightingsAndState_andKeepOthers() throws IOException {
        // GIVEN Zoe and Yann enrolled, walking past camera "lobby" together for three frames
        enrol("enroll/zoe/a.jpg", FaceColor.MAGENTA);
        enrol("enroll/yann/a.jpg", FaceColor.CYAN);
        CameraFrameService camera = cameraService();
        for (int i = 0; i < 3; i++) {
            assertThat(frame(
                            camera,
                            i * 500L,
                            face(FaceColor.MAGENTA, 20 + i * 30, 60, 100),
                            face(FaceColor.CYAN, 400 - i * 30, 60, 100)))
                    .isIn("MERGED", "SKIPPED_REPEAT");
        }
        // AND the camera's rows name Zoe as the erasure verifier finds her (the sighting row, and the state row's
        // track nested in its map), with one camera mention in her partition
        assertThat(cameraRowsNaming("zoe"))
                .extracting(row -> AttributeValues.str(row, TableKeys.SK))
                .anyMatch(SightingStore.STATE::equals)
                .anyMatch(sk -> sk.startsWith("SIGHTING#"));
        assertThat(services.items(TableKeys.personPk("zoe"), CameraMentions.SK_PREFIX))
                .singleElement()
                .satisfies(m -> assertThat(AttributeValues.str(m, CameraMentions.CAMERA_PK))
                        .isEqualTo(SightingStore.CAMERA_PREFIX + CAMERA));

        // WHEN Zoe is erased
        ErasureReceipt receipt = erasure().erase(SHARED, "zoe", "test");

        // THEN her sighting row and her open track are gone, counted in the receipt, and no row names her
        assertThat(receipt.removed()).containsEntry("cameraSightings", 1L).containsEntry("cameraTracks", 1L);
        assertThat(services.rowsNaming("zoe")).isEmpty();
        // AND Yann's sighting and track stay
        assertThat(cameraRowsNaming("yann")).hasSize(2);
        // AND the camera goes on from the rewritten state: Yann's next frame continues his sighting
        assertThat(frame(camera, 1500, face(FaceColor.CYAN, 250, 60, 100))).isIn("MERGED", "SKIPPED_REPEAT");
        assertThat(services.items(SightingStore.CAMERA_PREFIX + CAMERA, "SIGHTING#"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(AttributeValues.str(s, "personId")).isEqualTo("yann");
                    assertThat(AttributeValues.num(s, "frames", 0)).isEqualTo(4);
                });
    }

    @Test
    void erase_duringAFrame_shouldLeaveTheFramesMergeToRedoItWithoutThePerson() throws IOException {
        // GIVEN Vera enrolled and seen by camera "gate" in one frame
        enrol("enroll/vera/a.jpg", FaceColor.YELLOW);
        CameraFrameService camera = cameraService();
        assertThat(frame(camera, GATE, 0, face(FaceColor.YELLOW, 100, 40, 200))).isEqualTo("MERGED");
        assertThat(cameraRowsNaming(GATE, "vera")).hasSize(2);
        // AND her erasure runs while the camera's next frame is analysed (its state, with her track, already read)
        AtomicReference<ErasureReceipt> receipt = new AtomicReference<>();
        services.faults().afterNext("DetectFaces", () -> receipt.set(erasure().erase(SHARED, "vera", "test")));

        // WHEN that frame is merged (she is no longer in the collection: an unknown face)
        // (a stranger comes in too: the frame is no repeat of the first)
        assertThat(frame(camera, GATE, 500, face(FaceColor.YELLOW, 130, 60, 100), face(FaceColor.GREEN, 400, 60, 100)))
                .isEqualTo("MERGED");

        // THEN the erasure took her out of the state, and the frame, whose first write lost to the erasure's, merged
        // again on the new state: nothing names her
        assertThat(receipt.get().removed()).containsEntry("cameraSightings", 1L).containsEntry("cameraTracks", 1L);
        assertThat(services.rowsNaming("vera")).isEmpty();
        assertThat(services.items(SightingStore.CAMERA_PREFIX + GATE, "SIGHTING#"))
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.get("personId")).isNull());
    }

    @Test
    void erase_afterAFramesSearch_andBeforeItsWrite_shouldLeaveThePersonUnnamed_andKeepTheFramesOtherFaces()
            throws IOException {
        // GIVEN Wes and Kim enrolled, and camera "porch" that has seen nobody yet (no camera row for the erasure)
        enrol("enroll/wes/a.jpg", FaceColor.RED);
        enrol("enroll/kim/a.jpg", FaceColor.BLUE);
        CameraFrameService camera = cameraService();
        // AND Wes's erasure to run once the frame's two faces were searched (both found), before its merge is written
        AtomicReference<ErasureReceipt> receipt = new AtomicReference<>();
        services.faults()
                .afterNext(
                        "SearchUsersByImage",
                        () -> services.faults()
                                .afterNext(
                                        "SearchUsersByImage",
                                        () -> receipt.set(erasure().erase(SHARED, "wes", "test"))));
        TestContext context = new TestContext();

        // WHEN a frame showing both is processed
        String outcome = frame(
                camera, "porch", 0, context, face(FaceColor.RED, 60, 60, 160), face(FaceColor.BLUE, 380, 60, 160));

        // THEN the erasure ran in between, and the frame merged with Wes as an unknown face without a candidate:
        // nothing names him (sighting row, state track, camera mention)
        assertThat(outcome).isEqualTo("MERGED");
        assertThat(receipt.get()).isNotNull();
        assertThat(services.rowsNaming("wes")).isEmpty();
        assertThat(services.items(TableKeys.personPk("wes"), CameraMentions.SK_PREFIX))
                .isEmpty();
        // AND both faces are kept: Kim's named sighting and an unknown one
        assertThat(services.items(SightingStore.CAMERA_PREFIX + "porch", "SIGHTING#"))
                .extracting(s -> AttributeValues.str(s, "personId"))
                .containsExactlyInAnyOrder("kim", null);
        assertThat(new SightingStore(services.dynamoDb(), FunctionServices.TABLE, Duration.ofDays(30), SHARED)
                        .load("porch")
                        .tracks())
                .hasSize(2)
                .allSatisfy(track -> assertThat(track.candidate()).isNull());
        // AND the frame was logged once with the race's reason, naming nobody
        assertThat(context.lines())
                .singleElement()
                .asString()
                .contains("outcome=MERGED", "reason=PERSON_ERASED")
                .doesNotContain("wes", "kim");
    }

    @Test
    void erase_shouldTakeThePersonOutOfAnUnknownTrackTheyWereTheCandidateOf_andKeepTheTrack() {
        // GIVEN camera "hall" following an unknown face that resembled Nora (its candidate), written by the store
        SightingStore store =
                new SightingStore(services.dynamoDb(), FunctionServices.TABLE, Duration.ofDays(30), SHARED);
        long at = START.toEpochMilli();
        Track unknown = new Track(
                "U#1", "SIGHTING#1#U#1", null, at, at, 0.5f, 0.5f, 99f, "frames/1.jpg", 1, List.of(), "nora", false);
        CameraState state = new CameraState(1, at, 0, List.of(unknown));
        assertThat(store.save(
                                "hall",
                                CameraState.NEW,
                                new TrackMerge.Merged(state, List.of(unknown), List.of(unknown)),
                                FunctionServices.BUCKET,
                                START)
                        .written())
                .isTrue();
        assertThat(services.items(TableKeys.personPk("nora"), CameraMentions.SK_PREFIX))
                .hasSize(1);

        // WHEN Nora is erased
        ErasureReceipt receipt = erasure().erase(SHARED, "nora", "test");

        // THEN the track lost its candidate but stays (with its unknown sighting row); nothing names her
        assertThat(receipt.removed()).containsEntry("cameraSightings", 0L).containsEntry("cameraTracks", 1L);
        assertThat(services.rowsNaming("nora")).isEmpty();
        assertThat(store.load("hall").tracks())
                .singleElement()
                .satisfies(track -> assertThat(track.candidate()).isNull());
        assertThat(services.items(SightingStore.CAMERA_PREFIX + "hall", "SIGHTING#"))
                .hasSize(1);
    }

    private static List<Map<String, AttributeValue>> cameraRowsNaming(String personId) {
        return cameraRowsNaming(CAMERA, personId);
    }

    private static List<Map<String, AttributeValue>> cameraRowsNaming(String name, String personId) {
        return services.rowsNaming(personId).stream()
                .filter(row -> AttributeValues.str(row, TableKeys.PK).equals(SightingStore.CAMERA_PREFIX + name))
                .toList();
    }

    private static PersonErasure erasure() {
        return new PersonErasure(
                clients(), CONFIG, FunctionServices.BUCKET, PersonErasure.DEFAULT_CONSENT_PREFIX, Clock.systemUTC());
    }

    private static CameraFrameService cameraService() {
        return new CameraFrameService(
                clients(),
                CONFIG,
                new CameraSettings("frames/", Duration.ofSeconds(10), Duration.ofDays(30)),
                EventPublisher.NONE);
    }

    private static String frame(CameraFrameService camera, long offsetMillis, ColorFace... faces) {
        return frame(camera, CAMERA, offsetMillis, faces);
    }

    private static String frame(CameraFrameService camera, String name, long offsetMillis, ColorFace... faces) {
        return frame(camera, name, offsetMillis, new TestContext(), faces);
    }

    private static String frame(
            CameraFrameService camera, String name, long offsetMillis, TestContext context, ColorFace... faces) {
        String key = "frames/"
                + FrameKey.fileName(
                        "123456789012",
                        name,
                        START.plusMillis(offsetMillis),
                        "f20f9add-75e7-4399-a30f-fc7aefb1bab7",
                        "jpg");
        Uploaded uploaded = services.upload(key, SyntheticImages.jpeg(640, 360, faces), Map.of());
        S3ObjectEvent event = new S3ObjectEvent(
                "ObjectCreated:Put",
                FunctionServices.BUCKET,
                uploaded.key(),
                uploaded.size(),
                uploaded.eTag(),
                null,
                services.nextSequencer());
        return camera.process(event, Duration.ofMinutes(1), new OutcomeLog("camera-frames", context.getLogger()));
    }

    private static void enrol(String key, FaceColor color) throws IOException {
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), Map.of());
        new IndexFacesHandler(clients(), CONFIG, Clock.systemUTC())
                .handleRequest(
                        EventFixtures.s3Event(
                                "object-created-template.json", services.createdEvent(photo, services.nextSequencer())),
                        new TestContext());
    }

    private static AwsClients clients() {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }
}
