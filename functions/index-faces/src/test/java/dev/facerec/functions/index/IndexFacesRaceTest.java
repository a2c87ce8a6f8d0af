package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.personRow;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.enrollment.PersonLocks;
import dev.facerec.functions.core.status.ObjectBusyException;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Enrolment and removal of the same person's photos at the same time: the removal is made to run at the worst
 * moment of the enrolment (its face associated to the person's user, its rows not yet written), through the
 * Rekognition server's interleaving hook ({@code FaultInjector.afterNext}).
 */
class IndexFacesRaceTest extends WithColorFaceEngine {

    private static final Tenant SHARED = Tenant.shared(FunctionServices.COLLECTION);

    private final IndexFacesHandler enrolling = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
    private final IndexFacesHandler removing = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopOtherInvocation() {
        other.shutdownNow();
    }

    @Test
    void handleRequest_shouldKeepTheNewFaceFindable_whenThePersonsLastPhotoIsDeletedDuringAnEnrolment()
            throws Exception {
        // GIVEN a person enrolled from one photo, which is then deleted
        Uploaded old = upload("enroll/racing/old.jpg");
        assertThat(created(enrolling, services.createdEvent(old, services.nextSequencer())))
                .isEqualTo("INDEXED");
        services.s3().deleteObject(b -> b.bucket(FunctionServices.BUCKET).key(old.key()));
        Map<String, Object> removal = services.removedEvent(old.key(), services.nextSequencer());

        // AND the removal of that photo runs right after a new photo's face is associated to the person's user (given
        // two seconds to finish there; with the person locked it waits for the enrolment instead)
        AtomicReference<Future<JsonNode>> removed = new AtomicReference<>();
        services.faults().afterNext("AssociateFaces", () -> {
            removed.set(other.submit(() -> invoke(removing, "object-removed-template.json", removal)));
            try {
                removed.get().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException waitingForTheEnrolment) {
                // The enrolment goes on; the removal finishes after it.
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // WHEN the new photo is enrolled
        Uploaded fresh = upload("enroll/racing/new.jpg");
        String enrolled = created(enrolling, services.createdEvent(fresh, services.nextSequencer()));
        JsonNode removalOutput = removed.get().get(30, TimeUnit.SECONDS);

        // THEN both end normally
        assertThat(enrolled).isEqualTo("INDEXED");
        assertThat(removalOutput.path("outcomes").get(0).asText()).isEqualTo("REMOVED");
        // AND the new face is the person's one face, still associated to the person's user
        String newFace = AttributeValues.set(statusRow(services, fresh.key()), "indexedFaceIds")
                .get(0);
        assertThat(services.userIds()).contains("racing");
        assertThat(services.userFaceIds("racing")).containsExactly(newFace);
        assertThat(faceRows(services, "racing"))
                .extracting(row -> AttributeValues.str(row, "faceId"))
                .containsExactly(newFace);
        assertThat(AttributeValues.num(personRow(services, "racing"), "faceCount", -1))
                .isEqualTo(1);
        // AND the person's lock was given back
        assertThat(lockItem("racing")).isEmpty();
    }

    @Test
    void acquire_shouldWaitForTheHolderThenGiveUpRetryably_whenThePersonStaysLocked() {
        PersonLocks locks =
                new PersonLocks(services.dynamoDb(), FunctionServices.TABLE, Clock.systemUTC(), Duration.ofMillis(300));
        PersonLocks.Held held = locks.acquire(SHARED, "locked", Duration.ofMinutes(1));

        long start = System.nanoTime();
        assertThatThrownBy(() -> locks.acquire(SHARED, "locked", Duration.ofMinutes(1)))
                .isInstanceOf(ObjectBusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        locks.releaseQuietly(held);
        assertThat(lockItem("locked")).isEmpty();
        locks.releaseQuietly(locks.acquire(SHARED, "locked", Duration.ofMinutes(1)));
    }

    @Test
    void acquire_shouldTakeTheLockOver_whenItsHoldersLeaseRanOut() throws InterruptedException {
        PersonLocks locks =
                new PersonLocks(services.dynamoDb(), FunctionServices.TABLE, Clock.systemUTC(), Duration.ofMillis(300));
        PersonLocks.Held dead = locks.acquire(SHARED, "abandoned", Duration.ZERO);
        Thread.sleep(5);

        PersonLocks.Held next = locks.acquire(SHARED, "abandoned", Duration.ofMinutes(1));

        assertThat(AttributeValues.str(lockItem("abandoned"), "lockId"))
                .isEqualTo(next.lockId())
                .isNotEqualTo(dead.lockId());
        locks.releaseQuietly(dead);
        assertThat(AttributeValues.str(lockItem("abandoned"), "lockId")).isEqualTo(next.lockId());
        locks.releaseQuietly(next);
    }

    private static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> lockItem(String person) {
        return services.item(TableKeys.key(TableKeys.personPk(person), PersonLocks.SK));
    }

    private static Uploaded upload(String key) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 60, 60, 150)), Map.of());
    }
}
