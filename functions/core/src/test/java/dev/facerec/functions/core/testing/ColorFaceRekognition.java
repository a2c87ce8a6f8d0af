package dev.facerec.functions.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.functions.core.image.ByteSource;
import dev.facerec.functions.core.image.ImageHeaderReader;
import dev.facerec.functions.core.status.RejectedException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A Rekognition collection for the {@link RekognitionStub} in which faces are the {@link FaceColor} squares of
 * synthetic images. Every answer is computed from the request: images are read from the request's bytes or from S3
 * (the same store the functions use), faces are found in the pixels, identities are their colours. It keeps faces
 * and users like Rekognition does (users, associations, deletion rules, unindexed faces with reasons), so the
 * functions' logic runs against real behaviour until the local face engine replaces it for the happy paths.
 */
public final class ColorFaceRekognition {

  /** The face model version the stub reports. */
  public static final String MODEL_VERSION = "color-stub-1";
  /** The similarity reported for a face of the same colour. */
  public static final float SAME_COLOR_SIMILARITY = 99.1f;
  /** The head pose every face is given (distinct values, so that a mix-up shows). */
  public static final double POSE_ROLL = 1.5;
  public static final double POSE_YAW = -2.5;
  public static final double POSE_PITCH = 3.5;
  /** Faces smaller than this (in pixels) are unindexed as SMALL_BOUNDING_BOX under the AUTO quality filter. */
  public static final int MIN_INDEXED_SIDE = 40;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final S3Client s3;
  private final Set<String> collections = ConcurrentHashMap.newKeySet();
  private final Map<String, StoredFace> faces = new ConcurrentHashMap<>();
  private final Map<String, String> users = new ConcurrentHashMap<>();

  /** A face in the collection. */
  private record StoredFace(String collection, String faceId, FaceColor color, String externalImageId,
      String imageId, String userId) {
    StoredFace withUser(String user) {
      return new StoredFace(collection, faceId, color, externalImageId, imageId, user);
    }
  }

  public ColorFaceRekognition(S3Client s3) {
    this.s3 = s3;
  }

  public ColorFaceRekognition createCollection(String collectionId) {
    collections.add(collectionId);
    return this;
  }

  /** Answers every operation the functions use through {@code stub}. */
  public ColorFaceRekognition installOn(RekognitionStub stub) {
    stub.on("IndexFaces", guarded(this::indexFaces))
        .on("DetectFaces", guarded(this::detectFaces))
        .on("CreateUser", guarded(this::createUser))
        .on("DeleteUser", guarded(this::deleteUser))
        .on("AssociateFaces", guarded(this::associateFaces))
        .on("DisassociateFaces", guarded(this::disassociateFaces))
        .on("DeleteFaces", guarded(this::deleteFaces))
        .on("SearchUsersByImage", guarded(this::searchUsersByImage))
        .on("ListFaces", guarded(this::listFaces));
    return this;
  }

  /** The ids of the faces in a collection. */
  public List<String> faceIds(String collectionId) {
    return faces.values().stream().filter(f -> f.collection().equals(collectionId)).map(StoredFace::faceId).toList();
  }

  /** The user a face is associated with, or {@code null}. */
  public String userOf(String faceId) {
    StoredFace face = faces.get(faceId);
    return face == null ? null : face.userId();
  }

  /** The user ids of a collection. */
  public List<String> userIds(String collectionId) {
    return users.entrySet().stream().filter(e -> e.getValue().equals(collectionId)).map(Map.Entry::getKey).toList();
  }

  /** Forgets every face and user (collections stay). */
  public void clear() {
    faces.clear();
    users.clear();
  }

  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StubReply reply;

