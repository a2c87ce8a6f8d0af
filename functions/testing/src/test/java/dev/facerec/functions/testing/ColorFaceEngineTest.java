package dev.facerec.functions.testing;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.Reason;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;

/** The engine in the real local Rekognition server, through the real SDK client: squares found, colours matched. */
class ColorFaceEngineTest {

    private static LocalRekognition rekognition;
    private static RekognitionClient client;

    @BeforeAll
    static void startServer() {
        rekognition = LocalRekognition.start();
        client = rekognition.client();
        client.createCollection(b -> b.collectionId("c"));
    }

    @AfterAll
    static void stopServer() {
        rekognition.close();
    }

    @Test
    void detectFaces_shouldFindEachColouredSquare_withItsBoxAsRatios() {
        // GIVEN a 400x200 photo of a red and a smaller blue square
        byte[] photo =
                SyntheticImages.jpeg(400, 200, face(FaceColor.RED, 40, 20, 100), face(FaceColor.BLUE, 300, 50, 60));

        // WHEN
        DetectFacesResponse response =
                client.detectFaces(b -> b.image(bytes(photo)).attributes(Attribute.ALL));

        // THEN largest first, with exact boxes and the colour's attributes
        assertThat(response.faceDetails()).hasSize(2);
        var red = response.faceDetails().get(0);
        assertThat(red.boundingBox().left()).isCloseTo(0.1f, within(0.001f));
        assertThat(red.boundingBox().width()).isCloseTo(0.25f, within(0.001f));
        assertThat(red.confidence()).isEqualTo(ColorFaceEngine.CONFIDENCE);
        assertThat(response.faceDetails().get(1).ageRange().low()).isEqualTo(ColorFaceEngine.ageLow(FaceColor.BLUE));
        assertThat(response.faceDetails().get(1).gender().valueAsString())
                .isEqualTo(ColorFaceEngine.gender(FaceColor.BLUE));
    }

    @Test
    void searchUsersByImage_shouldMatchTheSameColourOnly_whenAUserHasAFace() {
        // GIVEN a red face indexed with MaxFaces 1 from a photo that also has a green one, associated to a user
        byte[] photo =
                SyntheticImages.png(400, 200, face(FaceColor.RED, 10, 10, 120), face(FaceColor.GREEN, 250, 10, 80));
        IndexFacesResponse indexed =
                client.indexFaces(b -> b.collectionId("c").maxFaces(1).image(bytes(photo)));
        String faceId = indexed.faceRecords().get(0).face().faceId();
        client.createUser(b -> b.collectionId("c").userId("red-person"));
        client.associateFaces(b -> b.collectionId("c").userId("red-person").faceIds(faceId));

        // WHEN crops of another red face and of a green face are searched
        SearchUsersByImageResponse red = client.searchUsersByImage(b ->
                b.collectionId("c").image(bytes(SyntheticImages.jpeg(120, 120, face(FaceColor.RED, 20, 20, 80)))));
        SearchUsersByImageResponse green = client.searchUsersByImage(b ->
                b.collectionId("c").image(bytes(SyntheticImages.jpeg(120, 120, face(FaceColor.GREEN, 20, 20, 80)))));

        // THEN the smaller green face was left out of the index, the red crop matches the user, the green one nobody
        assertThat(indexed.unindexedFaces())
                .singleElement()
                .satisfies(u -> assertThat(u.reasons()).containsExactly(Reason.EXCEEDS_MAX_FACES));
        assertThat(red.userMatches()).singleElement().satisfies(m -> {
            assertThat(m.user().userId()).isEqualTo("red-person");
            assertThat(m.similarity()).isCloseTo(ColorFaceEngine.SAME_COLOR_SIMILARITY, within(1e-3f));
        });
        assertThat(green.userMatches()).isEmpty();
    }

    @Test
    void detectFaces_shouldRaiseInvalidImageFormat_whenTheImageIsAGif() {
        byte[] gif = SyntheticImages.gif(200, 200, face(FaceColor.RED, 50, 50, 100));

        assertThatThrownBy(() -> client.detectFaces(b -> b.image(bytes(gif))))
                .isInstanceOf(InvalidImageFormatException.class);
    }

    private static Image bytes(byte[] image) {
        return Image.builder().bytes(SdkBytes.fromByteArray(image)).build();
    }
}
