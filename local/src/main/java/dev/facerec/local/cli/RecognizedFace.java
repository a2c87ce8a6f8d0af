package dev.facerec.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One face of a recognition result, read from the result JSON: its box (ratios of the image size), who it is (or
 * unknown) and how similar. Member names are matched without regard to case.
 *
 * @param left the box's left edge, 0 to 1
 * @param top the box's top edge, 0 to 1
 * @param width the box's width, 0 to 1
 * @param height the box's height, 0 to 1
 * @param personId the person, or {@code null} when unknown
 * @param name the person's display name, or {@code null}
 * @param similarity the similarity in percent, or {@code null}
 */
record RecognizedFace(double left, double top, double width, double height, String personId, String name,
    Double similarity) {

  /** The faces of a result document ({@code faces} array). */
  static List<RecognizedFace> of(JsonNode result) {
    List<RecognizedFace> faces = new ArrayList<>();
    for (JsonNode face : member(result, "faces")) {
      JsonNode box = member(face, "boundingBox");
      JsonNode match = member(face, "match");
      JsonNode who = match.isMissingNode() ? face : match;
      JsonNode similarity = member(who, "similarity");
      faces.add(new RecognizedFace(member(box, "left").asDouble(), member(box, "top").asDouble(),
          member(box, "width").asDouble(), member(box, "height").asDouble(), text(member(who, "personId")),
          text(member(who, "name")), similarity.isNumber() ? similarity.asDouble() : null));
    }
    return faces;
  }

  /** How the face is labelled: the name (or person id) and similarity, or "unknown". */
  String label() {
    if (personId == null) {
      return "unknown";
    }
    String who = name != null ? name : personId;
    return similarity == null ? who : String.format(Locale.ROOT, "%s (%.1f%%)", who, similarity);
  }

  private static JsonNode member(JsonNode node, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return MissingNode.getInstance();
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
  }
}
