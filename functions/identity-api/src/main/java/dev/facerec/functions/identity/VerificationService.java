package dev.facerec.functions.identity;

import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.rekognition.RekognitionErrors;
import dev.facerec.functions.core.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.QualityFilter;
import software.amazon.awssdk.services.rekognition.model.SearchUsersByImageResponse;
import software.amazon.awssdk.services.rekognition.model.UserMatch;

/**
 * Verification (1:1): the probe's largest face is searched among the collection's users (SearchUsersByImage, with
 * Rekognition's AUTO quality filter) with no similarity floor, so that the answer holds both the claimed person's
 * similarity and whether anyone scores higher. Verified only when the claimed person's user reaches the threshold
 * and no other user is more similar. People without valid consent (when consent is required) count as not enrolled:
 * the claimed one is answered NOT_ENROLLED, others cannot outscore.
 */
final class VerificationService {

    /** Rekognition's largest {@code MaxUsers}. */
    static final int MAX_USERS = 500;

    private final RekognitionClient rekognition;
    private final Tenant tenant;
    private final String collectionId;
    private final float threshold;
    private final PeopleDirectory people;
    private final ConsentGate consent;

    VerificationService(
            RekognitionClient rekognition,
            Tenant tenant,
            float threshold,
            PeopleDirectory people,
            ConsentGate consent) {
        this.rekognition = rekognition;
        this.tenant = tenant;
        this.collectionId = tenant.collectionId();
        this.threshold = threshold;
        this.people = people;
        this.consent = consent;
    }

    Verification verify(String personId, ProbeImage probe) {
        if (people.profile(personId) == null || !consent.allows(tenant, personId)) {
            throw new ApiException(404, "NOT_ENROLLED", "no person is enrolled under this id");
        }
        SearchUsersByImageResponse response;
        try {
            response = rekognition.searchUsersByImage(b -> b.collectionId(collectionId)
                    .image(probe.rekognitionImage())
                    .userMatchThreshold(0f)
                    .maxUsers(MAX_USERS)
                    .qualityFilter(QualityFilter.AUTO));
        } catch (InvalidParameterException noFace) {
            if (RekognitionErrors.isRetryable(noFace)) {
                throw RekognitionFailures.toApi(noFace);
            }
            return undecided(personId, VerificationReason.NO_FACE, 0);
        }
        int unsearched =
                response.hasUnsearchedFaces() ? response.unsearchedFaces().size() : 0;
        if (response.searchedFace() == null) {
            return undecided(
                    personId,
                    unsearched == 0 ? VerificationReason.NO_FACE : VerificationReason.LOW_QUALITY,
                    unsearched);
        }
        Float claimed = null;
        for (UserMatch match : response.userMatches()) {
            if (match.user() != null
                    && match.similarity() != null
                    && personId.equals(match.user().userId())) {
                claimed = match.similarity();
            }
        }
        int faceCount = unsearched + 1;
        if (claimed == null) {
            // Every user comes back up to MAX_USERS: a full page without the person means that many scored higher;
            // a shorter one means the person has no user vector to compare with.
            boolean fullPage = response.userMatches().size() >= MAX_USERS;
            return new Verification(
                    false,
                    personId,
                    null,
                    threshold,
                    fullPage ? null : VerificationReason.NOT_ENROLLED,
                    faceCount,
                    fullPage);
        }
        List<String> higher = new ArrayList<>();
        for (UserMatch match : response.userMatches()) {
            if (match.user() != null
                    && match.similarity() != null
                    && !personId.equals(match.user().userId())
                    && match.similarity() > claimed) {
                higher.add(match.user().userId());
            }
        }
        boolean outscored = !consent.lacking(tenant, higher).containsAll(higher);
        return new Verification(
                claimed >= threshold && !outscored, personId, claimed, threshold, null, faceCount, outscored);
    }

    private Verification undecided(String personId, VerificationReason reason, int faceCount) {
        return new Verification(false, personId, null, threshold, reason, faceCount, false);
    }
}
