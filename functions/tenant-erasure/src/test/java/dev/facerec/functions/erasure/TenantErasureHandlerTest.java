package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.erasure.ErasureMarkers;
import dev.facerec.functions.core.erasure.ErasureReceipt;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.recognize.RecognizeFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TableFixture;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Tenant erasure against the real local services: two tenants filled through the real handlers, one erased; the
 * other keeps everything. (The versioned bucket, with delete markers and old versions, is the end-to-end test's,
 * TenantIsolationIT, on the twin.)
 */
class TenantErasureHandlerTest extends WithColorFaceEngine {

    private static final String PREFIX = "tagging";
    private static final FunctionConfig PER_TENANT = FunctionConfig.fromEnvironment(
            Map.of("TABLE_NAME", FunctionServices.TABLE, "COLLECTION_ID", PREFIX, "COLLECTION_MODE", "PER_TENANT"));

    @BeforeAll
    static void addTheTenantIndex() {
        TableFixture.addTenantIndex(services.dynamoDb(), FunctionServices.TABLE);
    }

    @Test
    void erase_shouldRemoveTheTenantWhole_andLeaveTheOther() throws IOException {
        // GIVEN two tenants, each with an enrolled person and a recognised photo
        fill("gone");
        fill("kept");
        TenantErasureHandler handler = handler();

        // WHEN "gone" is erased
        Map<String, Object> receipt = handler.handleRequest(Map.of("tenantId", "gone"), new TestContext());

        // THEN its collection, objects and rows are gone, the marker says so, and "kept" has everything
        assertThat(receipt)
                .containsEntry("complete", true)
                .containsEntry("subject", "TENANT")
                .doesNotContainValue("gone");
        @SuppressWarnings("unchecked")
        Map<String, Long> removed = (Map<String, Long>) receipt.get("removed");
        assertThat(removed).containsEntry("collections", 1L).containsEntry("objectVersions", 3L);
        assertThat(removed.get("rows")).isGreaterThanOrEqualTo(5L);
        assertThat(ErasureReceipt.hash((String) receipt.get("salt"), "gone")).isEqualTo(receipt.get("subjectHash"));
        assertThat(services.item(TableKeys.key("RECEIPT#" + receipt.get("receiptId"), ErasureReceipt.SK)))
                .containsKey("subjectHash");
        assertThat(services.rekognition().listCollections().collectionIds())
                .doesNotContain(PREFIX + "-gone")
                .contains(PREFIX + "-kept");
        assertThat(keysUnder("enroll/gone/", "recognize/gone/", "results/gone/"))
                .isEmpty();
        assertThat(keysUnder("enroll/kept/", "recognize/kept/", "results/kept/"))
                .hasSize(3);
        assertThat(rowsMentioning("gone")).isEmpty();
        assertThat(rowsMentioning("kept")).hasSizeGreaterThanOrEqualTo(5);
        Map<String, AttributeValue> marker = services.item(ErasureMarkers.key(ErasureMarkers.Kind.TENANT, "gone"));
        assertThat(marker.get("state").s()).isEqualTo(ErasureMarkers.ERASED);
    }

    @Test
    void erase_shouldAnswerIncomplete_whenItsTimeRunsOut_andMeanwhileTheTenantsEventsAreIgnored() throws IOException {
        // GIVEN a tenant, and a run with no time left before the function's safety margin
        fill("slow");
        TenantErasureHandler handler = handler();
        int noTimeLeft = (int) TenantErasureHandler.SAFETY_MARGIN.toMillis();

        // WHEN the erasure runs out of time
        Map<String, Object> first = handler.handleRequest(Map.of("tenantId", "slow"), new TestContext(noTimeLeft));

        // THEN it says so, the tenant is marked ERASING, and a new upload of the tenant is ignored without a row
        assertThat(first).containsEntry("complete", false);
        assertThat(services.item(ErasureMarkers.key(ErasureMarkers.Kind.TENANT, "slow"))
                        .get("state")
                        .s())
                .isEqualTo(ErasureMarkers.ERASING);
        Uploaded late = services.upload(
                "recognize/slow/late.jpg",
                SyntheticImages.jpeg(400, 300, face(FaceColor.GREEN, 120, 60, 160)),
                Map.of());
        assertThat(created(
                        new RecognizeFacesHandler(clients(), PER_TENANT, Clock.systemUTC()),
                        services.createdEvent(late, services.nextSequencer())))
                .isEqualTo("IGNORED");
        assertThat(services.item(TableKeys.statusKey(FunctionServices.BUCKET, late.key())))
                .isEmpty();

        // AND invoked again with time, it finishes the work (the late upload included)
        Map<String, Object> second = handler.handleRequest(Map.of("tenantId", "slow"), new TestContext());
        assertThat(second).containsEntry("complete", true);
        assertThat(keysUnder("enroll/slow/", "recognize/slow/", "results/slow/"))
                .isEmpty();
        assertThat(rowsMentioning("slow")).isEmpty();
    }

    @Test
    void erase_shouldAnswerAClearError_forAnInvalidRequest() {
        TenantErasureHandler handler = handler();

        assertThatThrownBy(() -> handler.handleRequest(Map.of(), new TestContext()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenantId");
        assertThatThrownBy(() -> handler.handleRequest(Map.of("tenantId", "no/slashes"), new TestContext()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a tenant id is");
    }

    private static TenantErasureHandler handler() {
        return new TenantErasureHandler(clients(), PER_TENANT, FunctionServices.BUCKET, Clock.systemUTC());
    }

    private static void fill(String tenant) throws IOException {
        Uploaded portrait = services.upload(
                "enroll/" + tenant + "/friend/portrait.jpg",
                SyntheticImages.jpeg(300, 300, face(FaceColor.GREEN, 70, 60, 160)),
                Map.of());
        assertThat(created(
                        new IndexFacesHandler(clients(), PER_TENANT, Clock.systemUTC()),
                        services.createdEvent(portrait, services.nextSequencer())))
                .isEqualTo("INDEXED");
        Uploaded party = services.upload(
                "recognize/" + tenant + "/party.jpg",
                SyntheticImages.jpeg(400, 300, face(FaceColor.GREEN, 120, 60, 160)),
                Map.of());
        assertThat(created(
                        new RecognizeFacesHandler(clients(), PER_TENANT, Clock.systemUTC()),
                        services.createdEvent(party, services.nextSequencer())))
                .isEqualTo("RECOGNIZED");
    }

    private static AwsClients clients() {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }

    private static List<String> keysUnder(String... prefixes) {
        return java.util.Arrays.stream(prefixes)
                .flatMap(prefix ->
                        services
                                .s3()
                                .listObjectsV2(
                                        b -> b.bucket(FunctionServices.BUCKET).prefix(prefix))
                                .contents()
                                .stream()
                                .map(o -> o.key()))
                .toList();
    }

    private static List<Map<String, AttributeValue>> rowsMentioning(String tenant) {
        return services.dynamoDb().scanPaginator(b -> b.tableName(FunctionServices.TABLE)).items().stream()
                .filter(row -> !TableKeys.key(
                                row.get(TableKeys.PK).s(), row.get(TableKeys.SK).s())
                        .equals(ErasureMarkers.key(ErasureMarkers.Kind.TENANT, tenant)))
                .filter(row ->
                        row.toString().contains(tenant + "/") || row.toString().contains("=" + tenant + ")"))
                .toList();
    }
}
