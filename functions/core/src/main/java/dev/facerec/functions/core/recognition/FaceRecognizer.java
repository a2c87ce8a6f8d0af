package dev.facerec.functions.core.recognition;

import dev.facerec.functions.core.consent.ConsentGate;
import dev.facerec.functions.core.tenant.Tenant;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;

/**
 * Identifies every face DetectFaces found in a decoded photo: each face is cropped ({@link FaceCropper}) and searched
 * among the collection's users ({@link FaceIdentifier}); the identified people's names and watch lists come from
 * their person rows ({@link PersonProfiles}). A person without valid consent (when consent is required) is answered as
 * an unknown face ({@link ConsentGate}). Shared by the recognition function and the identity API.
 */
public final class FaceRecognizer {

    private final RekognitionClient rekognition;
    private final PersonProfiles profiles;
    private final float threshold;
    private final ConsentGate consent;

    /** A recognizer that names everyone it identifies (consent not required). */
    public FaceRecognizer(RekognitionClient rekognition, DynamoDbClient dynamoDb, String table, float threshold) {
        this(rekognition, dynamoDb, table, threshold, ConsentGate.OPEN);
    }

    /** A recognizer that names only the people {@code consent} lets through. */
    public FaceRecognizer(
            RekognitionClient rekognition,
            DynamoDbClient dynamoDb,
            String table,
            float threshold,
            ConsentGate consent) {
        this.rekognition = rekognition;
        this.profiles = new PersonProfiles(dynamoDb, table);
        this.threshold = threshold;
        this.consent = consent;
    }

    /** The faces of {@code image} ({@code details} in DetectFaces' order), each with its identity and profile. */
    public List<RecognizedFace> identify(Tenant tenant, BufferedImage image, List<FaceDetail> details) {
        FaceIdentifier identifier =
                new FaceIdentifier(rekognition, tenant.collectionId(), threshold, !tenant.isShared());
        List<BoundingBox> boxes = details.stream().map(FaceDetail::boundingBox).toList();
        List<Identity> identities = new ArrayList<>(details.size());
        for (int i = 0; i < details.size(); i++) {
            identities.add(
                    boxes.get(i) == null
                            ? Identity.notSearched("no bounding box")
                            : identifier.identify(FaceCropper.crop(image, boxes, i)));
        }
        List<String> named = identities.stream()
                .filter(id -> id.personId() != null)
                .map(Identity::personId)
                .toList();
        Set<String> withoutConsent = consent.lacking(tenant, named);
        for (int i = 0; i < identities.size(); i++) {
            if (withoutConsent.contains(identities.get(i).personId())) {
                identities.set(i, Identity.unknown());
            }
        }
        Map<String, PersonProfile> people = profiles.of(
                tenant,
                named.stream().filter(id -> !withoutConsent.contains(id)).toList());
        List<RecognizedFace> faces = new ArrayList<>(details.size());
        for (int i = 0; i < details.size(); i++) {
            Identity identity = identities.get(i);
            PersonProfile profile = identity.personId() == null
                    ? PersonProfile.NONE
                    : people.getOrDefault(identity.personId(), PersonProfile.NONE);
            faces.add(new RecognizedFace(details.get(i), identity, profile));
        }
        return faces;
    }

    /** The threshold a match must reach, in percent. */
    public float threshold() {
        return threshold;
    }
}
