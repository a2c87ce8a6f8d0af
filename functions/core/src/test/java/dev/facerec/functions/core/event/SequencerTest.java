package dev.facerec.functions.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SequencerTest {

    @Test
    void compare_shouldOrderByRightPaddedValue_whenLengthsDiffer() {
        // GIVEN two sequencers of one key of different lengths: padded, the shorter one is "...9028000"
        String shorter = "0055AED6DCD9028";
        String longer = "0055AED6DCD90281E5";

        // WHEN / THEN the longer one is the later event, as after right-padding with zeros
        assertThat(Sequencer.compare(longer, shorter)).isPositive();
        assertThat(Sequencer.compare(shorter, longer)).isNegative();
        assertThat(Sequencer.compare("0055AED6DCD90281E5", "0055AED6DCD90281E6"))
                .isNegative();
        assertThat(Sequencer.compare("00ab", "00AB")).isZero();
    }

    @Test
    void normalize_shouldGiveStringsThatCompareLikeSequencers_whenStoredInTheTable() {
        assertThat(Sequencer.normalize("0055AED6DCD90281E5")).hasSize(Sequencer.WIDTH);
        assertThat(Sequencer.normalize(null)).isEmpty();
        assertThat(Sequencer.normalize("00A").compareTo(Sequencer.normalize("009FFFF")))
                .isPositive();
    }

    @Test
    @DisplayName("fails if a sequencer is not hexadecimal")
    void normalize_failsIfNotHex() {
        assertThatThrownBy(() -> Sequencer.normalize("00XY")).hasMessageContaining("hexadecimal");
    }
}
