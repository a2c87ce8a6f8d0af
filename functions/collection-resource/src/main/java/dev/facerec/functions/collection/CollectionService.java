package dev.facerec.functions.collection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.CreateCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.DescribeCollectionResponse;
import software.amazon.awssdk.services.rekognition.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.rekognition.model.ResourceNotFoundException;

/**
 * The Rekognition side of the custom resource: make sure the resource's collection exists with its tags, or remove
 * it. A collection is the resource's only when its {@link CollectionOwner#TAG} says so.
 */
final class CollectionService {

    private final RekognitionClient rekognition;

    CollectionService(RekognitionClient rekognition) {
        this.rekognition = rekognition;
    }

    /**
     * Returns the collection, creating it (tagged with its owner and {@code tags}) when absent. An existing one is
     * taken when it carries {@code owner}'s tag (a repeated request), when {@code ours} (an Update of the
     * collection this resource already has), or when {@code adopt}; otherwise {@link CollectionNotOwnedException}.
     * A collection that is taken has its tags brought to {@code tags}: added or changed, and those of
     * {@code oldTags} no longer wanted removed.
     */
    CollectionState ensure(
            String collectionId,
            CollectionOwner owner,
            boolean ours,
            boolean adopt,
            Map<String, String> tags,
            Map<String, String> oldTags) {
        CollectionState state;
        try {
            state = describe(collectionId);
        } catch (ResourceNotFoundException absent) {
            try {
                return create(collectionId, owner, tags);
            } catch (ResourceAlreadyExistsException createdMeanwhile) {
                state = describe(collectionId);
            }
        }
        if (!ours && !adopt && !owner.value().equals(tags(state).get(CollectionOwner.TAG))) {
            throw new CollectionNotOwnedException(collectionId);
        }
        retag(state.arn(), owner, tags, oldTags);
        return state;
    }

    /**
     * Deletes the collection and every face and user in it, when it carries {@code owner}'s tag; a collection that
     * is already gone, or that another resource owns, is left alone. Returns whether it was deleted.
     */
    boolean delete(String collectionId, CollectionOwner owner) {
        try {
            if (!owner.value().equals(tags(describe(collectionId)).get(CollectionOwner.TAG))) {
                return false;
            }
            rekognition.deleteCollection(request -> request.collectionId(collectionId));
            return true;
        } catch (ResourceNotFoundException alreadyGone) {
            return false;
        }
    }

    private CollectionState create(String collectionId, CollectionOwner owner, Map<String, String> tags) {
        CreateCollectionResponse created = rekognition.createCollection(
                request -> request.collectionId(collectionId).tags(withOwner(owner, tags)));
        return CollectionState.of(collectionId, created.collectionArn(), created.faceModelVersion());
    }

    private void retag(String arn, CollectionOwner owner, Map<String, String> tags, Map<String, String> oldTags) {
        rekognition.tagResource(r -> r.resourceArn(arn).tags(withOwner(owner, tags)));
        List<String> dropped = oldTags.keySet().stream()
                .filter(key -> !tags.containsKey(key) && !key.equals(CollectionOwner.TAG))
                .toList();
        if (!dropped.isEmpty()) {
            rekognition.untagResource(r -> r.resourceArn(arn).tagKeys(dropped));
        }
    }

    private static Map<String, String> withOwner(CollectionOwner owner, Map<String, String> tags) {
        Map<String, String> all = new HashMap<>(tags);
        all.put(CollectionOwner.TAG, owner.value());
        return all;
    }

    private Map<String, String> tags(CollectionState state) {
        return rekognition
                .listTagsForResource(request -> request.resourceArn(state.arn()))
                .tags();
    }

    private CollectionState describe(String collectionId) {
        DescribeCollectionResponse described =
                rekognition.describeCollection(request -> request.collectionId(collectionId));
        return CollectionState.of(collectionId, described.collectionARN(), described.faceModelVersion());
    }
}
