package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.sightings.SightingsLogConfig;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.EventPublisher;
import dev.facerec.functions.recognize.RecognizeFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.Face;

/**
 * Erasure of one person against the real local services (the twin's S3 server, DynamoDB Local, the face engine's server), the
 * person enrolled and recognised through the real handlers: nothing of the person is left, other people's results
 * stay, the receipt names nobody.
 */
class PersonErasureTest extends WithColorFaceEngine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FunctionConfig CONFIG = FunctionConfig.defaults(FunctionServices.TABLE);
    private static final SightingsLogConfig LOG = new SightingsLogConfig(FunctionServices.COLLECTION, 7);
    private static final Tenant SHARED = Tenant.shared(FunctionServices.COLLECTION);

    @Test
    void erase_shouldLeaveNoTrace_andRedactThePersonFromResultsNamingOthers() throws IOException {
        // GIVEN Zoe (two photos, a consent document) and Yann, both in a group photo recognised with the sightings
        // log on (the test server keeps one version per key: versions and delete markers are the twin's test's)
        enrol("enroll/zoe/a.jpg", FaceColor.MAGENTA);
        enrol("enroll/zoe/b.jpg", FaceColor.MAGENTA);
        enrol("enroll/yann/a.jpg", FaceColor.CYAN);
        services.upload("consent/zoe.json", "{\"personId\":\"zoe\"}".getBytes(), Map.of());
        Uploaded group = services.upload(
                "recognize/hall/group.png",
                SyntheticImages.png(600, 300, face(FaceColor.MAGENTA, 20, 60, 150), face(FaceColor.CYAN, 220, 60, 150)),
                Map.of());
        assertThat(created(recognition(), services.createdEvent(group, services.nextSequencer())))
                .isEqualTo("RECOGNIZED");
        assertThat(result()).contains("\"zoe\"", "\"yann\"");
        assertThat(rowsNaming("zoe")).isNotEmpty();

        // WHEN Zoe is erased
        ErasureReceipt receipt = erasure().erase(SHARED, "zoe", "arn:aws:iam::123456789012:user/dpo");

        // THEN the receipt counts what went, and names nobody
        assertThat(receipt.removed())
                .containsEntry("faces", 2L)
                .containsEntry("users", 1L)
                .containsEntry("photoVersions", 2L)
                .containsEntry("consentVersions", 1L)
                .containsEntry("resultsRedacted", 1L)
                .containsEntry("sightings", 1L);
        assertThat(new String(receipt.toJson())).doesNotContain("zoe").contains("arn:aws:iam::123456789012:user/dpo");
        assertThat(receipt.isAbout("zoe")).isTrue();
        // AND nothing of Zoe is left: collection, objects, rows
        assertThat(services.userIds()).doesNotContain("zoe").contains("yann");
        assertThat(services.objectVersionKeys("enroll/zoe/")).isEmpty();
        assertThat(services.objectVersionKeys("consent/zoe")).isEmpty();
        assertThat(rowsNaming("zoe")).isEmpty();
        // AND the result keeps Yann: one version, Zoe's face ERASED
        JsonNode result = JSON.readTree(result());
        assertThat(result.toString()).doesNotContain("zoe").contains("yann");
        assertThat(result.path("identifiedCount").asInt()).isEqualTo(1);
        assertThat(result.findValuesAsText("status")).contains("ERASED", "IDENTIFIED");
        assertThat(services.objectVersionKeys("results/hall/")).hasSize(1);
        // AND the sighting of Zoe left the day's collection; Yann's stayed
        List<Face> logged = services.rekognition()
                .listFaces(b -> b.collectionId("facerec-faces-log-20261123"))
                .faces();
        assertThat(logged).hasSize(1);
        assertThat(services.item(TableKeys.key(TableKeys.personPk("yann"), TableKeys.PROFILE)))
                .isNotEmpty();
    }

    @Test
    void receipts_shouldCheckAgainstTheIdAndSalt_andDifferAcrossReceipts() {
        // GIVEN two erasures of the same id
        ErasureReceipt first = erasure().erase(SHARED, "nobody-1", ErasureReceipt.RETENTION_SCHEDULE);
        ErasureReceipt second = erasure().erase(SHARED, "nobody-1", ErasureReceipt.CONSENT_WITHDRAWN);

        // THEN each checks against the id with its own salt, neither against another id, and they differ
        assertThat(first.isAbout("nobody-1")).isTrue();
        assertThat(second.isAbout("nobody-1")).isTrue();
        assertThat(first.isAbout("nobody-2")).isFalse();
        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first.subjectHash()).isNotEqualTo(second.subjectHash());
        assertThat(ErasureReceipt.hash(first.salt(), "nobody-1")).isEqualTo(first.subjectHash());
        // AND both are stored, expiring after the receipts' retention
        Map<String, AttributeValue> stored = services.item(second.key());
        assertThat(stored.get("requestedBy").s()).isEqualTo(ErasureReceipt.CONSENT_WITHDRAWN);
        assertThat(Long.parseLong(stored.get(TableKeys.TTL).n()))
                .isEqualTo(second.finishedAt().plus(ErasureReceipt.RETENTION).getEpochSecond());
    }

    @Test
    void erase_shouldWaitForAnEnrolmentUnderWay_andEraseWhatItWrote() throws Exception {
        // GIVEN an enrolment of Vera that has just indexed her face (it holds her lock), when the erasure starts
        ExecutorService other = Executors.newSingleThreadExecutor();
        AtomicReference<Future<ErasureReceipt>> erasing = new AtomicReference<>();
        services.faults().afterNext("IndexFaces", () -> {
            erasing.set(other.submit(() -> erasure().erase(SHARED, "vera", "test")));
            pause();
        });
        Uploaded photo = upload("enroll/vera/a.jpg", FaceColor.GREEN);

        // WHEN the enrolment finishes (INDEXED, rows written) and then the erasure
        assertThat(created(enrolment(), services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
        ErasureReceipt receipt = erasing.get().get();
        other.shutdown();

        // THEN the erasure removed what the enrolment wrote
        assertThat(receipt.removed()).containsEntry("faces", 1L).containsEntry("photoVersions", 1L);
        assertThat(services.userIds()).doesNotContain("vera");
        assertThat(rowsNaming("vera")).isEmpty();
        assertThat(services.objectVersionKeys("enroll/vera/")).isEmpty();
        // AND the removal event of the photo the erasure deleted, arriving late, writes nothing
        assertThat(invoke(
                                enrolment(),
                                "object-removed-template.json",
                                services.removedEvent(photo.key(), services.nextSequencer()))
                        .path("outcomes")
                        .get(0)
                        .asText())
                .isEqualTo("IGNORED");
        assertThat(rowsNaming("vera")).isEmpty();
    }

    @Test
    void retention_shouldEraseWhoseLastInteractionIsPast_atTheScheduledEventsTime() throws IOException {
        // GIVEN Otto, enrolled at the start of 2020, and Nina, enrolled at the end of 2022 (3 years' retention)
        Clock longAgo = Clock.fixed(Instant.parse("2020-01-15T10:00:00Z"), ZoneOffset.UTC);
        Clock later = Clock.fixed(Instant.parse("2022-12-20T10:00:00Z"), ZoneOffset.UTC);
        Uploaded otto = upload("enroll/otto/a.jpg", FaceColor.YELLOW);
        assertThat(created(new IndexFacesHandler(clients(), CONFIG, longAgo), event(otto)))
                .isEqualTo("INDEXED");
        Uploaded nina = upload("enroll/nina/a.jpg", FaceColor.BLUE);
        assertThat(created(new IndexFacesHandler(clients(), CONFIG, later), event(nina)))
                .isEqualTo("INDEXED");
        RetentionHandler retention = new RetentionHandler(
                clients(),
                Map.of(
                        "TABLE_NAME", FunctionServices.TABLE,
                        "BUCKET_NAME", FunctionServices.BUCKET,
                        "ENROLMENT_RETENTION_DAYS", "1095"),
                Clock.systemUTC());

        // WHEN the schedule runs at a time in 2023 (the scheduled event's time)
        Map<String, Object> run = retention.handleRequest(Map.of("time", "2023-02-01T03:00:00Z"), new TestContext());

        // THEN Otto, past the retention, is erased, with a receipt; Nina is kept
        assertThat(run).containsEntry("erased", 1L).containsEntry("complete", true);
        assertThat(rowsNaming("otto")).isEmpty();
        assertThat(services.objectVersionKeys("enroll/otto/")).isEmpty();
        assertThat(services.userIds()).doesNotContain("otto").contains("nina");
        assertThat(services.item(TableKeys.key(TableKeys.personPk("nina"), TableKeys.PROFILE)))
                .isNotEmpty();
        // AND a run at a time past Nina's retention erases her too, from where the last run left off
        Map<String, Object> next = retention.handleRequest(Map.of("time", "2026-01-01T03:00:00Z"), new TestContext());
        assertThat(next).containsEntry("erased", 1L);
        assertThat(rowsNaming("nina")).isEmpty();
        assertThat(services.dynamoDb().scanPaginator(b -> b.tableName(FunctionServices.TABLE)).items().stream()
                        .filter(row -> ErasureReceipt.RETENTION_SCHEDULE.equals(
                                row.getOrDefault("requestedBy", AttributeValue.fromS(""))
                                        .s()))
                        .count())
                .isEqualTo(2);
    }

    private static Map<String, Object> event(Uploaded photo) {
        return services.createdEvent(photo, services.nextSequencer());
    }

    private static PersonErasure erasure() {
        return new PersonErasure(
                clients(), CONFIG, FunctionServices.BUCKET, PersonErasure.DEFAULT_CONSENT_PREFIX, Clock.systemUTC());
    }

    private static IndexFacesHandler enrolment() {
        return new IndexFacesHandler(clients(), CONFIG, Clock.systemUTC());
    }

    private static RecognizeFacesHandler recognition() {
        return new RecognizeFacesHandler(clients(), CONFIG, Clock.systemUTC(), EventPublisher.NONE, LOG);
    }

    private static void enrol(String key, FaceColor color) throws IOException {
        Uploaded photo = upload(key, color);
        assertThat(created(enrolment(), services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
    }

    private static Uploaded upload(String key, FaceColor color) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), Map.of());
    }

    private static String result() {
        return services.s3()
                .getObjectAsBytes(b -> b.bucket(FunctionServices.BUCKET).key("results/hall/group.png.json"))
                .asUtf8String();
    }

    private static List<Map<String, AttributeValue>> rowsNaming(String personId) {
        return services.rowsNaming(personId);
    }

    private static AwsClients clients() {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }

    private static void pause() {
        try {
            // Long enough for the erasure to mark the person and wait for the lock the enrolment holds.
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
