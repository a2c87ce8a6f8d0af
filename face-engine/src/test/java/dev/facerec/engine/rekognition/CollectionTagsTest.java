package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.ServiceQuotaExceededException;

/** Tags on collections through the AWS SDK: CreateCollection's Tags, TagResource, UntagResource, ListTagsForResource. */
class CollectionTagsTest {

    @TempDir
    static Path data;

    private static ServerFixture fixture;
    private static RekognitionClient rekognition;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(server -> server.dataDirectory(data));
        rekognition = fixture.client;
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void tags_shouldBeKeptFromCreation_changedAndRemoved_acrossARestart() throws Exception {
        // GIVEN a collection created with two tags
        String arn = rekognition
                .createCollection(r -> r.collectionId("tagged").tags(Map.of("facerec:owner", "3f1a", "team", "doors")))
                .collectionArn();

        // WHEN a tag is changed, one added and one removed, and the server restarts
        rekognition.tagResource(r -> r.resourceArn(arn).tags(Map.of("team", "gates", "cost-centre", "42")));
        rekognition.untagResource(r -> r.resourceArn(arn).tagKeys("facerec:owner"));
        fixture.restart(() -> {});

        // THEN the collection holds exactly the tags left
        assertThat(rekognition.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "gates", "cost-centre", "42"));
    }

    @Test
    void listTagsForResource_shouldAnswerEmpty_whenCreatedWithoutTags() {
        String arn =
                rekognition.createCollection(r -> r.collectionId("untagged")).collectionArn();

        assertThat(rekognition.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .isEmpty();
    }

    @Test
    void tagResource_failsIfTheCollectionWouldHoldMoreThanFiftyTags() {
        // GIVEN a collection with 50 tags
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        String arn = rekognition
                .createCollection(r -> r.collectionId("full").tags(fifty))
                .collectionArn();

        // WHEN / THEN a 51st is refused, and nothing changed
        assertThatThrownBy(() -> rekognition.tagResource(r -> r.resourceArn(arn).tags(Map.of("one-more", "v"))))
                .isInstanceOf(ServiceQuotaExceededException.class);
        assertThat(rekognition.listTagsForResource(r -> r.resourceArn(arn)).tags())
                .hasSize(50);
    }

    @Test
    void tagResource_failsIfTheKeyIsReservedOrTheResourceUnknown() {
        String arn = rekognition.createCollection(r -> r.collectionId("strict")).collectionArn();

        assertThatThrownBy(() -> rekognition.tagResource(r -> r.resourceArn(arn).tags(Map.of("aws:x", "v"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("tags.key");
        assertThatThrownBy(() -> rekognition.listTagsForResource(r -> r.resourceArn(arn + "-gone")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> rekognition.listTagsForResource(
                        r -> r.resourceArn("arn:aws:rekognition:eu-west-1:000000000000:collection/strict")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
