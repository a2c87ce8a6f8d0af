package dev.facerec.engine.rekognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.CompareFacesResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.LandmarkType;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.Reason;
import software.amazon.awssdk.services.rekognition.model.SearchFacesByImageResponse;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UnsearchedFaceReason;

/** DetectFaces, CompareFaces and the face-choosing options of IndexFaces and the searches, on the real engine. */
class FaceDetectionTest {

    private static ServerFixture fixture;
    private static RekognitionClient rekognition;
    private static byte[] group;
    private static List<FaceDetail> groupFaces;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start(server -> server);
        rekognition = fixture.client;
        group = Photos.sample(5);
        groupFaces = rekognition.detectFaces(r -> r.image(Photos.image(group))).faceDetails();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void detectFaces_shouldGiveDefaultAttributes_andTheOthersOnlyWhenAsked() {
        // WHEN detecting with the default attributes, with ALL, and with AGE_RANGE only
        FaceDetail plain = groupFaces.get(0);
        FaceDetail all = rekognition
                .detectFaces(r -> r.image(Photos.image(group)).attributes(Attribute.ALL))
                .faceDetails()
                .get(0);
        FaceDetail age = rekognition
                .detectFaces(r -> r.image(Photos.image(group)).attributes(Attribute.AGE_RANGE))
                .faceDetails()
                .get(0);

        // THEN the default ones are always there, in ratios and degrees
        assertThat(groupFaces).hasSizeGreaterThanOrEqualTo(3);
        assertThat(plain.boundingBox().left()).isBetween(0f, 1f);
        assertThat(plain.boundingBox().width()).isBetween(0.01f, 1f);
        assertThat(plain.confidence()).isBetween(50f, 100f);
        assertThat(plain.landmarks())
                .extracting(l -> l.type())
                .contains(
                        LandmarkType.EYE_LEFT,
                        LandmarkType.EYE_RIGHT,
                        LandmarkType.NOSE,
                        LandmarkType.MOUTH_LEFT,
                        LandmarkType.MOUTH_RIGHT);
        assertThat(plain.pose().yaw()).isBetween(-90f, 90f);
        assertThat(plain.quality().sharpness()).isBetween(0f, 100f);
        assertThat(plain.ageRange()).isNull();
        assertThat(plain.gender()).isNull();
        assertThat(plain.hasEmotions()).isFalse();
        // AND the estimated ones only when asked; the ones without a model never
        assertThat(all.ageRange().low()).isLessThanOrEqualTo(all.ageRange().high());
        assertThat(all.gender().valueAsString()).isIn("Male", "Female");
        assertThat(all.emotions()).isNotEmpty();
        assertThat(all.smile()).isNotNull();
        assertThat(all.eyesOpen()).isNotNull();
        assertThat(all.beard()).isNull();
        assertThat(all.sunglasses()).isNull();
        assertThat(age.ageRange()).isNotNull();
        assertThat(age.gender()).isNull();
    }

    @Test
    void compareFaces_shouldMatchACropWithItsFaceInTheGroupPhoto() {
        // GIVEN one face cropped from the group photo
        FaceDetail face = groupFaces.get(1);
        byte[] crop = Photos.crop(group, face.boundingBox(), 0.5f);

        // WHEN comparing it with the group photo
        CompareFacesResponse compared =
                rekognition.compareFaces(r -> r.sourceImage(Photos.image(crop)).targetImage(Photos.image(group)));

        // THEN exactly that face matches; the others do not
        assertThat(compared.faceMatches()).singleElement().satisfies(m -> {
            assertThat(m.similarity()).isGreaterThanOrEqualTo(80f);
            assertThat(FaceRecognitionTest.sameFace(m.face().boundingBox(), face.boundingBox()))
                    .isTrue();
        });
        assertThat(compared.unmatchedFaces()).hasSize(groupFaces.size() - 1);
        assertThat(compared.sourceImageFace().confidence()).isGreaterThan(50f);
    }

    @Test
    void indexFaces_shouldIndexTheLargestMaxFaces_andReportTheOthers() {
        // GIVEN a collection
        rekognition.createCollection(r -> r.collectionId("max-faces"));

        // WHEN indexing the group photo with MaxFaces 2
        IndexFacesResponse indexed = rekognition.indexFaces(r -> r.collectionId("max-faces")
                .image(Photos.image(group))
                .maxFaces(2)
                .qualityFilter(QualityFilter.NONE));

        // THEN the two largest faces are indexed, largest first, and the rest are reported
        assertThat(indexed.faceRecords()).hasSize(2);
        assertThat(area(indexed.faceRecords().get(0).faceDetail()))
                .isGreaterThanOrEqualTo(area(indexed.faceRecords().get(1).faceDetail()));
        assertThat(indexed.unindexedFaces())
                .hasSize(groupFaces.size() - 2)
                .allSatisfy(u -> assertThat(u.reasons()).containsExactly(Reason.EXCEEDS_MAX_FACES))
                .allSatisfy(u -> assertThat(area(u.faceDetail()))
                        .isLessThanOrEqualTo(area(indexed.faceRecords().get(1).faceDetail())));
        assertThat(indexed.faceModelVersion()).isEqualTo(fixture.engine.faceModelVersion());
        assertThat(rekognition
                        .describeCollection(r -> r.collectionId("max-faces"))
                        .faceCount())
                .isEqualTo(2);
    }

