package dev.facerec.functions.collection;

import java.util.Map;

/**
 * The custom resource's life cycle: Create makes the collection, tagged with its owner (see
 * {@link CollectionOwner}) and the stack's tags, and refuses one of that id that it did not make unless
 * {@code AdoptExisting}; Update to a new id makes the new one and returns its id as the new physical id
 * (CloudFormation then deletes the old one, which only happens under a destroy removal policy); an Update that keeps
 * the id brings the tags up to date; Delete removes the collection only under a destroy removal policy, and only
 * when this resource owns it. Every request ends in a response, failures included.
 */
final class CollectionResource {

    /** Prefix of the physical id of a failed Create: the ':' makes it no collection id, so Delete ignores it. */
    static final String FAILED_CREATE_PREFIX = "create-failed:";

    static final String ARN = "Arn";
    static final String FACE_MODEL_VERSION = "FaceModelVersion";

    private final CollectionService collections;

    CollectionResource(CollectionService collections) {
        this.collections = collections;
    }

    CustomResourceResponse handle(CustomResourceRequest request) {
        try {
            String type = String.valueOf(request.requestType());
            return switch (type) {
                case "Create", "Update" -> ensure(request);
                case "Delete" -> delete(request);
                default ->
                    throw new IllegalArgumentException(
                            "RequestType must be Create, Update or Delete, got '" + type + "'");
            };
        } catch (RuntimeException e) {
            return failure(
                    request,
                    e instanceof CollectionNotOwnedException
                            ? e.getMessage()
                            : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The answer when the work did not finish in time, or failed in an unexpected way. */
    static CustomResourceResponse failure(CustomResourceRequest request, String reason) {
        String physicalId = request.physicalResourceId() != null
                ? request.physicalResourceId()
                : FAILED_CREATE_PREFIX + request.requestId();
        return CustomResourceResponse.failure(physicalId, reason);
    }

    private CustomResourceResponse ensure(CustomResourceRequest request) {
        CollectionSettings settings = CollectionSettings.from(request.resourceProperties());
        // An Update that keeps the collection id is about the collection CloudFormation already gave this resource
        boolean ours = "Update".equals(request.requestType())
                && settings.collectionId().equals(request.physicalResourceId());
        CollectionState state = collections.ensure(
                settings.collectionId(),
                owner(request),
                ours,
                settings.adoptExisting(),
                request.tags(),
                request.oldTags());
        return CustomResourceResponse.success(
                state.collectionId(), Map.of(ARN, state.arn(), FACE_MODEL_VERSION, state.faceModelVersion()));
    }

    private static CollectionOwner owner(CustomResourceRequest request) {
        return CollectionOwner.of(request.stackId(), request.logicalResourceId());
    }

    private CustomResourceResponse delete(CustomResourceRequest request) {
        String physicalId = request.physicalResourceId();
        if (!CollectionSettings.isCollectionId(physicalId)) {
            // A failed Create: nothing was made.
            return CustomResourceResponse.success(String.valueOf(physicalId), Map.of());
        }
        boolean destroy = request.property(CollectionSettings.REMOVAL_POLICY)
                .map(policy -> policy.equalsIgnoreCase("destroy"))
                .orElse(false);
        if (destroy) {
            collections.delete(physicalId, owner(request));
        }
        return CustomResourceResponse.success(physicalId, Map.of());
    }
}
