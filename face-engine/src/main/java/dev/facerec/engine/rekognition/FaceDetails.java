package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.analysis.DetectedFace;
import dev.facerec.engine.analysis.FaceAttributes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Rekognition's {@code FaceDetail}, and which of its attributes a request asked for ({@code Attributes} of
 * DetectFaces, {@code DetectionAttributes} of IndexFaces). The default ones (box, confidence, landmarks, pose,
 * quality) always come. Of the others, those the models estimate are given when asked for; Rekognition's beard,
 * mustache, eyeglasses, sunglasses, face-occluded and eye-direction attributes have no model here and are left out,
 * never invented.
 */
final class FaceDetails {

    /** The optional attributes this server can give. */
    enum Attribute {
        AGE_RANGE,
        EMOTIONS,
        EYES_OPEN,
        GENDER,
        MOUTH_OPEN,
        SMILE
    }

    /** Attribute names Rekognition accepts but the models cannot estimate: accepted, and left out. */
    private static final Set<String> UNSUPPORTED =
            Set.of("BEARD", "EYE_DIRECTION", "EYEGLASSES", "FACE_OCCLUDED", "MUSTACHE", "SUNGLASSES");

    private FaceDetails() {}

    /** The optional attributes requested in {@code member} (absent or {@code DEFAULT}: none). */
    static Set<Attribute> requested(RequestReader request, String member) {
        Set<Attribute> attributes = EnumSet.noneOf(Attribute.class);
        for (String name : request.stringList(member, 0, 20, null, 32)) {
            if (name.equals("ALL")) {
                attributes.addAll(EnumSet.allOf(Attribute.class));
            } else if (!name.equals("DEFAULT") && !UNSUPPORTED.contains(name)) {
                try {
                    attributes.add(Attribute.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw RequestReader.violation(
                            member,
                            "Member must satisfy enum value set: [DEFAULT, ALL, AGE_RANGE, "
                                    + "BEARD, EMOTIONS, EYE_DIRECTION, EYEGLASSES, EYES_OPEN, GENDER, MOUTH_OPEN, MUSTACHE, "
                                    + "FACE_OCCLUDED, SMILE, SUNGLASSES]");
                }
            }
        }
        return attributes;
    }

    static ObjectNode write(DetectedFace face, Set<Attribute> attributes) {
        ObjectNode node = Json.object();
        node.set(
                "BoundingBox",
                Json.box(
                        face.box().left(),
                        face.box().top(),
                        face.box().width(),
                        face.box().height()));
        FaceAttributes a = face.attributes();
        if (a != null) {
            writeAttributes(node, a, attributes);
        }
        ArrayNode landmarks = node.putArray("Landmarks");
        for (DetectedFace.Landmark l : face.landmarks()) {
            landmarks.addObject().put("Type", l.type()).put("X", l.x()).put("Y", l.y());
        }
        node.putObject("Pose")
                .put("Roll", face.pose().roll())
                .put("Yaw", face.pose().yaw())
                .put("Pitch", face.pose().pitch());
        node.putObject("Quality")
                .put("Brightness", face.quality().brightness())
                .put("Sharpness", face.quality().sharpness());
        node.put("Confidence", face.confidence());
        return node;
    }

    private static void writeAttributes(ObjectNode node, FaceAttributes a, Set<Attribute> attributes) {
        if (attributes.contains(Attribute.AGE_RANGE)) {
            node.putObject("AgeRange").put("Low", a.ageLow()).put("High", a.ageHigh());
        }
        if (attributes.contains(Attribute.SMILE)) {
            node.putObject("Smile").put("Value", a.smile()).put("Confidence", a.smileConfidence());
        }
        if (attributes.contains(Attribute.GENDER)) {
            node.putObject("Gender").put("Value", a.gender()).put("Confidence", a.genderConfidence());
        }
        if (attributes.contains(Attribute.EYES_OPEN)) {
            node.putObject("EyesOpen").put("Value", a.eyesOpen()).put("Confidence", a.eyesOpenConfidence());
        }
        if (attributes.contains(Attribute.MOUTH_OPEN)) {
            node.putObject("MouthOpen").put("Value", a.mouthOpen()).put("Confidence", a.mouthOpenConfidence());
        }
        if (attributes.contains(Attribute.EMOTIONS)) {
            ArrayNode emotions = node.putArray("Emotions");
            for (FaceAttributes.Emotion e : a.emotions()) {
                emotions.addObject().put("Type", e.type()).put("Confidence", e.confidence());
            }
        }
    }
}
