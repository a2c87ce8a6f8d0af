package dev.facerec.functions.core.recognition;

import dev.facerec.functions.core.rekognition.RekognitionErrors;
import java.awt.Rectangle;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UserMatch;

/**
 * Identifies one face crop with SearchUsersByImage: users are the person-level vectors built from every enrolment
 * photo of a person, which AWS documents as more accurate than matching single faces. The match counts only when
 * the face Rekognition searched is the one the crop was made for.
 */
public final class FaceIdentifier {

    private final RekognitionClient rekognition;
    private final String collectionId;
    private final float threshold;
    private final boolean missingMeansEmpty;

    /**
     * @param missingMeansEmpty whether a missing collection holds no one (a tenant's, before its first enrolment)
     *     rather than an error
     */
    public FaceIdentifier(
            RekognitionClient rekognition, String collectionId, float threshold, boolean missingMeansEmpty) {
        this.rekognition = rekognition;
        this.collectionId = collectionId;
        this.threshold = threshold;
        this.missingMeansEmpty = missingMeansEmpty;
    }

    /**
     * Searches the collection for the person of {@code crop}.
     *
     * @throws software.amazon.awssdk.services.rekognition.model.RekognitionException a retryable error, or a
     *     non-retryable one other than "no face in the crop"
     */
    public Identity identify(FaceCrop crop) {
        SearchUsersByImageResponse response;
        try {
            response = rekognition.searchUsersByImage(b -> b.collectionId(collectionId)
                    .image(i -> i.bytes(SdkBytes.fromByteArrayUnsafe(crop.jpeg())))
                    .userMatchThreshold(threshold)
                    .maxUsers(1)
                    .qualityFilter(QualityFilter.NONE));
        } catch (InvalidParameterException noFace) {
            if (RekognitionErrors.isRetryable(noFace)) {
                throw noFace;
            }
            return Identity.notSearched("Rekognition found no searchable face in the crop");
        } catch (ResourceNotFoundException noCollection) {
            if (missingMeansEmpty) {
                return Identity.unknown();
            }
            throw noCollection;
        }
        if (response.searchedFace() != null
                && response.searchedFace().faceDetail() != null
                && !isTheCroppedFace(response.searchedFace().faceDetail().boundingBox(), crop)) {
            return Identity.notSearched("another face was larger in the crop");
        }
        for (UserMatch match : response.userMatches()) {
            if (match.user() != null && match.similarity() != null && match.similarity() >= threshold) {
                return Identity.identified(match.user().userId(), match.similarity());
            }
        }
        return Identity.unknown();
    }

    private static boolean isTheCroppedFace(BoundingBox searched, FaceCrop crop) {
        if (searched == null || searched.left() == null || searched.width() == null) {
            return true;
        }
        Rectangle region = crop.region();
        double centreX = region.x + (searched.left() + searched.width() / 2) * region.width;
        double centreY = region.y + (searched.top() + searched.height() / 2) * region.height;
        Rectangle face = crop.face();
        double slackX = face.width * 0.25;
        double slackY = face.height * 0.25;
        return centreX >= face.x - slackX
                && centreX <= face.x + face.width + slackX
                && centreY >= face.y - slackY
                && centreY <= face.y + face.height + slackY;
    }
}
