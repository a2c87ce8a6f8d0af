package dev.facerec.functions.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    @Test
    void fromEnvironment_shouldApplyTheDocumentedDefaults_whenOnlyTheTableIsSet() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of("TABLE_NAME", "faces"));

        assertThat(config)
                .isEqualTo(new FunctionConfig(
                        "faces", "facerec-faces", 80f, "enroll/", "recognize/", "results/", 30, false));
    }

    @Test
    void fromEnvironment_shouldReadEveryVariable_whenAllAreSet() {
        FunctionConfig config = FunctionConfig.fromEnvironment(Map.of(
                "TABLE_NAME",
                "t",
                "COLLECTION_ID",
                "c",
                "FACE_MATCH_THRESHOLD",
                "92.5",
                "ENROLL_PREFIX",
                "in/people/",
                "RECOGNIZE_PREFIX",
                "in/photos/",
                "RESULTS_PREFIX",
                "out/",
                "RESULT_TTL_DAYS",
                "7"));

        assertThat(config).isEqualTo(new FunctionConfig("t", "c", 92.5f, "in/people/", "in/photos/", "out/", 7, false));
    }

    @Test
    @DisplayName("fails if TABLE_NAME is missing")
    void fromEnvironment_failsIfNoTable() {
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(Map.of()))
                .hasMessage("TABLE_NAME must be set to a non-empty value");
    }

    @Test
    @DisplayName("fails if the results prefix is under a triggering prefix")
    void fromEnvironment_failsIfResultsWouldTrigger() {
        assertThatThrownBy(() -> FunctionConfig.fromEnvironment(
                        Map.of("TABLE_NAME", "t", "RESULTS_PREFIX", "recognize/results/")))
                .hasMessageContaining("RESULTS_PREFIX 'recognize/results/' overlaps a prefix that triggers a function");
    }

    @Test
    @DisplayName("fails if the threshold is not a percentage")
    void fromEnvironment_failsIfThresholdOutOfRange() {
        assertThatThrownBy(
                        () -> FunctionConfig.fromEnvironment(Map.of("TABLE_NAME", "t", "FACE_MATCH_THRESHOLD", "101")))
                .hasMessage("FACE_MATCH_THRESHOLD must be a percentage between 0 and 100, got 101.0");
        assertThatThrownBy(
                        () -> FunctionConfig.fromEnvironment(Map.of("TABLE_NAME", "t", "FACE_MATCH_THRESHOLD", "high")))
                .hasMessage("FACE_MATCH_THRESHOLD must be a number, got 'high'");
    }
}
