package dev.facerec.functions.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.enrollment.EnrollKey;
import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrollKeyTest {

    @Test
    void parse_shouldSplitPersonAndFile_whenKeyFollowsTheConvention() {
        EnrollKey key = EnrollKey.parse("enroll/ada.lovelace-1815:x_y/holiday 2024/me + you.jpg", "enroll/");

        assertThat(key.personId()).isEqualTo("ada.lovelace-1815:x_y");
        assertThat(key.file()).isEqualTo("holiday 2024/me + you.jpg");
    }

    @Test
    void parse_shouldAccept128CharacterPersonIds_whenAtTheLimit() {
        String id = "a".repeat(128);

        assertThat(EnrollKey.parse("enroll/" + id + "/p.jpg", "enroll/").personId())
                .isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "enroll/photo.jpg",
                "enroll/jos\u00e9/p.jpg",
                "enroll/a b/p.jpg",
                "enroll//p.jpg",
                "enroll/alice/",
                "enroll/alice/sub/",
                "enroll/a+b/p.jpg"
            })
    @DisplayName("fails if the key breaks the enrolment convention")
    void parse_failsIfKeyBreaksConvention(String key) {
        assertThatThrownBy(() -> EnrollKey.parse(key, "enroll/"))
                .isInstanceOfSatisfying(
                        RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_KEY));
    }

    @Test
    @DisplayName("fails if the person id is longer than 128 characters")
    void parse_failsIfPersonIdTooLong() {
        assertThatThrownBy(() -> EnrollKey.parse("enroll/" + "a".repeat(129) + "/p.jpg", "enroll/"))
                .isInstanceOf(RejectedException.class)
                .hasMessageContaining("1-128 characters");
    }
}
