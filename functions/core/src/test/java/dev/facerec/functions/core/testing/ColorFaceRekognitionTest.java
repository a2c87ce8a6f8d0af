package dev.facerec.functions.core.testing;

import static dev.facerec.functions.core.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.IndexFacesResponse;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.Reason;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UnsuccessfulFaceDeletionReason;

/** The stub's collection answers from the pixels of the request, through the real SDK client. */
class ColorFaceRekognitionTest extends WithRekognitionStub {

  @BeforeAll
  static void installCollection() {
    new ColorFaceRekognition(null).createCollection("c").installOn(stub);
  }

  @Test
  void detectFaces_shouldFindEachColouredSquare_withItsBoxAsRatios() {
    byte[] image = SyntheticImages.jpeg(400, 200, face(FaceColor.RED, 40, 20, 100), face(FaceColor.BLUE, 300, 50, 60));

    DetectFacesResponse response = client.detectFaces(b -> b.image(i -> i.bytes(SdkBytes.fromByteArray(image)))
        .attributes(Attribute.ALL));

    assertThat(response.faceDetails()).hasSize(2);
    var largest = response.faceDetails().get(0).boundingBox();
    assertThat(largest.left()).isCloseTo(0.1f, org.assertj.core.data.Offset.offset(0.01f));
    assertThat(largest.width()).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(0.01f));
    assertThat(response.faceDetails().get(1).ageRange().low()).isEqualTo(20 + 5 * FaceColor.BLUE.ordinal());
  }

  @Test
  void indexAndSearch_shouldFollowRekognitionsRules_forUsersAndDeletion() {
    // GIVEN a red face indexed with MaxFaces 1 from a photo that also has a green one, associated to a user
    byte[] photo = SyntheticImages.png(400, 200, face(FaceColor.RED, 10, 10, 120), face(FaceColor.GREEN, 250, 10, 80));
    IndexFacesResponse indexed = client.indexFaces(b -> b.collectionId("c").maxFaces(1).externalImageId("x")
        .image(i -> i.bytes(SdkBytes.fromByteArray(photo))));
    String faceId = indexed.faceRecords().get(0).face().faceId();
    client.createUser(b -> b.collectionId("c").userId("red-person"));
    client.associateFaces(b -> b.collectionId("c").userId("red-person").faceIds(faceId));

    // WHEN a crop of another red face is searched, and the associated face is deleted
    byte[] crop = SyntheticImages.jpeg(120, 120, face(FaceColor.RED, 20, 20, 80));
    SearchUsersByImageResponse search = client.searchUsersByImage(b -> b.collectionId("c").userMatchThreshold(80f)
        .image(i -> i.bytes(SdkBytes.fromByteArray(crop))));
    var deletion = client.deleteFaces(b -> b.collectionId("c").faceIds(faceId));

    // THEN
    assertThat(indexed.unindexedFaces()).singleElement()
        .satisfies(u -> assertThat(u.reasons()).containsExactly(Reason.EXCEEDS_MAX_FACES));
    assertThat(search.userMatches()).singleElement()
        .satisfies(m -> assertThat(m.user().userId()).isEqualTo("red-person"));
    assertThat(deletion.unsuccessfulFaceDeletions()).singleElement().satisfies(u ->
        assertThat(u.reasons()).containsExactly(UnsuccessfulFaceDeletionReason.ASSOCIATED_TO_AN_EXISTING_USER));
  }

  @Test
  void searchUsersByImage_shouldRaiseInvalidParameter_whenTheImageHasNoFace() {
    byte[] empty = SyntheticImages.jpeg(100, 100);

    assertThatThrownBy(() -> client.searchUsersByImage(b -> b.collectionId("c")
        .image(i -> i.bytes(SdkBytes.fromByteArray(empty))))).isInstanceOf(InvalidParameterException.class);
  }
}
