package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.CollectionStrategy;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.twin.Twin;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.lambda.InvocationResult;
import dev.facerec.twin.privacy.ErasureReport;
import dev.facerec.twin.privacy.ErasureVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Social tagging on the twin: a pipeline with a collection per tenant. The same faces enrolled under two tenants
 * (as different people) and a person of each tenant's own: every recognition names only the tenant's people; a key
 * without a valid tenant is rejected; erasing one tenant removes its collection, objects and rows, leaves the other
 * intact and searchable, and the erased tenant id can start again from nothing.
 */
@TestMethodOrder(OrderAnnotation.class)
class TenantIsolationIT {

    private static final String STACK = "SocialTagging";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static TwinStack deployed;
    private static Twin twin;
    private static StackRecord stack;
    private static Pipeline pipeline;
    private static byte[] group;
    private static List<BoundingBox> faces;

    @BeforeAll
    static void synthesizeAndDeploy() {
        deployed = TwinStack.deploy(directory, STACK, social -> {
            FaceRecognition faces = new FaceRecognition(
                    social,
                    "Social",
                    FaceRecognitionProps.builder()
                            .collectionStrategy(CollectionStrategy.PER_TENANT)
                            .build());
            Pipeline.exportOutputs(social, "Social", faces);
            Pipeline.output(
                    social,
                    "SocialTenantErasure",
                    faces.getTenantErasureFunction().getFunctionName());
        });
        twin = deployed.twin();
        stack = deployed.stack();
        pipeline = Pipeline.named(twin, stack.outputs(), "Social");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (deployed != null) {
            deployed.close();
        }
    }

    @Test
    @Order(1)
    void recognition_shouldNameOnlyTheTenantsOwnPeople() throws Exception {
        // GIVEN the first face of a group photo enrolled under both tenants, as different people, and one more
        // person in each tenant
        group = GroupPhotos.read(GroupPhotos.sample(3));
        faces = pipeline.detectFaces(group).stream()
                .map(FaceDetail::boundingBox)
                .toList();
        enrol("tenant-a", "a-friend", 0);
        enrol("tenant-b", "b-friend", 0);
        enrol("tenant-a", "a-only", 1);
        enrol("tenant-b", "b-only", 2);

        // WHEN the group photo is recognised in each tenant
        List<String> namedInA = recognise("tenant-a", "party.jpg");
        List<String> namedInB = recognise("tenant-b", "party.jpg");

        // THEN each names its own people, never the other's; each tenant has a collection of its own
        assertThat(namedInA).containsExactlyInAnyOrder("a-friend", "a-only");
        assertThat(namedInB).containsExactlyInAnyOrder("b-friend", "b-only");
        assertThat(pipeline.rekognition().listCollections().collectionIds())
                .contains(pipeline.collectionId() + "-tenant-a", pipeline.collectionId() + "-tenant-b");
        assertThat(pipeline.s3()
                        .headObject(b -> b.bucket(pipeline.bucket()).key("results/tenant-a/party.jpg.json"))
                        .contentLength())
                .isPositive();
    }

    @Test
    @Order(2)
    void keysWithoutAValidTenant_shouldBeRejectedAsInvalidKeys() throws Exception {
        byte[] face = GroupPhotos.crop(group, faces.get(0), 0.5f);
        for (String key : List.of("enroll/bad tenant!/x/face.jpg", "recognize/no-tenant.jpg", "enroll/face.jpg/")) {
            pipeline.upload(key, face, Map.of());
            Map<String, AttributeValue> row = pipeline.awaitStatus(key, "REJECTED", "INDEXED", "RECOGNIZED");
            assertThat(Pipeline.text(row, "reason")).as(key).isEqualTo("INVALID_KEY");
        }
    }

    @Test
    @Order(3)
    void erasure_shouldRemoveTheTenantWhole_andLeaveTheOtherSearchable() throws Exception {
        // WHEN tenant A is erased
        JsonNode receipt = erase("tenant-a");

        // THEN everything of A is gone: objects and versions, collection, rows; and stays gone after the
        // erasure's own delete events were handled
        assertThat(receipt.get("complete").asBoolean()).isTrue();
        assertThat(receipt.at("/removed/collections").asLong()).isEqualTo(1);
        assertThat(receipt.at("/removed/objectVersions").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(receipt.at("/removed/rows").asLong()).isPositive();
        assertThat(receipt.toString()).doesNotContain("tenant-a");
        assertThat(pipeline.rekognition().listCollections().collectionIds())
                .doesNotContain(pipeline.collectionId() + "-tenant-a");
        String later = "enroll/tenant-b/late/blank.jpg";
        pipeline.upload(later, GroupPhotos.blank(200, 200), Map.of());
        pipeline.awaitStatus(later, "REJECTED", "INDEXED");
        assertThat(versionsUnder("enroll/tenant-a/", "recognize/tenant-a/", "results/tenant-a/", "consent/tenant-a/"))
                .isEmpty();
        assertThat(rowsMentioning("tenant-a")).isEmpty();
        try (ErasureVerifier verifier = ErasureVerifier.connect(
                twin.endpoints(), twin.settings().region(), twin.settings().dataDirectory())) {
            ErasureReport report = verifier.search("tenant-a");
            assertThat(report.traces()).as("what the erasure verifier found").isEmpty();
        }

        // AND B is intact: its people are still named
        assertThat(recognise("tenant-b", "again.jpg")).containsExactlyInAnyOrder("b-friend", "b-only");
    }

    @Test
    @Order(4)
    void erasedTenant_shouldStartAgainFromNothing() throws Exception {
        enrol("tenant-a", "a-new", 1);
        assertThat(recognise("tenant-a", "new-party.jpg")).containsExactly("a-new");
    }

    private static void enrol(String tenant, String personId, int face) throws InterruptedException {
        String key = "enroll/" + tenant + "/" + personId + "/face.jpg";
        pipeline.recordConsent(tenant + "/" + personId);
        pipeline.upload(key, GroupPhotos.crop(group, faces.get(face), 0.5f), Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "REJECTED"), "status"))
                .as(key)
                .isEqualTo("INDEXED");
    }

    private static List<String> recognise(String tenant, String name) throws InterruptedException {
        String key = "recognize/" + tenant + "/" + name;
        pipeline.upload(key, group, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "RECOGNIZED", "REJECTED"), "status"))
                .isEqualTo("RECOGNIZED");
        return pipeline.objectRow(key, "RESULT").get("personIds").l().stream()
                .map(AttributeValue::s)
                .toList();
    }

    private static JsonNode erase(String tenant) throws Exception {
        InvocationResult result = twin.lambda()
                .invoke(
                        stack.outputs().get("SocialTenantErasure"),
                        ("{\"tenantId\":\"" + tenant + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return JSON.readTree(result.payload());
    }

    private static List<String> versionsUnder(String... prefixes) {
        List<String> found = new ArrayList<>();
        for (String prefix : prefixes) {
            var listing = pipeline.s3()
                    .listObjectVersions(b -> b.bucket(pipeline.bucket()).prefix(prefix));
            listing.versions().forEach(v -> found.add(v.key()));
            listing.deleteMarkers().forEach(m -> found.add(m.key()));
        }
        return found;
    }

    private static List<Map<String, AttributeValue>> rowsMentioning(String tenant) {
        return pipeline.scanTable().stream()
                .filter(row -> row.toString().contains(tenant))
                .toList();
    }
}
