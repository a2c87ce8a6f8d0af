package dev.facerec.functions.index;

import static dev.facerec.functions.index.IndexFixture.clients;
import static dev.facerec.functions.index.IndexFixture.config;
import static dev.facerec.functions.index.IndexFixture.faceRows;
import static dev.facerec.functions.index.IndexFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.consent.ConsentSettings;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Consent before enrolment: a photo of a person without valid consent is deleted with all its versions and ends
 * NO_CONSENT; consent documents become records, or REJECTED rows with the reason; a document not yet processed still
 * counts (events of different keys come in any order); with consent not required, enrolment is as before.
 */
class IndexFacesConsentTest extends WithColorFaceEngine {

    private static final String VALID =
            "{\"consentedBy\": \"subject\", \"purpose\": \"door access\", \"policyVersion\": \"2026-12\"}";

    private final IndexFacesHandler handler =
            new IndexFacesHandler(clients(services), config(), ConsentSettings.REQUIRED, Clock.systemUTC());

    @Test
    void photo_withoutConsent_isDeletedWithItsVersions_andRejectedNoConsent() throws IOException {
        // GIVEN two versions of a photo of a person nobody recorded consent for
        byte[] photo = SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 50, 50, 150));
        services.upload("enroll/n1/face.jpg", photo, Map.of());
        Uploaded upload = services.upload("enroll/n1/face.jpg", photo, Map.of());
        List<String> facesBefore = services.collectionFaceIds();

        // WHEN its event is handled, then the removal events of its deletion
        String outcome = created(handler, services.createdEvent(upload, services.nextSequencer()));
        removed("enroll/n1/face.jpg");

        // THEN it is REJECTED NO_CONSENT, no version of it is left, nothing was indexed, and the row expires
        Map<String, AttributeValue> row = statusRow(services, upload.key());
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(row, "status")).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(row, "reason")).isEqualTo("NO_CONSENT");
        assertThat(row).containsKey(TableKeys.TTL);
        assertThat(services.s3()
                        .listObjectVersions(
                                b -> b.bucket(FunctionServices.BUCKET).prefix("enroll/n1/"))
                        .versions())
                .isEmpty();
        assertThat(services.collectionFaceIds()).containsExactlyInAnyOrderElementsOf(facesBefore);
        assertThat(services.faults().calls("IndexFaces")).isZero();
    }

    @Test
    void removalEvent_thatTakesOverTheDeletingInvocation_keepsTheRejection() throws IOException {
        // GIVEN the row as an invocation leaves it while it deletes a photo for want of consent: still processing,
        // under a live lease, marked
        String key = "enroll/n2/face.jpg";
        Map<String, AttributeValue> row = new HashMap<>(TableKeys.statusKey(FunctionServices.BUCKET, key));
        row.put("status", AttributeValues.s("PROCESSING"));
        row.put("seq", AttributeValues.s("0000000000000000001"));
        row.put("content", AttributeValues.s("-"));
        row.put("leaseId", AttributeValues.s("the-deleting-invocation"));
        row.put("leaseUntil", AttributeValues.n(System.currentTimeMillis() + 60_000));
        row.put(EnrolmentConsent.NO_CONSENT_MARK, AttributeValues.s("true"));
        services.dynamoDb().putItem(b -> b.tableName(FunctionServices.TABLE).item(row));

        // WHEN the deletion's removal event comes before that invocation has finished (a newer event takes over)
        removed(key);

        // THEN the row ends REJECTED NO_CONSENT, not REMOVED
        Map<String, AttributeValue> status = statusRow(services, key);
        assertThat(AttributeValues.str(status, "status")).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(status, "reason")).isEqualTo("NO_CONSENT");
    }

    @Test
    void consentDocument_isRecorded_andLetsThePersonEnrol() throws IOException {
        // GIVEN a valid consent document, processed
        Uploaded document = services.upload("consent/c1.json", VALID.getBytes(StandardCharsets.UTF_8), Map.of());
        String recorded = created(handler, services.createdEvent(document, services.nextSequencer()));

        // WHEN a photo of the person is enrolled
        Uploaded photo = services.upload(
                "enroll/c1/face.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.BLUE, 50, 50, 150)), Map.of());
        String indexed = created(handler, services.createdEvent(photo, services.nextSequencer()));

        // THEN the record holds what the document said, and the photo is indexed
        Map<String, AttributeValue> consent = services.item(TableKeys.key(TableKeys.personPk("c1"), "CONSENT"));
        assertThat(recorded).isEqualTo("RECORDED");
        assertThat(AttributeValues.str(consent, "purpose")).isEqualTo("door access");
        assertThat(AttributeValues.str(consent, "capture")).isEqualTo("DOCUMENT");
        assertThat(indexed).isEqualTo("INDEXED");
        assertThat(faceRows(services, "c1")).hasSize(1);
    }

    @Test
    void photo_whoseConsentDocumentIsNotProcessedYet_isIndexed() throws IOException {
        // GIVEN a consent document uploaded, its event not handled yet (S3 does not order events across keys)
        services.upload("consent/c2.json", VALID.getBytes(StandardCharsets.UTF_8), Map.of());

        // WHEN the photo's event comes first
        Uploaded photo = services.upload(
                "enroll/c2/face.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.GREEN, 50, 50, 150)), Map.of());
        String outcome = created(handler, services.createdEvent(photo, services.nextSequencer()));

        // THEN the document was read and recorded there and then
        assertThat(outcome).isEqualTo("INDEXED");
        assertThat(services.item(TableKeys.key(TableKeys.personPk("c2"), "CONSENT")))
                .isNotEmpty();
    }

    @Test
    void badConsentDocument_isRejectedWithTheReason_andWritesNoRecord() throws IOException {
        Uploaded document = services.upload(
                "consent/c3.json",
                "{\"consentedBy\": \"operator\", \"purpose\": \"x\", \"policyVersion\": \"1\"}"
                        .getBytes(StandardCharsets.UTF_8),
                Map.of());

        String outcome = created(handler, services.createdEvent(document, services.nextSequencer()));

        Map<String, AttributeValue> row = statusRow(services, document.key());
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(row, "reason")).isEqualTo("INVALID_CONSENT");
        assertThat(AttributeValues.str(row, "errorCode")).isEqualTo("INVALID_OPERATOR_ID");
        assertThat(AttributeValues.str(row, "detail")).contains("operatorId");
        assertThat(services.item(TableKeys.key(TableKeys.personPk("c3"), "CONSENT")))
                .isEmpty();
    }

    @Test
    void photo_whoseConsentExpired_isRejectedNoConsent() throws IOException {
        // GIVEN consent recorded until a moment that has passed by the time the photo arrives
        Instant recordedAt = Instant.parse("2026-01-01T00:00:00Z");
        IndexFacesHandler then = new IndexFacesHandler(
                clients(services), config(), ConsentSettings.REQUIRED, Clock.fixed(recordedAt, ZoneOffset.UTC));
        Uploaded document = services.upload(
                "consent/c4.json",
                ("{\"consentedBy\": \"subject\", \"purpose\": \"door\", \"policyVersion\": \"1\","
                                + " \"consentedAt\": \"2025-12-31T00:00:00Z\", \"expiresAt\": \"2026-06-01T00:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(created(then, services.createdEvent(document, services.nextSequencer())))
                .isEqualTo("RECORDED");

        // WHEN a photo arrives today
        Uploaded photo = services.upload(
                "enroll/c4/face.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.RED, 50, 50, 150)), Map.of());
        String outcome = created(handler, services.createdEvent(photo, services.nextSequencer()));

        // THEN
        assertThat(outcome).isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "reason"))
                .isEqualTo("NO_CONSENT");
    }

    @Test
    void withConsentNotRequired_aPhotoWithoutConsentIsIndexed() throws IOException {
        IndexFacesHandler open = new IndexFacesHandler(clients(services), config(), Clock.systemUTC());
        Uploaded photo = services.upload(
                "enroll/o1/face.jpg", SyntheticImages.jpeg(300, 300, face(FaceColor.BLUE, 50, 50, 150)), Map.of());

        assertThat(created(open, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("INDEXED");
    }

    private void removed(String key) throws IOException {
        invoke(handler, "object-removed-template.json", services.removedEvent(key, services.nextSequencer()));
    }
}
