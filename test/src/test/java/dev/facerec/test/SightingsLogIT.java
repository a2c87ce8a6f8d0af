package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.infra.FaceRecognition;
import dev.facerec.infra.FaceRecognitionProps;
import dev.facerec.infra.SightingsLogOptions;
import dev.facerec.twin.Twin;
import dev.facerec.twin.cloudformation.StackRecord;
import dev.facerec.twin.lambda.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * The sightings log end to end on the twin: a group photo with an enrolled person and strangers is recognised, every
 * face lands in today's collection with a row, the search function finds a stranger from a crop of their face, and
 * the daily schedule, fired now, deletes a planted old day and keeps today's.
 */
@TestMethodOrder(OrderAnnotation.class)
class SightingsLogIT {

    private static final String STACK = "Sightings";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private static TwinStack deployed;
    private static Twin twin;
    private static StackRecord stack;
    private static Pipeline pipeline;
    private static byte[] group;
    private static List<FaceDetail> faces;

    @BeforeAll
    static void synthesizeAndDeploy() throws Exception {
        deployed = TwinStack.deploy(directory, STACK, sightings -> {
            // 95, as for face match: at the default 80 the local engine matched another face of this photo at 82.8 %.
            FaceRecognition doors = new FaceRecognition(
                    sightings,
                    "Doors",
                    FaceRecognitionProps.builder()
                            .faceMatchThreshold(95)
                            .sightingsLog(SightingsLogOptions.builder()
                                    .retention(Duration.days(7))
                                    .build())
                            .build());
            Pipeline.exportOutputs(sightings, "Doors", doors);
            Pipeline.output(
                    sightings,
                    "SearchFunction",
                    doors.getSightingsSearchFunction().getFunctionName());
            Rule schedule =
                    (Rule) doors.getNode().findChild("SightingsLog").getNode().findChild("ExpirySchedule");
            Pipeline.output(sightings, "ExpiryRule", schedule.getRuleName());
        });
        twin = deployed.twin();
        stack = deployed.stack();
        pipeline = Pipeline.named(twin, stack.outputs(), "Doors");

        group = GroupPhotos.read(GroupPhotos.sample(3));
        faces = pipeline.detectFaces(group);
        pipeline.recordConsent("mallory");
        upload("enroll/mallory/face.jpg", GroupPhotos.crop(group, faces.get(0).boundingBox(), 0.5f), "INDEXED");
        upload("recognize/door/group.jpg", group, "RECOGNIZED");
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
    void recognition_shouldLogEveryFaceOfThePhoto_knownOrNot_inTodaysCollection() {
        // THEN the log has one collection, today's, with every face of the photo
        List<String> days = logCollections();
        assertThat(days).hasSize(1);
        String today = days.get(0);
        assertThat(pipeline.rekognition().listFaces(b -> b.collectionId(today)).faces())
                .hasSize(faces.size());
        // AND a row per face, with where and when; the enrolled person's names her
        String day = today.substring(today.length() - 8);
        List<Map<String, AttributeValue>> rows = pipeline.indexItems("SIGHTINGS#" + day);
        assertThat(rows).hasSize(faces.size());
        assertThat(rows).allSatisfy(row -> {
            assertThat(Pipeline.text(row, "objectKey")).isEqualTo("recognize/door/group.jpg");
            assertThat(Pipeline.text(row, "bucket")).isEqualTo(pipeline.bucket());
            assertThat(Pipeline.text(row, "seenAt")).startsWith(Pipeline.text(row, "day"));
        });
        assertThat(rows)
                .filteredOn(row -> "mallory".equals(Pipeline.text(row, "personId")))
                .hasSize(1);
        // AND the status row counts them
        assertThat(Pipeline.text(pipeline.statusRow("recognize/door/group.jpg"), "sightingCount"))
                .isEqualTo(Integer.toString(faces.size()));
    }

    @Test
    @Order(2)
    void search_shouldFindTheStrangersSighting_fromACropOfTheirFace() throws Exception {
        // GIVEN a crop of a stranger's face (nobody enrolled them)
        BoundingBox stranger = faces.get(1).boundingBox();
        String bytes = Base64.getEncoder().encodeToString(GroupPhotos.crop(group, stranger, 0.5f));

        // WHEN the search function is invoked as `aws lambda invoke` would
        JsonNode answer = search("{\"image\":{\"bytes\":\"" + bytes + "\"},\"days\":7}");

        // THEN the group photo is where the stranger was seen, at the stranger's place in it
        assertThat(answer.has("error")).as(answer.toString()).isFalse();
        assertThat(answer.path("days")).hasSize(7);
        JsonNode sighting = answer.path("sightings").get(0);
        assertThat(sighting.path("key").asText()).isEqualTo("recognize/door/group.jpg");
        assertThat(sighting.path("bucket").asText()).isEqualTo(pipeline.bucket());
        assertThat(sighting.path("similarity").asDouble()).isGreaterThanOrEqualTo(95);
        assertThat(sighting.has("personId")).isFalse();
        assertThat(sighting.at("/boundingBox/left").asDouble()).isCloseTo(stranger.left(), within(0.02));
        assertThat(sighting.at("/boundingBox/top").asDouble()).isCloseTo(stranger.top(), within(0.02));
    }

    @Test
    @Order(3)
    void schedule_shouldDeleteAnOldDay_andKeepToday() throws Exception {
        // GIVEN an old day of this log planted in the engine, and another pipeline's look-alike
        String today = logCollections().get(0);
        String old = pipeline.collectionId() + "-log-20200101";
        String other = "other-log-20200101";
        pipeline.rekognition().createCollection(b -> b.collectionId(old));
        pipeline.rekognition().createCollection(b -> b.collectionId(other));

        // WHEN the daily schedule fires now
        twin.events().runNow(stack.outputs().get("ExpiryRule"));

        // THEN the old day goes, today and the other collection stay
        Pipeline.await("the old day's deletion", () -> collections().contains(old) ? null : true);
        assertThat(collections()).contains(today, other, pipeline.collectionId());
    }

    private static JsonNode search(String request) throws Exception {
        InvocationResult result =
                twin.lambda().invoke(stack.outputs().get("SearchFunction"), request.getBytes(StandardCharsets.UTF_8));
        assertThat(result.failed()).as(result.payloadText()).isFalse();
        return JSON.readTree(result.payload());
    }

    private static List<String> logCollections() {
        return collections().stream()
                .filter(id -> id.startsWith(pipeline.collectionId() + "-log-"))
                .toList();
    }

    private static List<String> collections() {
        return pipeline.rekognition().listCollectionsPaginator(b -> {}).collectionIds().stream()
                .toList();
    }

    private static void upload(String key, byte[] bytes, String status) throws InterruptedException {
        pipeline.upload(key, bytes, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "RECOGNIZED", "REJECTED"), "status"))
                .as(key)
                .isEqualTo(status);
    }
}
