package dev.facerec.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.infra.FaceRecognition;
import dev.facerec.twin.Twin;
import dev.facerec.twin.cloudformation.CloudAssembly;
import dev.facerec.twin.cloudformation.StackRecord;
import java.nio.file.Path;
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
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Two pipelines with default props in one stack, deployed on the twin: each has a collection of its own, so neither
 * names the other's people; and a stack deleted with its collections retained, then deployed again, does not take
 * the kept collections over.
 */
@TestMethodOrder(OrderAnnotation.class)
class CollectionIsolationIT {

    private static final String STACK = "TwoPipelines";

    @TempDir
    static Path directory;

    private static CloudAssembly assembly;
    private static TwinStack deployed;
    private static Twin twin;
    private static StackRecord stack;

    @BeforeAll
    static void synthesizeAndDeploy() {
        deployed = TwinStack.deploy(directory, STACK, twoPipelines -> {
            for (String name : List.of("A", "B")) {
                FaceRecognition faces = new FaceRecognition(twoPipelines, name);
                Pipeline.exportOutputs(twoPipelines, name, faces);
            }
        });
        twin = deployed.twin();
        assembly = deployed.assembly();
        stack = deployed.stack();
    }

    @AfterAll
    static void stop() {
        if (deployed != null) {
            deployed.close();
        }
    }

    @Test
    @Order(1)
    void twoPipelines_shouldEachNameOnlyTheirOwnPeople() throws Exception {
        // GIVEN two faces of a group photo, one enrolled in each pipeline
        byte[] group = GroupPhotos.read(GroupPhotos.sample(3));
        try (Pipeline a = pipeline("A");
                Pipeline b = pipeline("B")) {
            assertThat(a.collectionId()).isNotEqualTo(b.collectionId());
            List<FaceDetail> faces = a.detectFaces(group);
            enrol(a, "alice", GroupPhotos.crop(group, faces.get(0).boundingBox(), 0.5f));
            enrol(b, "bob", GroupPhotos.crop(group, faces.get(1).boundingBox(), 0.5f));

            // WHEN the group photo is recognised by both
            List<String> namedByA = recognise(a, group);
            List<String> namedByB = recognise(b, group);

            // THEN each names its own person only, and each collection holds one face
            assertThat(namedByA).containsExactly("alice");
            assertThat(namedByB).containsExactly("bob");
            assertThat(a.collectionFaceIds()).hasSize(1);
            assertThat(b.collectionFaceIds()).hasSize(1);
        }
    }

    @Test
    @Order(2)
    void redeploy_shouldRefuseTheRetainedCollections_afterTheStackWasDeleted() {
        // GIVEN the stack deleted: its collections are retained (the default removal policy)
        String kept = stack.outputs().get("ACollectionId");
        twin.destroy(STACK);
        try (Pipeline a = pipeline("A")) {
            assertThat(a.collectionFaceIds())
                    .as("the retained collection keeps its face")
                    .hasSize(1);
        }

        // WHEN / THEN deploying it again fails on the collection it did not create, saying why
        assertThatThrownBy(() -> twin.deploy(assembly, STACK, Map.of()))
                .hasMessageContaining("A collection with the id '" + kept
                        + "' already exists and was not created by this" + " resource");
    }

    private static void enrol(Pipeline pipeline, String personId, byte[] face) throws InterruptedException {
        String key = "enroll/" + personId + "/face.jpg";
        pipeline.recordConsent(personId);
        pipeline.upload(key, face, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "INDEXED", "REJECTED"), "status"))
                .isEqualTo("INDEXED");
    }

    private static List<String> recognise(Pipeline pipeline, byte[] photo) throws InterruptedException {
        String key = "recognize/group.jpg";
        pipeline.upload(key, photo, Map.of());
        assertThat(Pipeline.text(pipeline.awaitStatus(key, "RECOGNIZED", "REJECTED"), "status"))
                .isEqualTo("RECOGNIZED");
        return pipeline.objectRow(key, "RESULT").get("personIds").l().stream()
                .map(AttributeValue::s)
                .toList();
    }

    private static Pipeline pipeline(String name) {
        return Pipeline.named(twin, stack.outputs(), name);
    }
}
