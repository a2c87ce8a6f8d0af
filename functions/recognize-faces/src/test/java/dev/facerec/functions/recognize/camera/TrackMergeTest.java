package dev.facerec.functions.recognize.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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

    private static FaceSeen alice(float x) {
        return new FaceSeen("alice", 99, x, 0.5f, List.of("staff"));
    }

    private static FaceSeen stranger(float x, float y, float confidence) {
        return new FaceSeen(null, confidence, x, y, List.of());
    }
}
