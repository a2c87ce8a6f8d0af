package dev.facerec.functions.recognize.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge rules, without any service: keys, gaps, unknown tracks by position, repeats. */
class TrackMergeTest {

    private static final long GAP = 10_000;

    @Test
    void parse_shouldReadTheCameraAndTimecode_ofAnImageGenerationKey() {
        assertThat(FrameKey.parse(
                        "frames/111122223333_front-door_1690707290324_f20f9add-7e57-4399-a30f-fc7aefb1bab7.jpg",
                        "frames/"))
                .contains(new FrameKey(
                        "frames/111122223333_front-door_1690707290324_f20f9add-7e57-4399-a30f-fc7aefb1bab7.jpg",
                        "front-door",
                        Instant.ofEpochMilli(1690707290324L)));
        assertThat(FrameKey.parse(
                        "frames/motion_111122223333_cam_1_2_3_f20f9add-7e57-4399-a30f-fc7aefb1bab7.png", "frames/"))
                .hasValueSatisfying(k -> assertThat(k.camera()).isEqualTo("cam_1_2"));
        assertThat(FrameKey.parse(
                        "frames//111122223333_cam_1690707290324_f20f9add-7e57-4399-a30f-fc7aefb1bab7.jpg", "frames/"))
                .hasValueSatisfying(k -> assertThat(k.camera()).isEqualTo("cam"));
        assertThat(FrameKey.parse("frames/holiday.jpg", "frames/")).isEmpty();
        assertThat(FrameKey.parse("recognize/111122223333_a_1_f20f9add-7e57-4399-a30f-fc7aefb1bab7.jpg", "frames/"))
                .isEmpty();
    }

    @Test
    void merge_shouldStartANewSighting_whenThePersonCameBackAfterTheGap() {
        TrackMerge.Merged first = TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(alice(0.5f)), GAP);
        TrackMerge.Merged soon = TrackMerge.merge(first.state(), "f2", 5_000, 2, List.of(alice(0.6f)), GAP);
        TrackMerge.Merged later = TrackMerge.merge(soon.state(), "f3", 30_000, 3, List.of(alice(0.5f)), GAP);

