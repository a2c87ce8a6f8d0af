package dev.facerec.functions.recognize;

import static dev.facerec.functions.recognize.RecognizeFixture.clients;
import static dev.facerec.functions.recognize.RecognizeFixture.statusRow;
import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A collection per tenant, through both handlers against the real local services: the tenant's collection is made
 * by its first enrolment, its rows carry the tenant, and a recognition sees only the tenant's own people.
 */
class TenantCollectionsHandlerTest extends WithColorFaceEngine {

    private static final String PREFIX = "tagging";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FunctionConfig PER_TENANT = FunctionConfig.fromEnvironment(
            Map.of("TABLE_NAME", FunctionServices.TABLE, "COLLECTION_ID", PREFIX, "COLLECTION_MODE", "PER_TENANT"));

    private final IndexFacesHandler enrolment = new IndexFacesHandler(clients(services), PER_TENANT, Clock.systemUTC());
    private final RecognizeFacesHandler recognition =
            new RecognizeFacesHandler(clients(services), PER_TENANT, Clock.systemUTC());

    @Test
    void enrolment_shouldCreateTheTenantsCollection_andScopeItsRowsToTheTenant() throws IOException {
        // WHEN the first photo of tenant t1 is enrolled
        String outcome = enrol("enroll/t1/friend/portrait.jpg", FaceColor.GREEN);

        // THEN t1's collection exists with the face, and the rows are t1's
        assertThat(outcome).isEqualTo("INDEXED");
        assertThat(services.rekognition().listCollections().collectionIds()).contains(PREFIX + "-t1");
        assertThat(services.rekognition()
                        .listFaces(b -> b.collectionId(PREFIX + "-t1"))
                        .faces())
                .hasSize(1);
        Map<String, AttributeValue> person =
                services.item(TableKeys.key(TableKeys.personPk("t1/friend"), TableKeys.PROFILE));
        assertThat(AttributeValues.str(person, "tenant")).isEqualTo("t1");
        assertThat(AttributeValues.str(person, TableKeys.GSI1_PK)).isEqualTo("PEOPLE#t1");
        assertThat(AttributeValues.str(statusRow(services, "enroll/t1/friend/portrait.jpg"), "tenant"))
                .isEqualTo("t1");
    }

    @Test
    void recognition_shouldNameOnlyTheTenantsPeople_whenTheSameFaceIsEnrolledInTwoTenants() throws IOException {
        // GIVEN the same face enrolled as different people in two tenants
        enrol("enroll/t2/mine/portrait.jpg", FaceColor.RED);
        enrol("enroll/t3/theirs/portrait.jpg", FaceColor.RED);

        // WHEN a photo of that face is recognised in each tenant
        JsonNode inT2 = recognise("recognize/t2/party.jpg");
        JsonNode inT3 = recognise("recognize/t3/party.jpg");

        // THEN each names its own person, and the result lies under the tenant
        assertThat(personIds(inT2)).containsExactly("mine");
        assertThat(personIds(inT3)).containsExactly("theirs");
    }

    @Test
    void recognition_shouldFindNoOne_andCreateNoCollection_forATenantWithoutEnrolments() throws IOException {
        JsonNode result = recognise("recognize/newcomer/party.jpg");

        assertThat(result.path("faces")).hasSize(1);
        assertThat(personIds(result)).isEmpty();
        assertThat(services.rekognition().listCollections().collectionIds()).doesNotContain(PREFIX + "-newcomer");
    }

    @Test
    void keysWithoutAValidTenant_shouldBeRejected() throws IOException {
        Uploaded photo = services.upload(
                "enroll/bad tenant/x/portrait.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.BLUE, 70, 60, 160)),
                Map.of());

        assertThat(created(enrolment, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("REJECTED");
        assertThat(AttributeValues.str(statusRow(services, photo.key()), "reason"))
                .isEqualTo("INVALID_KEY");
    }

    private String enrol(String key, FaceColor color) throws IOException {
        Uploaded photo = services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), Map.of());
        return created(enrolment, services.createdEvent(photo, services.nextSequencer()));
    }

    private JsonNode recognise(String key) throws IOException {
        Uploaded photo =
                services.upload(key, SyntheticImages.jpeg(400, 300, face(FaceColor.RED, 120, 60, 160)), Map.of());
        assertThat(created(recognition, services.createdEvent(photo, services.nextSequencer())))
                .isEqualTo("RECOGNIZED");
        String resultKey = "results/" + key.substring("recognize/".length()) + ".json";
        return JSON.readTree(services.s3()
                .getObject(b -> b.bucket(FunctionServices.BUCKET).key(resultKey), ResponseTransformer.toBytes())
                .asByteArray());
    }

    private static List<String> personIds(JsonNode result) {
        return result.path("faces").findValuesAsText("personId");
    }
}
