package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.store.CollectionInfo;
import dev.facerec.engine.store.Page;
import dev.facerec.engine.store.StoredCollection;
import java.util.List;
import java.util.Map;

/** CreateCollection, DescribeCollection, ListCollections, DeleteCollection. */
final class CollectionOperations {

    private static final int DEFAULT_PAGE = 1000;

    private final ServiceContext context;

    CollectionOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("CreateCollection", this::create);
        operations.put("DescribeCollection", this::describe);
        operations.put("ListCollections", this::list);
        operations.put("DeleteCollection", this::delete);
    }

    private JsonNode create(RequestReader request) {
        String id = request.collectionId();
        Map<String, String> tags = request.tags("Tags", false);
        if (tags.size() > Constraints.MAX_TAGS_PER_RESOURCE) {
            throw TagOperations.tooManyTags();
        }
        CollectionInfo info = new CollectionInfo(
                id,
                context.collectionArn(id),
                context.engine.faceModelVersion(),
                context.engine.embeddingDimension(),
                System.currentTimeMillis(),
                tags);
        context.store
                .create(info)
                .orElseThrow(() -> new RekognitionException(
                        ErrorType.RESOURCE_ALREADY_EXISTS, "The collection id: " + id + " already exists"));
        ObjectNode response = Json.object();
        response.put("StatusCode", 200);
        response.put("CollectionArn", info.arn());
        response.put("FaceModelVersion", info.faceModelVersion());
        return response;
    }

    private JsonNode describe(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        CollectionInfo info = collection.info();
        ObjectNode response = Json.object();
        response.put("FaceCount", collection.faceCount());
        response.put("FaceModelVersion", info.faceModelVersion());
        response.put("CollectionARN", info.arn());
        response.put("CreationTimestamp", info.createdMillis() / 1000.0);
        response.put("UserCount", collection.userCount());
        return response;
    }

    private JsonNode list(RequestReader request) {
        int max = request.optionalInt("MaxResults", 0, 4096, DEFAULT_PAGE);
        Page<CollectionInfo> page = context.store.list(PageTokens.decode(request), max == 0 ? DEFAULT_PAGE : max);
        ObjectNode response = Json.object();
        ArrayNode ids = response.putArray("CollectionIds");
        ArrayNode versions = response.putArray("FaceModelVersions");
        for (CollectionInfo info : page.items()) {
            ids.add(info.collectionId());
            versions.add(info.faceModelVersion());
        }
        if (page.more()) {
            response.put("NextToken", PageTokens.encode(last(page.items()).collectionId()));
        }
        return response;
    }

    private JsonNode delete(RequestReader request) {
        String id = request.collectionId();
        if (!context.store.delete(id)) {
            throw RekognitionException.collectionNotFound(id);
        }
        ObjectNode response = Json.object();
        response.put("StatusCode", 200);
        return response;
    }

    static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }
}