        assertThat(first.started()).hasSize(1);
        assertThat(soon.started()).isEmpty();
        assertThat(soon.changed().get(0).lastSeen()).isEqualTo(5_000);
        assertThat(later.started()).singleElement().satisfies(t -> {
            assertThat(t.firstSeen()).isEqualTo(30_000);
            assertThat(t.sightingSk()).isNotEqualTo(first.started().get(0).sightingSk());
        });
    }

    @Test
    void merge_shouldFollowTwoStrangersByPosition_andKeepTheBestScore() {
        TrackMerge.Merged first = TrackMerge.merge(
                CameraState.NEW, "f1", 0, 1, List.of(stranger(0.1f, 0.2f, 90), stranger(0.9f, 0.8f, 95)), GAP);
        TrackMerge.Merged next = TrackMerge.merge(
                first.state(), "f2", 500, 2, List.of(stranger(0.85f, 0.8f, 99), stranger(0.2f, 0.2f, 80)), GAP);

        assertThat(first.started()).hasSize(2);
        assertThat(next.started()).isEmpty();
        assertThat(next.state().tracks())
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.frames()).isEqualTo(2));
        assertThat(next.state().tracks())
                .filteredOn(t -> t.x() > 0.5f)
                .singleElement()
                .satisfies(t -> assertThat(t.bestFrameKey()).isEqualTo("f2"));
    }

    @Test
    void repeat_shouldExtendTheSightingsOfTheLatestFrame_only() {
        TrackMerge.Merged first = TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(alice(0.5f)), GAP);
        assertThat(first.state().repeats(500, 1, GAP)).isTrue();
        assertThat(first.state().repeats(500, ~1L, GAP)).isFalse();

        TrackMerge.Merged repeated = TrackMerge.repeat(first.state(), "f2", 500, GAP);

        assertThat(repeated.changed()).singleElement().satisfies(t -> {
            assertThat(t.lastSeen()).isEqualTo(500);
            assertThat(t.bestFrameKey()).isEqualTo("f1");
        });
    }

    @Test
    void merge_shouldKeepOneSighting_whenThePersonScoresUnderTheNamingThresholdInSomeFrames() {
        TrackMerge.Merged named = TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(alice(0.1f)), GAP);
        TrackMerge.Merged resembling = TrackMerge.merge(
                named.state(), "f2", 3_000, 2, List.of(new FaceSeen(null, "alice", 97, 0.9f, 0.5f, List.of())), GAP);

        assertThat(resembling.started()).isEmpty();
        assertThat(resembling.state().tracks()).singleElement().satisfies(t -> {
            assertThat(t.personId()).isEqualTo("alice");
            assertThat(t.lastSeen()).isEqualTo(3_000);
            assertThat(t.best()).isEqualTo(99);
            assertThat(t.frames()).isEqualTo(2);
        });
    }

    @Test
    void merge_shouldNameTheUnknownTrackOfAFace_whenItIsNamedLater() {
        TrackMerge.Merged unknown = TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(resemblingAlice(0.1f)), GAP);
        TrackMerge.Merged named = TrackMerge.merge(unknown.state(), "f2", 500, 2, List.of(alice(0.2f)), GAP);
        TrackMerge.Merged otherStranger =
                TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(stranger(0.1f, 0.5f, 90)), GAP);
        TrackMerge.Merged aliceNext = TrackMerge.merge(otherStranger.state(), "f2", 500, 2, List.of(alice(0.2f)), GAP);

        assertThat(named.started()).singleElement().satisfies(t -> {
            assertThat(t.personId()).isEqualTo("alice");
            assertThat(t.id()).isEqualTo("P#alice");
            assertThat(t.sightingSk()).isEqualTo(unknown.started().get(0).sightingSk());
            assertThat(t.firstSeen()).isZero();
            assertThat(t.lists()).containsExactly("staff");
        });
        assertThat(SightingEvent.dedupeId("cam", named.started().get(0)))
                .isNotEqualTo(SightingEvent.dedupeId("cam", unknown.started().get(0)));
        assertThat(named.state().tracks())
                .singleElement()
                .satisfies(t -> assertThat(t.frames()).isEqualTo(2));
        // a stranger who resembled nobody stays a stranger next to her
        assertThat(aliceNext.started())
                .singleElement()
                .satisfies(t -> assertThat(t.firstSeen()).isEqualTo(500));
        assertThat(aliceNext.state().tracks()).hasSize(2);
    }

    @Test
    void merge_shouldKeepASightingAcrossMissedFrames_butGiveItOnlyFacesThatResembleThePersonWithinReach() {
        TrackMerge.Merged first = TrackMerge.merge(CameraState.NEW, "f1", 0, 1, List.of(alice(0.1f)), GAP);
        TrackMerge.Merged missed = TrackMerge.merge(first.state(), "f2", 500, 2, List.of(), GAP);
        TrackMerge.Merged unsure =
                TrackMerge.merge(missed.state(), "f3", 1_000, 3, List.of(resemblingAlice(0.3f)), GAP);
        TrackMerge.Merged nobody =
                TrackMerge.merge(unsure.state(), "f4", 1_500, 4, List.of(stranger(0.35f, 0.5f, 80)), GAP);
        TrackMerge.Merged tooFar =
                TrackMerge.merge(unsure.state(), "f4", 1_500, 4, List.of(resemblingAlice(0.95f)), GAP);

        assertThat(missed.state().tracks())
                .singleElement()
                .satisfies(t -> assertThat(t.lastSeen()).isZero());
        assertThat(unsure.started()).isEmpty();
        assertThat(unsure.state().tracks()).singleElement().satisfies(t -> {
            assertThat(t.personId()).isEqualTo("alice");
            assertThat(t.lastSeen()).isEqualTo(1_000);
            assertThat(t.best()).isEqualTo(99);
        });
        assertThat(nobody.started())
                .singleElement()
                .satisfies(t -> assertThat(t.personId()).isNull());
        assertThat(tooFar.started())
                .singleElement()
                .satisfies(t -> assertThat(t.personId()).isNull());
    }

    @Test
    void withFollowers_shouldMergeTheClaimsFollowersAsRepeats_andReleaseTheClaim() {
        CameraState claimed = new CameraState(
                0, Long.MIN_VALUE, 0, List.of(), 2, new FrameClaim("f1", 1, 0, Long.MAX_VALUE, Map.of("f2", 500L)));
        TrackMerge.Merged merged =
                TrackMerge.withFollowers(TrackMerge.merge(claimed, "f1", 0, 1, List.of(alice(0.5f)), GAP), "f1", GAP);

        assertThat(merged.state().claim()).isNull();
        assertThat(merged.state().claimRev()).isEqualTo(2);
        assertThat(merged.started()).hasSize(1);
        assertThat(merged.changed()).singleElement().satisfies(t -> {
            assertThat(t.lastSeen()).isEqualTo(500);
            assertThat(t.frames()).isEqualTo(2);
        });
        TrackMerge.Merged other = TrackMerge.merge(claimed, "f9", 0, 1, List.of(), GAP);
        assertThat(TrackMerge.withFollowers(other, "f9", GAP)).isSameAs(other);
    }

    private static FaceSeen alice(float x) {
        return new FaceSeen("alice", 99, x, 0.5f, List.of("staff"));
    }

    private static FaceSeen resemblingAlice(float x) {
        return new FaceSeen(null, "alice", 90, x, 0.5f, List.of());
    }

    private static FaceSeen stranger(float x, float y, float confidence) {
        return new FaceSeen(null, confidence, x, y, List.of());
    }
}