    @Test
    void indexFaces_shouldLeaveOutSmallFace_whenQualityFilterIsHigh() throws IOException {
        // GIVEN a 1920-px picture with one face about 200 px wide and one about 70 px wide (HIGH wants 80)
        byte[] picture = canvas(groupFaces.get(0), 400, groupFaces.get(1), 140);
        rekognition.createCollection(r -> r.collectionId("quality"));

        // WHEN indexing it with the HIGH and the NONE quality filters
        IndexFacesResponse high = rekognition.indexFaces(
                r -> r.collectionId("quality").image(Photos.image(picture)).qualityFilter(QualityFilter.HIGH));
        IndexFacesResponse none = rekognition.indexFaces(
                r -> r.collectionId("quality").image(Photos.image(picture)).qualityFilter(QualityFilter.NONE));

        // THEN HIGH leaves the small face out for its size, NONE indexes both
        assertThat(high.faceRecords()).hasSize(1);
        assertThat(high.unindexedFaces())
                .singleElement()
                .satisfies(u -> assertThat(u.reasons()).contains(Reason.SMALL_BOUNDING_BOX));
        assertThat(none.faceRecords()).hasSize(2);
        assertThat(none.unindexedFaces()).isEmpty();
    }

    @Test
    void indexFaces_shouldLeaveOutAProfile_whenQualityFilterIsMedium() {
        // GIVEN sample2: two faces seen from the front and one in full profile (yaw about 72°)
        byte[] profiles = Photos.sample(2);
        rekognition.createCollection(r -> r.collectionId("profiles"));

        // WHEN indexing it with the MEDIUM (|yaw| <= 60) and the LOW (|yaw| <= 80) quality filters
        IndexFacesResponse medium = rekognition.indexFaces(
                r -> r.collectionId("profiles").image(Photos.image(profiles)).qualityFilter(QualityFilter.MEDIUM));
        IndexFacesResponse low = rekognition.indexFaces(
                r -> r.collectionId("profiles").image(Photos.image(profiles)).qualityFilter(QualityFilter.LOW));

        // THEN MEDIUM leaves the profile out as EXTREME_POSE, LOW indexes all three
        assertThat(medium.faceRecords()).hasSize(2);
        assertThat(medium.unindexedFaces()).singleElement().satisfies(u -> {
            assertThat(u.reasons()).containsExactly(Reason.EXTREME_POSE);
            assertThat(Math.abs(u.faceDetail().pose().yaw())).isGreaterThan(60f);
        });
        assertThat(low.faceRecords()).hasSize(3);
    }

    @Test
    void searchFacesByImage_shouldSearchWithTheLargestFaceOnly() throws IOException {
        // GIVEN a collection holding person A, and pictures with A large and B small, and the other way round
        FaceDetail a = groupFaces.get(0);
        FaceDetail b = groupFaces.get(2);
        rekognition.createCollection(r -> r.collectionId("largest"));
        rekognition.indexFaces(
                r -> r.collectionId("largest").image(Photos.image(Photos.crop(group, a.boundingBox(), 0.5f))));
        byte[] aLarge = canvas(a, 500, b, 250);
        byte[] bLarge = canvas(b, 500, a, 250);

        // WHEN searching with each
        SearchFacesByImageResponse withA =
                rekognition.searchFacesByImage(r -> r.collectionId("largest").image(Photos.image(aLarge)));
        SearchFacesByImageResponse withB =
                rekognition.searchFacesByImage(r -> r.collectionId("largest").image(Photos.image(bLarge)));

        // THEN only the search whose largest face is A finds A, and the searched box is the large face's
        assertThat(withA.faceMatches()).hasSize(1);
        assertThat(withA.searchedFaceBoundingBox().left()).isLessThan(0.5f);
        assertThat(withA.searchedFaceConfidence()).isGreaterThan(50f);
        assertThat(withB.faceMatches()).isEmpty();
    }

    @Test
    void searchUsersByImage_shouldReportTheFacesItDidNotSearch() {
        // GIVEN a collection with no users
        rekognition.createCollection(r -> r.collectionId("unsearched"));

        // WHEN searching users with the whole group photo
        SearchUsersByImageResponse response =
                rekognition.searchUsersByImage(r -> r.collectionId("unsearched").image(Photos.image(group)));

        // THEN the largest face was searched and every other one is reported as not the largest
        assertThat(response.userMatches()).isEmpty();
        assertThat(response.searchedFace().faceDetail()).isNotNull();
        assertThat(response.unsearchedFaces())
                .hasSize(groupFaces.size() - 1)
                .allSatisfy(u -> assertThat(u.reasons()).containsExactly(UnsearchedFaceReason.FACE_NOT_LARGEST));
    }

    private static float area(FaceDetail face) {
        return face.boundingBox().width() * face.boundingBox().height();
    }

    /**
     * A 1920 × 1280 grey picture with the crop of {@code left} ({@code leftSize} px wide) on the left half and the
     * crop of {@code right} on the right half. A crop is twice its face, so the faces are about half those sizes.
     */
    private static byte[] canvas(FaceDetail left, int leftSize, FaceDetail right, int rightSize) throws IOException {
        BufferedImage image = new BufferedImage(1920, 1280, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 1920, 1280);
        draw(g, left, leftSize, 200);
        draw(g, right, rightSize, 1200);
        g.dispose();
        return Photos.jpeg(image);
    }

    private static void draw(Graphics2D g, FaceDetail face, int size, int x) throws IOException {
        BufferedImage crop = ImageIO.read(new ByteArrayInputStream(Photos.crop(group, face.boundingBox(), 0.5f)));
        int height = size * crop.getHeight() / crop.getWidth();
        g.drawImage(crop, x, 640 - height / 2, size, height, null);
    }
}
