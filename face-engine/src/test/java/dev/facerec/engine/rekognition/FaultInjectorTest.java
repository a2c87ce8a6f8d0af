package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Random faults: the rate, the mix of types, repeatable by seed, queued faults first. */
class FaultInjectorTest {

    private static final List<ErrorType> TYPES = List.of(ErrorType.THROTTLING, ErrorType.INTERNAL_SERVER_ERROR);

    @Test
    void failRandomly_shouldFailAboutTheRateOfCalls_withEachType() {
        // GIVEN
        FaultInjector faults = new FaultInjector();
        faults.failRandomly("IndexFaces", 0.3, TYPES, 42);

        // WHEN
        List<String> answered = draws(faults, "IndexFaces", 10_000);

        // THEN
        long failed = answered.stream().filter(type -> !type.isEmpty()).count();
        assertThat(failed).isBetween(2_700L, 3_300L);
        assertThat(faults.faulted("IndexFaces")).isEqualTo((int) failed);
        assertThat(answered).contains("ThrottlingException", "InternalServerError");
        assertThat(draws(faults, "DetectFaces", 100)).allMatch(String::isEmpty);
    }

    @Test
    void failRandomly_shouldRepeatTheSameDraws_forTheSameSeed() {
        FaultInjector first = new FaultInjector();
        FaultInjector second = new FaultInjector();
        first.failRandomly(FaultInjector.ANY, 0.5, TYPES, 7);
        second.failRandomly(FaultInjector.ANY, 0.5, TYPES, 7);

        assertThat(draws(first, "SearchUsersByImage", 200)).isEqualTo(draws(second, "SearchUsersByImage", 200));
    }

    @Test
    void failNext_shouldComeFirst_andClearShouldStopRandomFaults() {
        // GIVEN
        FaultInjector faults = new FaultInjector();
        faults.failRandomly("IndexFaces", 1.0, List.of(ErrorType.THROTTLING), 1);
        faults.failNext("IndexFaces", 1, ErrorType.ACCESS_DENIED);

        // THEN
        assertThat(draws(faults, "IndexFaces", 2)).containsExactly("AccessDeniedException", "ThrottlingException");
        faults.clear();
        assertThat(draws(faults, "IndexFaces", 10)).allMatch(String::isEmpty);
        assertThat(faults.faulted("IndexFaces")).isZero();
    }

    @Test
    void failRandomly_shouldRefuseARateOutsideZeroToOne() {
        FaultInjector faults = new FaultInjector();
        assertThatThrownBy(() -> faults.failRandomly("IndexFaces", 1.5, TYPES, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be in (0, 1], got 1.5");
        assertThatThrownBy(() -> faults.failRandomly("IndexFaces", 0.5, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("types must name at least one error type");
    }

    /** The error type each of {@code count} calls is answered with, {@code ""} for none. */
    private static List<String> draws(FaultInjector faults, String operation, int count) {
        List<String> answered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<FaultInjector.Fault> fault = faults.onCall(operation);
            answered.add(fault.map(FaultInjector.Fault::errorType).orElse(""));
        }
        return answered;
    }
}
