package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One face of a recognition result, read from the result JSON: its box (ratios of the image size), who it is (or
 * unknown) and how similar.
 *
 * @param left the box's left edge, 0 to 1
 * @param top the box's top edge, 0 to 1
 * @param width the box's width, 0 to 1
 * @param height the box's height, 0 to 1
 * @param personId the person, or {@code null} when unknown
 * @param name the person's display name, or {@code null}
 * @param similarity the similarity in percent, or {@code null}
 */
record RecognizedFace(
        double left, double top, double width, double height, String personId, String name, Double similarity) {

    /** The faces of a result document (schema version 1: {@code faces[].boundingBox}, {@code faces[].identity}). */
    static List<RecognizedFace> of(JsonNode result) {
        List<RecognizedFace> faces = new ArrayList<>();
        for (JsonNode face : result.path("faces")) {
            JsonNode box = face.path("boundingBox");
            JsonNode identity = face.path("identity");
            JsonNode similarity = identity.path("similarity");
            faces.add(new RecognizedFace(
                    box.path("left").asDouble(),
                    box.path("top").asDouble(),
                    box.path("width").asDouble(),
                    box.path("height").asDouble(),
                    text(identity.path("personId")),
                    text(identity.path("name")),
                    similarity.isNumber() ? similarity.asDouble() : null));
        }
        return faces;
    }

    /** Whether the face was matched to an enrolled person. */
    boolean identified() {
        return personId != null;
    }

    /** How the face is labelled: the name (or person id) and similarity, or "unknown". */
    String label() {
        if (!identified()) {
            return "unknown";
        }
        String who = name != null ? name : personId;
        return similarity == null ? who : String.format(Locale.ROOT, "%s (%.1f%%)", who, similarity);
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }
}
