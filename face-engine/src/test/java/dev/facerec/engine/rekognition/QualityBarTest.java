package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.engine.analysis.DetectedFace;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** QualityFilter's bars: each measure below a bar gives its own UnindexedFaces reason. */
class QualityBarTest {

    /** A face 200 px tall in a 1920 × 1080 photo, frontal, sharp, bright and surely detected. */
    private static DetectedFace face(
            float confidence, float brightness, float sharpness, float yaw, float pitch, float heightPixels) {
        float height = heightPixels / 1080f;
        return new DetectedFace(
                new DetectedFace.Box(0.4f, 0.3f, height * 1080f / 1920f, height),
                confidence,
                List.of(),
                new DetectedFace.Pose(0, yaw, pitch),
                new DetectedFace.Quality(brightness, sharpness),
                null,
                null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "LOW_CONFIDENCE,     60, 50, 50,  0,  0, 200",
        "LOW_BRIGHTNESS,     99,  5, 50,  0,  0, 200",
        "LOW_SHARPNESS,      99, 50,  2,  0,  0, 200",
        "EXTREME_POSE,       99, 50, 50, 85,  0, 200",
        "EXTREME_POSE,       99, 50, 50,  0, 65, 200",
        "SMALL_BOUNDING_BOX, 99, 50, 50,  0,  0,  30"
    })
    void reasons_shouldNameTheMeasureUnderTheBar_whenOneFailsLow(
            String reason, float confidence, float brightness, float sharpness, float yaw, float pitch, float pixels) {
        DetectedFace failing = face(confidence, brightness, sharpness, yaw, pitch, pixels);

        assertThat(QualityBar.LOW.reasons(failing, 1920, 1080)).containsExactly(reason);
        assertThat(QualityBar.AUTO.reasons(failing, 1920, 1080)).containsExactly(reason);
        assertThat(QualityBar.NONE.reasons(failing, 1920, 1080)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(QualityBar.class)
    void reasons_shouldBeEmpty_whenTheFaceIsGoodForEveryBar(QualityBar bar) {
        assertThat(bar.reasons(face(99, 50, 60, 10, 5, 200), 1920, 1080)).isEmpty();
    }

    @ParameterizedTest(name = "yaw {0}: LOW {1}, MEDIUM {2}, HIGH {3}")
    @CsvSource({"40, true, true, true", "50, true, true, false", "70, true, false, false", "85, false, false, false"})
    void reasons_shouldTightenFromLowToHigh_whenTheHeadTurns(float yaw, boolean low, boolean medium, boolean high) {
        DetectedFace turned = face(99, 50, 60, yaw, 0, 200);

        assertThat(QualityBar.LOW.reasons(turned, 1920, 1080).isEmpty()).isEqualTo(low);
        assertThat(QualityBar.MEDIUM.reasons(turned, 1920, 1080).isEmpty()).isEqualTo(medium);
        assertThat(QualityBar.HIGH.reasons(turned, 1920, 1080).isEmpty()).isEqualTo(high);
    }
}
