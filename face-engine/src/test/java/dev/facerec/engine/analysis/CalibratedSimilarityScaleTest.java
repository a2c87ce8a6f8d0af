package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CalibratedSimilarityScaleTest {

    private final SimilarityScale scale = CalibratedSimilarityScale.DEFAULT;

    @Test
    void toPercent_shouldIncreaseStrictly_whenCosineIncreases() {
        float previous = -1;
        for (float cosine = -1f; cosine <= 1f; cosine += 0.01f) {
            float percent = scale.toPercent(cosine);
            assertThat(percent).isGreaterThan(previous).isBetween(0f, 100f);
            previous = percent;
        }
    }

    @Test
    void toPercent_shouldSpanZeroToHundred_whenCosineAtItsLimits() {
        assertThat(scale.toPercent(-1f)).isEqualTo(0f);
        assertThat(scale.toPercent(1f)).isEqualTo(100f);
        assertThat(scale.toPercent(1.0001f)).isEqualTo(100f);
    }

    @Test
    void toCosine_shouldInvertToPercent_whenRoundTripped() {
        for (float percent = 0; percent <= 100; percent += 2.5f) {
            assertThat(scale.toPercent(scale.toCosine(percent))).isCloseTo(percent, within(1e-3f));
        }
    }

    @Test
    void toCosine_shouldGiveThresholdInsideIdentityRange_whenDefaultThreshold() {
        float cosine = scale.toCosine(80);

        assertThat(cosine).isBetween(0.2f, 0.8f);
    }

    @Test
    void cosine_shouldBeTheDotProduct_whenUnitVectors() {
        float[] x = {1, 0, 0};
        float[] y = {0, 1, 0};
        float[] diagonal = {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5), 0};

        assertThat(SimilarityScale.cosine(x, x)).isEqualTo(1f);
        assertThat(SimilarityScale.cosine(x, y)).isZero();
        assertThat(SimilarityScale.cosine(x, diagonal)).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    }

    @Test
    @DisplayName("fails if the embeddings differ in length")
    void cosine_failsIfLengthsDiffer() {
        assertThatThrownBy(() -> SimilarityScale.cosine(new float[3], new float[4]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 and 4");
    }

    @Test
    @DisplayName("fails if the anchors do not increase")
    void constructor_failsIfAnchorsDecrease() {
        assertThatThrownBy(() -> new CalibratedSimilarityScale(
                        new float[] {-1f, 0.5f, 0.4f, 1f}, new float[] {0f, 50f, 60f, 100f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increase strictly");
    }

    @Test
    @DisplayName("fails if the anchors do not run from (-1, 0) to (1, 100)")
    void constructor_failsIfAnchorsDoNotSpanTheRange() {
        assertThatThrownBy(() -> new CalibratedSimilarityScale(new float[] {0f, 1f}, new float[] {0f, 100f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(-1, 0) to (1, 100)");
    }
}
