package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.erasure.PersonErasure;
import dev.facerec.functions.core.tenant.Tenant;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.RunOnceAfter;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TestClients;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The one-call race between an enrolment event and the erasure of its person, forced deterministically: the event's
 * erasure-mark check passes, then (through an interceptor on the enrolment function's own DynamoDB client, right
 * after that read returns) the whole erasure runs, then the event claims its object. The claim's own condition on
 * the mark makes the event end IGNORED, logged once, with nothing written: no status row names the erased person's
 * photo or consent document afterwards. And the wider race of a consent document's event already past its claim when
 * the erasure starts: the event holds the person's lock and writes the record with its final change, so the erasure
 * waits for it and erases the record too.
 */
class ErasureRaceTest extends WithColorFaceEngine {

    private static final FunctionConfig CONFIG = FunctionConfig.defaults(FunctionServices.TABLE);
    private static final Tenant SHARED = Tenant.shared(FunctionServices.COLLECTION);

    /** Runs an erasure right after the next read of an erasure mark returns, once. */
    private final RunOnceAfter afterMarkCheck = new RunOnceAfter();

    private final DynamoDbClient intercepted = TestClients.dynamoDb(services.dynamoDbEndpoint(), afterMarkCheck);

    @AfterEach
    void closeClient() {
        intercepted.close();
    }

    @Test
    void photoEvent_thatPassedTheMarkCheck_isIgnoredAtItsClaim_whenTheErasureRanMeanwhile() throws IOException {
        // GIVEN Rae enrolled, and a second photo of hers uploaded, its event not handled yet
        Uploaded first = upload("enroll/rae/a.jpg");
        assertThat(outcome(enrolment(services.dynamoDb()), created(first), new TestContext()))
                .isEqualTo("INDEXED");
        Uploaded second = upload("enroll/rae/b.jpg");
        AtomicReference<ErasureReceipt> receipt = new AtomicReference<>();
        afterMarkCheck.arm(
                ErasureRaceTest::readsAnErasureMark, () -> receipt.set(erasure().erase(SHARED, "rae", "test")));

        // WHEN the second photo's event is handled, Rae's erasure running right after its mark check
        TestContext context = new TestContext();
        String outcome = outcome(enrolment(intercepted), created(second), context);

        // THEN the erasure ran (both photos), the event ended IGNORED at its claim, logged once without names
        assertThat(receipt.get().removed()).containsEntry("photoVersions", 2L);
        assertThat(outcome).isEqualTo("IGNORED");
        assertThat(context.lines()).hasSize(1);
        assertThat(context.lines().get(0))
                .contains("outcome=IGNORED", "reason=PERSON_ERASED")
                .doesNotContain("rae");
        // AND nothing names Rae: no status row of the photo (no STALE row), no face, no object
        assertThat(rowsNaming("rae")).isEmpty();
        assertThat(services.userIds()).doesNotContain("rae");
        assertThat(services.objectVersionKeys("enroll/rae/")).isEmpty();
    }

    @Test
    void consentDocumentEvent_thatPassedTheMarkCheck_isIgnoredAtItsClaim_whenTheErasureRanMeanwhile()
            throws IOException {
        // GIVEN Sol's consent document recorded, and a new version of it uploaded, its event not handled yet
        assertThat(outcome(enrolment(services.dynamoDb()), created(consentDocument("1")), new TestContext()))
                .isEqualTo("RECORDED");
        Uploaded document = consentDocument("2");
        afterMarkCheck.arm(ErasureRaceTest::readsAnErasureMark, () -> erasure().erase(SHARED, "sol", "test"));

        // WHEN the document's event is handled, Sol's erasure running right after its mark check
        TestContext context = new TestContext();
        String outcome = outcome(enrolment(intercepted), created(document), context);

        // THEN the event ended IGNORED, logged once, and neither a status row (of either version) nor a consent
        // record names Sol
        assertThat(outcome).isEqualTo("IGNORED");
        assertThat(context.lines()).singleElement().asString().contains("reason=PERSON_ERASED");
        assertThat(rowsNaming("sol")).isEmpty();
        assertThat(services.objectVersionKeys("consent/sol")).isEmpty();
    }

