package dev.facerec.functions.erasure;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.core.aws.AwsClients;
import dev.facerec.functions.core.config.FunctionConfig;
import dev.facerec.functions.core.retention.InteractionBackfill;
import dev.facerec.functions.core.retention.Interactions;
import dev.facerec.functions.core.table.AttributeValues;
import dev.facerec.functions.core.table.TableKeys;
import dev.facerec.functions.index.IndexFacesHandler;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.FunctionServices;
import dev.facerec.functions.testing.SyntheticImages;
import dev.facerec.functions.testing.TableFixture;
import dev.facerec.functions.testing.TestContext;
import dev.facerec.functions.testing.Uploaded;
import dev.facerec.functions.testing.WithColorFaceEngine;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The retention schedule ({@link RetentionHandler}) at a moved clock, against the real local services, people
 * enrolled through the real enrolment handler: with a collection per tenant, and for person rows written before
 * interactions were recorded.
 */
class RetentionTest extends WithColorFaceEngine {

    private static final String PREFIX = "kept-apart";
    private static final Clock LONG_AGO = Clock.fixed(Instant.parse("2020-01-15T10:00:00Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2022-12-20T10:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, Object> SCHEDULED_IN_2023 = Map.of("time", "2023-02-01T03:00:00Z");

    @BeforeAll
    static void addTheTenantIndex() {
        TableFixture.addTenantIndex(services.dynamoDb(), FunctionServices.TABLE);
    }

    @BeforeEach
    void forgetTheSchedulesState() {
        for (String sk : List.of("CURSOR", InteractionBackfill.SK)) {
            services.dynamoDb()
                    .deleteItem(b -> b.tableName(FunctionServices.TABLE).key(TableKeys.key("RETENTION", sk)));
        }
    }

    @Test
    void perTenant_erasesThePersonPastTheRetention_andNotTheSamePersonIdOfAnotherTenant() throws IOException {
        // GIVEN person "ivo" in tenant north, enrolled early in 2020, and another "ivo" in tenant south, late in 2022
        FunctionConfig perTenant = perTenant();
        Uploaded north = upload("enroll/north/ivo/a.jpg", FaceColor.YELLOW);
        assertThat(created(new IndexFacesHandler(clients(), perTenant, LONG_AGO), event(north)))
                .isEqualTo("INDEXED");
        Uploaded south = upload("enroll/south/ivo/a.jpg", FaceColor.YELLOW);
        assertThat(created(new IndexFacesHandler(clients(), perTenant, LATER), event(south)))
                .isEqualTo("INDEXED");

        // WHEN the schedule runs at a time in 2023 (3 years' retention)
        Map<String, Object> run = retention(Map.of("COLLECTION_ID", PREFIX, "COLLECTION_MODE", "PER_TENANT"))
                .handleRequest(SCHEDULED_IN_2023, new TestContext());

        // THEN north's ivo is erased: no row, no face or user in north's collection, no photo
        assertThat(run).containsEntry("erased", 1L).containsEntry("complete", true);
        assertThat(rowsNaming("north/ivo")).isEmpty();
        assertThat(usersOf(PREFIX + "-north")).isEmpty();
        assertThat(facesOf(PREFIX + "-north")).isEmpty();
        assertThat(services.objectVersionKeys("enroll/north/ivo/")).isEmpty();
        // AND south's ivo keeps everything
        assertThat(services.item(TableKeys.key(TableKeys.personPk("south/ivo"), TableKeys.PROFILE)))
                .isNotEmpty();
        assertThat(usersOf(PREFIX + "-south")).containsExactly("ivo");
        assertThat(facesOf(PREFIX + "-south")).hasSize(1);
        assertThat(services.objectVersionKeys("enroll/south/ivo/")).hasSize(1);
    }

    @Test
    void personRowsWithoutAnInteraction_getTheirNewestEnrolment_once_andAreErasedWhenDue() throws IOException {
        // GIVEN Ada, enrolled early in 2020 by a version that recorded no interactions (her row has none), and a
        // schedule whose earlier runs went up to mid-2022
        Uploaded photo = upload("enroll/ada/a.jpg", FaceColor.MAGENTA);
        assertThat(created(new IndexFacesHandler(clients(), shared(), LONG_AGO), event(photo)))
                .isEqualTo("INDEXED");
        Map<String, AttributeValue> profile = TableKeys.key(TableKeys.personPk("ada"), TableKeys.PROFILE);
        services.dynamoDb()
                .updateItem(b -> b.tableName(FunctionServices.TABLE)
                        .key(profile)
                        .updateExpression("REMOVE #month, #last")
                        .expressionAttributeNames(Map.of("#month", Interactions.MONTH, "#last", Interactions.LAST)));
        services.dynamoDb()
                .putItem(b -> b.tableName(FunctionServices.TABLE)
                        .item(Map.of(
                                TableKeys.PK,
                                AttributeValues.s("RETENTION"),
                                TableKeys.SK,
                                AttributeValues.s("CURSOR"),
                                "month",
                                AttributeValues.s("2022-06"))));

        // WHEN the schedule runs in 2023 (3 years' retention), then again
        RetentionHandler retention = retention(Map.of());
        Map<String, Object> first = retention.handleRequest(SCHEDULED_IN_2023, new TestContext());
        Map<String, Object> second = retention.handleRequest(SCHEDULED_IN_2023, new TestContext());

        // THEN the first run gave her row the time of her enrolment and, that being past the retention, erased her
        assertThat(first).containsEntry("backfilled", 1L).containsEntry("complete", true);
        assertThat(rowsNaming("ada")).isEmpty();
        assertThat(services.objectVersionKeys("enroll/ada/")).isEmpty();
        assertThat(services.userIds()).doesNotContain("ada");
        // AND the backfill is recorded as done: the second run scans nothing
        assertThat(second).containsEntry("backfilled", 0L);
        assertThat(services.item(TableKeys.key("RETENTION", InteractionBackfill.SK))
                        .get("state")
                        .s())
                .isEqualTo(InteractionBackfill.DONE);
    }

    private static RetentionHandler retention(Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "TABLE_NAME", FunctionServices.TABLE,
                "BUCKET_NAME", FunctionServices.BUCKET,
                "ENROLMENT_RETENTION_DAYS", "1095"));
        env.putAll(more);
        return new RetentionHandler(clients(), env, Clock.systemUTC());
    }

