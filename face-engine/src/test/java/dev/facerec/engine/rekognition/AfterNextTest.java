package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.User;

/** {@link FaultInjector#afterNext}: code run between a call's effect and its answer, once, through the real SDK. */
class AfterNextTest {

    private static ServerFixture fixture;
    private static RekognitionServer server;
    private static RekognitionClient rekognition;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(settings -> settings, RetryMode.STANDARD);
        server = fixture.server;
        rekognition = fixture.client;
        rekognition.createCollection(r -> r.collectionId("after-next"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @AfterEach
    void clearFaults() {
        server.faults().clear();
    }

    @Test
    void afterNext_shouldRunAfterTheEffectAndBeforeTheAnswer_whenTheOperationIsCalled() {
        // GIVEN an action on the next CreateUser that looks at the collection through another call
        AtomicBoolean answered = new AtomicBoolean();
        List<String> seen = new CopyOnWriteArrayList<>();
        server.faults().afterNext("CreateUser", () -> {
            seen.add("answered before the action: " + answered.get());
            rekognition.listUsers(r -> r.collectionId("after-next")).users().stream()
                    .map(User::userId)
                    .forEach(seen::add);
        });

        // WHEN a user is created
        rekognition.createUser(r -> r.collectionId("after-next").userId("ada"));
        answered.set(true);

        // THEN the action ran once, while the caller waited, and saw the user already created
        assertThat(seen).containsExactly("answered before the action: false", "ada");
        assertThat(server.faults().calls("ListUsers")).isEqualTo(1);
    }

    @Test
    void afterNext_shouldRunOnceAndLeaveTheAnswer_whenTheCallFailsOrTheActionThrows() {
        // GIVEN the next CreateCollection denied, and two actions queued for it: one counts, one throws
        AtomicInteger runs = new AtomicInteger();
        server.faults().failNext("CreateCollection", 1, ErrorType.ACCESS_DENIED);
        server.faults().afterNext("CreateCollection", runs::incrementAndGet);
        server.faults().afterNext("CreateCollection", () -> {
            throw new IllegalStateException("an action that fails");
        });

        // WHEN the collection is created three times
        assertThatThrownBy(() -> rekognition.createCollection(r -> r.collectionId("denied")))
                .isInstanceOf(AccessDeniedException.class);
        rekognition.createCollection(r -> r.collectionId("created"));
        rekognition.createCollection(r -> r.collectionId("created-again"));

        // THEN the first action ran after the injected fault only, and the failing one changed no answer
        assertThat(runs).hasValue(1);
        assertThat(rekognition.listCollections(r -> {}).collectionIds())
                .contains("created", "created-again")
                .doesNotContain("denied");
    }

    @Test
    void clear_shouldForgetPendingActions_whenCalledBeforeTheOperation() {
        // GIVEN an action for any operation, then cleared
        AtomicInteger runs = new AtomicInteger();
        server.faults().afterNext(FaultInjector.ANY, runs::incrementAndGet);
        server.faults().clear();

        // WHEN
        rekognition.describeCollection(r -> r.collectionId("after-next"));

        // THEN
        assertThat(runs).hasValue(0);
        assertThatThrownBy(() -> server.faults().afterNext("DescribeCollection", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("action must not be null");
    }
}