    Refusal(StubReply reply) {
      super(reply.body().path("message").asText());
      this.reply = reply;
    }
  }

  private Function<JsonNode, StubReply> guarded(Function<JsonNode, ObjectNode> operation) {
    return request -> {
      try {
        return StubReply.ok(operation.apply(request));
      } catch (Refusal refusal) {
        return refusal.reply;
      }
    };
  }

  private String collection(JsonNode request) {
    String id = request.path("CollectionId").asText();
    if (!collections.contains(id)) {
      throw new Refusal(StubReply.resourceNotFound("The collection id: " + id + " does not exist"));
    }
    return id;
  }

  private BufferedImage image(JsonNode request) {
    JsonNode image = request.path("Image");
    byte[] bytes;
    if (image.hasNonNull("Bytes")) {
      bytes = Base64.getDecoder().decode(image.get("Bytes").asText());
    } else {
      JsonNode object = image.path("S3Object");
      try {
        bytes = s3.getObject(b -> b.bucket(object.path("Bucket").asText()).key(object.path("Name").asText())
            .versionId(object.hasNonNull("Version") ? object.get("Version").asText() : null),
            ResponseTransformer.toBytes()).asByteArray();
      } catch (S3Exception e) {
        throw new Refusal(StubReply.error(400, "InvalidS3ObjectException", "Unable to get object metadata from S3"));
      }
    }
    try {
      BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
      if (decoded == null) {
        throw new Refusal(StubReply.invalidImageFormat());
      }
      return oriented(decoded, ImageHeaderReader.read(ByteSource.of(bytes)).orientation());
    } catch (RejectedException | IOException e) {
      throw new Refusal(StubReply.invalidImageFormat());
    }
  }

  /**
   * Applies an EXIF orientation as Rekognition does (geometry refers to the displayed image), pixel by pixel: an
   * implementation independent of the functions' own.
   */
  private static BufferedImage oriented(BufferedImage stored, int orientation) {
    if (orientation <= 1) {
      return stored;
    }
    int w = stored.getWidth();
    int h = stored.getHeight();
    boolean transposed = orientation >= 5;
    BufferedImage out = new BufferedImage(transposed ? h : w, transposed ? w : h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int[] from = switch (orientation) {
          case 2 -> new int[] {w - 1 - x, y};
          case 3 -> new int[] {w - 1 - x, h - 1 - y};
          case 4 -> new int[] {x, h - 1 - y};
          case 5 -> new int[] {y, x};
          case 6 -> new int[] {y, h - 1 - x};
          case 7 -> new int[] {w - 1 - y, h - 1 - x};
          default -> new int[] {w - 1 - y, x};
        };
        out.setRGB(x, y, stored.getRGB(from[0], from[1]));
      }
    }
    return out;
  }

  private ObjectNode indexFaces(JsonNode request) {
    String collection = collection(request);
    BufferedImage image = image(request);
    int maxFaces = request.path("MaxFaces").asInt(100);
    boolean filter = !"NONE".equals(request.path("QualityFilter").asText("AUTO"));
    String imageId = UUID.randomUUID().toString();
    String externalImageId = request.hasNonNull("ExternalImageId") ? request.get("ExternalImageId").asText() : null;
    ObjectNode response = JSON.createObjectNode();
    ArrayNode records = response.putArray("FaceRecords");
    ArrayNode unindexed = response.putArray("UnindexedFaces");
    int indexed = 0;
    for (ColorFace found : ColorFaces.detect(image)) {
      ObjectNode detail = faceDetail(found, image, false);
      boolean small = Math.min(found.box().width, found.box().height) < MIN_INDEXED_SIDE;
      if ((filter && small) || indexed >= maxFaces) {
        ObjectNode skipped = unindexed.addObject();
        skipped.putArray("Reasons").add(filter && small ? "SMALL_BOUNDING_BOX" : "EXCEEDS_MAX_FACES");
        skipped.set("FaceDetail", detail);
        continue;
      }
      indexed++;
      String faceId = UUID.randomUUID().toString();
      faces.put(faceId, new StoredFace(collection, faceId, found.color(), externalImageId, imageId, null));
      ObjectNode record = records.addObject();
      ObjectNode face = record.putObject("Face");
      face.put("FaceId", faceId);
      face.set("BoundingBox", detail.get("BoundingBox"));
      face.put("ImageId", imageId);
      if (externalImageId != null) {
        face.put("ExternalImageId", externalImageId);
      }
      face.put("Confidence", 99.9);
      face.put("IndexFacesModelVersion", MODEL_VERSION);
      record.set("FaceDetail", detail);
    }
    response.put("FaceModelVersion", MODEL_VERSION);
    return response;
  }

  private ObjectNode detectFaces(JsonNode request) {
    BufferedImage image = image(request);
    boolean all = false;
    for (JsonNode attribute : request.path("Attributes")) {
      all |= "ALL".equals(attribute.asText());
    }
    ObjectNode response = JSON.createObjectNode();
    ArrayNode details = response.putArray("FaceDetails");
    for (ColorFace found : ColorFaces.detect(image)) {
      details.add(faceDetail(found, image, all));
    }
    return response;
  }

  private ObjectNode createUser(JsonNode request) {
    String collection = collection(request);
    String userId = request.path("UserId").asText();
    if (users.putIfAbsent(userId, collection) != null) {
      throw new Refusal(StubReply.error(400, "ConflictException", "A User with the same Id already exists"));
    }
    return JSON.createObjectNode();
  }

  private ObjectNode deleteUser(JsonNode request) {
    collection(request);
    String userId = request.path("UserId").asText();
    if (users.remove(userId) == null) {
      throw new Refusal(StubReply.resourceNotFound("The user id: " + userId + " does not exist"));
    }
    faces.replaceAll((id, face) -> userId.equals(face.userId()) ? face.withUser(null) : face);
    return JSON.createObjectNode();
  }

  private ObjectNode associateFaces(JsonNode request) {
    String collection = collection(request);
    String userId = user(request);
    Set<FaceColor> known = new java.util.HashSet<>();
    faces.values().stream().filter(f -> userId.equals(f.userId())).forEach(f -> known.add(f.color()));
    ObjectNode response = JSON.createObjectNode();
    ArrayNode associated = response.putArray("AssociatedFaces");
    ArrayNode unsuccessful = response.putArray("UnsuccessfulFaceAssociations");
    for (JsonNode id : request.path("FaceIds")) {
      StoredFace face = faces.get(id.asText());
      String reason = null;
      if (face == null || !face.collection().equals(collection)) {
        reason = "FACE_NOT_FOUND";
      } else if (face.userId() != null && !face.userId().equals(userId)) {
        reason = "ASSOCIATED_TO_A_DIFFERENT_USER";
      } else if (!known.isEmpty() && !known.contains(face.color())) {
        reason = "LOW_MATCH_CONFIDENCE";
      }
      if (reason == null) {
        faces.put(face.faceId(), face.withUser(userId));
        associated.addObject().put("FaceId", face.faceId());
      } else {
        failure(unsuccessful, id.asText(), userId, reason);
      }
    }
    response.put("UserStatus", "ACTIVE");
    return response;
  }

  private ObjectNode disassociateFaces(JsonNode request) {
    collection(request);
    String userId = user(request);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode done = response.putArray("DisassociatedFaces");
    ArrayNode unsuccessful = response.putArray("UnsuccessfulFaceDisassociations");
    for (JsonNode id : request.path("FaceIds")) {
      StoredFace face = faces.get(id.asText());
      if (face != null && userId.equals(face.userId())) {
        faces.put(face.faceId(), face.withUser(null));
        done.addObject().put("FaceId", face.faceId());
      } else {
        failure(unsuccessful, id.asText(), userId,
            face == null ? "FACE_NOT_FOUND" : "ASSOCIATED_TO_A_DIFFERENT_USER");
      }
    }
    response.put("UserStatus", "ACTIVE");
    return response;
  }

  private ObjectNode deleteFaces(JsonNode request) {
    String collection = collection(request);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode deleted = response.putArray("DeletedFaces");
    ArrayNode unsuccessful = response.putArray("UnsuccessfulFaceDeletions");
    for (JsonNode id : request.path("FaceIds")) {
      StoredFace face = faces.get(id.asText());
      String reason = face == null || !face.collection().equals(collection) ? "FACE_NOT_FOUND"
          : face.userId() != null ? "ASSOCIATED_TO_AN_EXISTING_USER" : null;
      if (reason == null) {
        faces.remove(face.faceId());
        deleted.add(face.faceId());
      } else {
        failure(unsuccessful, id.asText(), null, reason);
      }
    }
    return response;
  }

  private ObjectNode searchUsersByImage(JsonNode request) {
    String collection = collection(request);
    BufferedImage image = image(request);
    List<ColorFace> found = ColorFaces.detect(image);
    if (found.isEmpty()) {
      throw new Refusal(StubReply.invalidParameter("There are no faces in the image. Should be at least 1."));
    }
    ColorFace largest = found.get(0);
    double threshold = request.path("UserMatchThreshold").asDouble(80);
    int maxUsers = request.path("MaxUsers").asInt(1);
    Map<String, Boolean> matches = new LinkedHashMap<>();
    faces.values().stream()
        .filter(f -> f.collection().equals(collection) && f.userId() != null && f.color() == largest.color())
        .forEach(f -> matches.put(f.userId(), true));
    ObjectNode response = JSON.createObjectNode();
    ArrayNode userMatches = response.putArray("UserMatches");
    if (SAME_COLOR_SIMILARITY >= threshold) {
      matches.keySet().stream().limit(maxUsers).forEach(userId -> {
        ObjectNode match = userMatches.addObject();
        match.put("Similarity", SAME_COLOR_SIMILARITY);
        match.putObject("User").put("UserId", userId).put("UserStatus", "ACTIVE");
      });
    }
    response.put("FaceModelVersion", MODEL_VERSION);
    response.putObject("SearchedFace").set("FaceDetail", faceDetail(largest, image, false));
    ArrayNode unsearched = response.putArray("UnsearchedFaces");
    for (ColorFace other : found.subList(1, found.size())) {
      ObjectNode face = unsearched.addObject();
      face.set("FaceDetails", faceDetail(other, image, false));
      face.putArray("Reasons").add("FACE_NOT_LARGEST");
    }
    return response;
  }

  private ObjectNode listFaces(JsonNode request) {
    String collection = collection(request);
    String userId = request.hasNonNull("UserId") ? request.get("UserId").asText() : null;
    ObjectNode response = JSON.createObjectNode();
    ArrayNode list = response.putArray("Faces");
    List<StoredFace> selected = new ArrayList<>(faces.values());
    selected.removeIf(f -> !f.collection().equals(collection) || (userId != null && !userId.equals(f.userId())));
    for (StoredFace face : selected) {
      ObjectNode item = list.addObject();
      item.put("FaceId", face.faceId());
      item.put("ImageId", face.imageId());
      if (face.externalImageId() != null) {
        item.put("ExternalImageId", face.externalImageId());
      }
      if (face.userId() != null) {
        item.put("UserId", face.userId());
      }
    }
    response.put("FaceModelVersion", MODEL_VERSION);
    return response;
  }

  /** An entry of an Unsuccessful… list: the face, its user (when the operation names one) and the reason. */
  private static void failure(ArrayNode unsuccessful, String faceId, String userId, String reason) {
    ObjectNode failure = unsuccessful.addObject();
    failure.put("FaceId", faceId);
    if (userId != null) {
      failure.put("UserId", userId);
    }
    failure.putArray("Reasons").add(reason);
  }

  private String user(JsonNode request) {
    String userId = request.path("UserId").asText();
    if (!users.containsKey(userId)) {
      throw new Refusal(StubReply.resourceNotFound("The user id: " + userId + " does not exist"));
    }
    return userId;
  }

  /** Rekognition's FaceDetail for a found face; with {@code all}, the attributes DetectFaces gives for ALL. */
  private static ObjectNode faceDetail(ColorFace found, BufferedImage image, boolean all) {
    Rectangle box = found.box();
    double w = image.getWidth();
    double h = image.getHeight();
    ObjectNode detail = JSON.createObjectNode();
    ObjectNode bounding = detail.putObject("BoundingBox");
    bounding.put("Width", box.width / w).put("Height", box.height / h).put("Left", box.x / w).put("Top", box.y / h);
    detail.put("Confidence", 99.9);
    ArrayNode landmarks = detail.putArray("Landmarks");
    landmark(landmarks, "eyeLeft", box, 0.3, 0.35, w, h);
    landmark(landmarks, "eyeRight", box, 0.7, 0.35, w, h);
    landmark(landmarks, "nose", box, 0.5, 0.55, w, h);
    landmark(landmarks, "mouthLeft", box, 0.35, 0.75, w, h);
    landmark(landmarks, "mouthRight", box, 0.65, 0.75, w, h);
    detail.putObject("Pose").put("Roll", POSE_ROLL).put("Yaw", POSE_YAW).put("Pitch", POSE_PITCH);
    detail.putObject("Quality").put("Brightness", 80.0).put("Sharpness", 90.0);
    if (all) {
      int ordinal = found.color().ordinal();
      detail.putObject("AgeRange").put("Low", 20 + 5 * ordinal).put("High", 28 + 5 * ordinal);
      detail.putObject("Gender").put("Value", ordinal % 2 == 0 ? "Female" : "Male").put("Confidence", 95.0);
      ArrayNode emotions = detail.putArray("Emotions");
      // Least confident first, as Rekognition does not promise an order: the result must sort them.
      emotions.addObject().put("Type", "CALM").put("Confidence", 8.0);
      emotions.addObject().put("Type", "HAPPY").put("Confidence", 90.0);
      detail.putObject("Smile").put("Value", true).put("Confidence", 90.0);
    }
    return detail;
  }

  private static void landmark(ArrayNode landmarks, String type, Rectangle box, double fx, double fy, double w,
      double h) {
    landmarks.addObject().put("Type", type).put("X", (box.x + fx * box.width) / w)
        .put("Y", (box.y + fy * box.height) / h);
  }
}
