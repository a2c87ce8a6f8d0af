package dev.facerec.twin.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierMatcherTest {

    private final IdentifierMatcher ann = new IdentifierMatcher("ann");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PERSON#ann",
                "enroll/ann/1.jpg",
                "enroll:ann:1.jpg",
                "{\"personId\":\"ann\"}",
                "consent/ann.json",
                "OBJECT#bucket/consent/ann.json"
            })
    void foundIn_shouldFindTheIdAsAWholeToken(String text) {
        assertThat(ann.foundIn(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna", "joanne", "enroll/anna/1.jpg", "consent/ann.jsonl", "ann.jpg", "x.ann", ""})
    void foundIn_shouldNotFindItInsideAnotherToken(String text) {
        assertThat(ann.foundIn(text)).isFalse();
    }

    @Test
    void constructor_shouldRefuseAnEmptyIdentifier() {
        assertThatThrownBy(() -> new IdentifierMatcher(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