    private static FunctionConfig perTenant() {
        return FunctionConfig.fromEnvironment(
                Map.of("TABLE_NAME", FunctionServices.TABLE, "COLLECTION_ID", PREFIX, "COLLECTION_MODE", "PER_TENANT"));
    }

    private static FunctionConfig shared() {
        return FunctionConfig.defaults(FunctionServices.TABLE);
    }

    private static Map<String, Object> event(Uploaded photo) {
        return services.createdEvent(photo, services.nextSequencer());
    }

    private static Uploaded upload(String key, FaceColor color) {
        return services.upload(key, SyntheticImages.jpeg(300, 300, face(color, 70, 60, 160)), Map.of());
    }

    private static List<String> usersOf(String collection) {
        return services.rekognition().listUsers(b -> b.collectionId(collection)).users().stream()
                .map(user -> user.userId())
                .toList();
    }

    private static List<String> facesOf(String collection) {
        return services.rekognition().listFaces(b -> b.collectionId(collection)).faces().stream()
                .map(face -> face.faceId())
                .toList();
    }

    /** Rows holding the id in their keys or values, as a whole path segment or word. */
    private static List<Map<String, AttributeValue>> rowsNaming(String id) {
        java.util.regex.Pattern word = java.util.regex.Pattern.compile(
                "(?<![A-Za-z0-9_\\-])" + java.util.regex.Pattern.quote(id) + "(?![A-Za-z0-9_\\-])");
        return services.dynamoDb().scanPaginator(b -> b.tableName(FunctionServices.TABLE)).items().stream()
                .filter(row -> word.matcher(row.toString()).find())
                .toList();
    }

    private static AwsClients clients() {
        return new AwsClients(services.s3(), services.dynamoDb(), services.rekognition());
    }
}