    @Test
    void consentDocumentEvent_underWayWhenTheErasureStarts_leavesNoRecord() throws Exception {
        // GIVEN Tia's consent document, and her erasure starting right after the enrolment function has read it
        Uploaded document = consentDocument("tia", "1");
        ExecutorService other = Executors.newSingleThreadExecutor();
        AtomicReference<Future<ErasureReceipt>> erasing = new AtomicReference<>();
        RunOnceAfter afterRead = new RunOnceAfter();
        afterRead.arm(
                request ->
                        request instanceof GetObjectRequest read && read.key().equals(document.key()),
                () -> {
                    erasing.set(other.submit(() -> erasure().erase(SHARED, "tia", "test")));
                    pause();
                });
        S3Client reading = TestClients.s3(services.s3Endpoint(), afterRead);

        // WHEN the document's event is handled
        IndexFacesHandler enrolment = new IndexFacesHandler(
                new AwsClients(reading, services.dynamoDb(), services.rekognition()),
                CONFIG,
                ConsentSettings.NOT_REQUIRED,
                Clock.systemUTC());
        String outcome = outcome(enrolment, created(document), new TestContext());
        ErasureReceipt receipt = erasing.get().get(30, TimeUnit.SECONDS);
        other.shutdown();
        reading.close();

        // THEN the erasure waited for the document's event (which holds Tia's lock), then erased its record too:
        // nothing names Tia
        assertThat(outcome).isEqualTo("RECORDED");
        assertThat(receipt.removed()).containsEntry("consentVersions", 1L);
        assertThat(rowsNaming("tia")).isEmpty();
        assertThat(services.objectVersionKeys("consent/tia")).isEmpty();
    }

    private static void pause() {
        try {
            // Long enough for the erasure to mark the person and, unless the document's event holds the person's
            // lock, to erase everything before the event writes what it read.
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Uploaded consentDocument(String policyVersion) {
        return consentDocument("sol", policyVersion);
    }

    private static Uploaded consentDocument(String person, String policyVersion) {
        return services.upload(
                "consent/" + person + ".json",
                ("{\"consentedBy\": \"subject\", \"purpose\": \"door\", \"policyVersion\": \"" + policyVersion + "\"}")
                        .getBytes(StandardCharsets.UTF_8),
                Map.of());
    }

    private static String outcome(IndexFacesHandler handler, Map<String, Object> event, TestContext context)
            throws IOException {
        JsonNode answer = invoke(handler, "object-created-template.json", event, context);
        return answer.path("outcomes").get(0).asText();
    }

    private static Map<String, Object> created(Uploaded object) {
        return services.createdEvent(object, services.nextSequencer());
    }

    private static IndexFacesHandler enrolment(DynamoDbClient dynamoDb) {
        return new IndexFacesHandler(
                new AwsClients(services.s3(), dynamoDb, services.rekognition()),
                CONFIG,
                ConsentSettings.NOT_REQUIRED,
                Clock.systemUTC());
    }

    private static PersonErasure erasure() {
        return new PersonErasure(
                new AwsClients(services.s3(), services.dynamoDb(), services.rekognition()),
                CONFIG,
                FunctionServices.BUCKET,
                PersonErasure.DEFAULT_CONSENT_PREFIX,
                Clock.systemUTC());
    }

    private static Uploaded upload(String key) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 70, 60, 160)), Map.of());
    }

    /** Rows holding the id anywhere in their keys or values, as a word of its own (e.g. in {@code consent/sol.json}). */
    private static List<Map<String, AttributeValue>> rowsNaming(String personId) {
        Pattern word = Pattern.compile("\\b" + Pattern.quote(personId) + "\\b");
        return services.dynamoDb().scanPaginator(b -> b.tableName(FunctionServices.TABLE)).items().stream()
                .filter(row -> word.matcher(row.toString()).find())
                .toList();
    }

    private static boolean readsAnErasureMark(SdkRequest request) {
        return request instanceof GetItemRequest read
                && read.key().get("pk").s().startsWith("ERASED_PERSON#");
    }
}
