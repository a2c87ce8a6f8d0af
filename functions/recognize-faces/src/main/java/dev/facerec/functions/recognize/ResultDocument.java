package dev.facerec.functions.recognize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.functions.core.event.S3ObjectEvent;
import dev.facerec.functions.core.image.ImageHeader;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.Emotion;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Landmark;

/**
 * The recognition result written as JSON under the results prefix; its schema is documented in docs/functions.md
 * ("Result JSON"). Attributes Rekognition did not return are left out, never invented.
 */
public final class ResultDocument {

  /** Version of the result schema. */
  public static final int SCHEMA_VERSION = 1;

  private static final String NOTICE = "ageRange, gender and emotions are appearance-based estimates; "
      + "do not base decisions about people on them";

  private final ObjectMapper mapper;

  public ResultDocument(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The result of one photo. */
  public ObjectNode build(S3ObjectEvent source, ImageHeader header, float threshold, Instant processedAt,
      List<RecognizedFace> faces) {
    ObjectNode root = mapper.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode from = root.putObject("source");
    from.put("bucket", source.bucket());
    from.put("key", source.key());
    putIfPresent(from, "versionId", source.versionId());
    putIfPresent(from, "eTag", source.eTag());
    root.put("processedAt", processedAt.toString());
    ObjectNode image = root.putObject("image");
    image.put("format", header.format().name());
    image.put("width", header.orientedWidth());
    image.put("height", header.orientedHeight());
    root.put("faceMatchThreshold", threshold);
    root.put("faceCount", faces.size());
    root.put("identifiedCount", faces.stream()
        .filter(f -> f.identity().status() == Identity.Status.IDENTIFIED).count());
    root.put("notice", NOTICE);
    ArrayNode list = root.putArray("faces");
    for (int i = 0; i < faces.size(); i++) {
      list.add(face(i, faces.get(i)));
    }
    return root;
  }

  private ObjectNode face(int index, RecognizedFace face) {
    FaceDetail detail = face.detail();
    ObjectNode node = mapper.createObjectNode();
    node.put("index", index);
    box(node.putObject("boundingBox"), detail.boundingBox());
    if (detail.confidence() != null) {
      node.put("confidence", detail.confidence());
    }
    identity(node.putObject("identity"), face);
    if (detail.ageRange() != null) {
      node.putObject("ageRange").put("low", detail.ageRange().low()).put("high", detail.ageRange().high());
    }
    if (detail.gender() != null) {
      node.putObject("gender").put("value", detail.gender().valueAsString())
          .put("confidence", detail.gender().confidence());
    }
    if (detail.hasEmotions() && !detail.emotions().isEmpty()) {
      ArrayNode emotions = node.putArray("emotions");
      detail.emotions().stream()
          .sorted(Comparator.comparing(Emotion::confidence, Comparator.nullsLast(Comparator.reverseOrder())))
          .forEach(e -> emotions.addObject().put("type", e.typeAsString()).put("confidence", e.confidence()));
    }
    if (detail.hasLandmarks() && !detail.landmarks().isEmpty()) {
      ArrayNode landmarks = node.putArray("landmarks");
      for (Landmark landmark : detail.landmarks()) {
        landmarks.addObject().put("type", landmark.typeAsString()).put("x", landmark.x()).put("y", landmark.y());
      }
    }
    if (detail.pose() != null) {
      node.putObject("pose").put("roll", detail.pose().roll()).put("yaw", detail.pose().yaw())
          .put("pitch", detail.pose().pitch());
    }
    if (detail.quality() != null) {
      node.putObject("quality").put("brightness", detail.quality().brightness())
          .put("sharpness", detail.quality().sharpness());
    }
    return node;
  }

  private static void identity(ObjectNode node, RecognizedFace face) {
    Identity identity = face.identity();
    node.put("status", identity.status().name());
    putIfPresent(node, "personId", identity.personId());
    putIfPresent(node, "name", face.displayName());
    if (identity.similarity() != null) {
      node.put("similarity", identity.similarity());
    }
    putIfPresent(node, "detail", identity.detail());
  }

  private static void box(ObjectNode node, BoundingBox box) {
    if (box == null) {
      return;
    }
    node.put("left", box.left()).put("top", box.top()).put("width", box.width()).put("height", box.height());
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
