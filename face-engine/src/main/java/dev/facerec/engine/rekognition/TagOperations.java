package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.store.StoredCollection;
import java.util.List;
import java.util.Map;

/**
 * TagResource, UntagResource, ListTagsForResource on collections (the only taggable resource here). A collection
 * holds at most 50 tags; keys starting {@code aws:} are refused.
 */
final class TagOperations {

    private final ServiceContext context;

    TagOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("TagResource", this::tag);
        operations.put("UntagResource", this::untag);
        operations.put("ListTagsForResource", this::list);
    }

    private JsonNode tag(RequestReader request) {
        StoredCollection collection = resource(request);
        change(collection, request.tags("Tags", true), List.of());
        return Json.object();
    }

    private JsonNode untag(RequestReader request) {
        StoredCollection collection = resource(request);
        List<String> keys = request.stringList(
                "TagKeys", 0, Constraints.MAX_TAGS_PER_REQUEST, Constraints.TAG_KEY, Constraints.TAG_KEY_MAX);
        change(collection, Map.of(), keys);
        return Json.object();
    }

    private JsonNode list(RequestReader request) {
        StoredCollection collection = resource(request);
        ObjectNode response = Json.object();
        ObjectNode tags = response.putObject("Tags");
        collection.tags().forEach(tags::put);
        return response;
    }

    /** Applies a change, or refuses it whole when the collection would hold more than it may. */
    static void change(StoredCollection collection, Map<String, String> added, List<String> removed) {
        if (!collection.changeTags(added, removed, Constraints.MAX_TAGS_PER_RESOURCE)) {
            throw tooManyTags();
        }
    }

    static RekognitionException tooManyTags() {
        return new RekognitionException(
                ErrorType.SERVICE_QUOTA_EXCEEDED,
                "A resource can have at most " + Constraints.MAX_TAGS_PER_RESOURCE + " tags");
    }

    private StoredCollection resource(RequestReader request) {
        String arn = request.requiredString("ResourceArn", null, 2048);
        String prefix = context.collectionArn("");
        if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
            throw new RekognitionException(ErrorType.RESOURCE_NOT_FOUND, "The resource does not exist: " + arn);
        }
        return context.collection(arn.substring(prefix.length()));
    }
}
