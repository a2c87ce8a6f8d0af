package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.store.FaceBox;
import dev.facerec.engine.store.StoredFace;
import java.util.List;

/** The JSON mapper and the response shapes several operations share. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Sorts map keys, for request fingerprints. */
    static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode box(float left, float top, float width, float height) {
        ObjectNode box = object();
        box.put("Width", width);
        box.put("Height", height);
        box.put("Left", left);
        box.put("Top", top);
        return box;
    }

    static ObjectNode box(FaceBox box) {
        return box(box.left(), box.top(), box.width(), box.height());
    }

    /** Rekognition's {@code Face}: a face stored in a collection. */
    static ObjectNode face(StoredFace face) {
        ObjectNode node = object();
        node.put("FaceId", face.faceId());
        node.set("BoundingBox", box(face.box()));
        node.put("ImageId", face.imageId());
        if (face.externalImageId() != null) {
            node.put("ExternalImageId", face.externalImageId());
        }
        node.put("Confidence", face.confidence());
        node.put("IndexFacesModelVersion", face.indexFacesModelVersion());
        if (face.userId() != null) {
            node.put("UserId", face.userId());
        }
        return node;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A list of {@code {"FaceId": ...}} objects. */
    static ArrayNode faceIds(List<String> faceIds) {
        ArrayNode array = MAPPER.createArrayNode();
        faceIds.forEach(id -> array.addObject().put("FaceId", id));
        return array;
    }
}
