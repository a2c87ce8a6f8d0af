package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facerec.engine.store.AssociationResult;
import dev.facerec.engine.store.IdempotencyKey;
import dev.facerec.engine.store.Page;
import dev.facerec.engine.store.StoredCollection;
import dev.facerec.engine.store.StoredUser;
import java.util.List;
import java.util.Map;

/**
 * CreateUser, DeleteUser, ListUsers, AssociateFaces, DisassociateFaces. The changing ones honour
 * {@code ClientRequestToken}: a repeat gets the first response, a reuse with other parameters an
 * {@code IdempotentParameterMismatchException}. (The AWS SDK fills the token in by itself.)
 */
final class UserOperations {

    private final ServiceContext context;

    UserOperations(ServiceContext context) {
        this.context = context;
    }

    void registerInto(Map<String, Operation> operations) {
        operations.put("CreateUser", this::createUser);
        operations.put("DeleteUser", this::deleteUser);
        operations.put("ListUsers", this::listUsers);
        operations.put("AssociateFaces", this::associateFaces);
        operations.put("DisassociateFaces", this::disassociateFaces);
    }

    private JsonNode createUser(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String userId = userId(request);
        IdempotencyKey key = ServiceContext.idempotencyKey(request);
        return ServiceContext.parse(collection.createUser(userId, key, exists -> {
            if (exists) {
                throw new RekognitionException(
                        ErrorType.CONFLICT, "A user with the same id already exists in the collection");
            }
            return "{}";
        }));
    }

    private JsonNode deleteUser(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String userId = userId(request);
        IdempotencyKey key = ServiceContext.idempotencyKey(request);
        return ServiceContext.parse(collection.deleteUser(userId, key, exists -> {
            if (!exists) {
                throw userNotFound();
            }
            return "{}";
        }));
    }

    private JsonNode listUsers(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        int max = request.optionalInt("MaxResults", 1, Constraints.MAX_USERS, Constraints.MAX_USERS);
        Page<StoredUser> page = collection.users(PageTokens.decode(request), max);
        ObjectNode response = Json.object();
        ArrayNode users = response.putArray("Users");
        page.items()
                .forEach(u -> users.addObject()
                        .put("UserId", u.userId())
                        .put("UserStatus", u.status().name()));
        if (page.more()) {
            response.put(
                    "NextToken",
                    PageTokens.encode(CollectionOperations.last(page.items()).userId()));
        }
        return response;
    }

    private JsonNode associateFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String userId = userId(request);
        List<String> faceIds = request.stringList("FaceIds", 1, 100, Constraints.FACE_ID, 36);
        float threshold = request.optionalPercent("UserMatchThreshold", Constraints.DEFAULT_ASSOCIATE_THRESHOLD);
        IdempotencyKey key = ServiceContext.idempotencyKey(request);
        return ServiceContext.parse(collection.associateFaces(
                userId, faceIds, context.scale.toCosine(threshold), key, result -> {
                    checkUser(result);
                    if (result.overQuota()) {
                        throw new RekognitionException(
                                ErrorType.SERVICE_QUOTA_EXCEEDED,
                                "A user can have at most " + StoredCollection.MAX_FACES_PER_USER + " faces");
                    }
                    ObjectNode response = Json.object();
                    response.set("AssociatedFaces", Json.faceIds(result.succeeded()));
                    response.set(
                            "UnsuccessfulFaceAssociations", FaceOperations.failures(result.failed(), context.scale));
                    response.put("UserStatus", result.status().name());
                    return ServiceContext.render(response);
                }));
    }

    private JsonNode disassociateFaces(RequestReader request) {
        StoredCollection collection = context.collection(request.collectionId());
        String userId = userId(request);
        List<String> faceIds = request.stringList("FaceIds", 1, 100, Constraints.FACE_ID, 36);
        IdempotencyKey key = ServiceContext.idempotencyKey(request);
        return ServiceContext.parse(collection.disassociateFaces(userId, faceIds, key, result -> {
            checkUser(result);
            ObjectNode response = Json.object();
            response.set("DisassociatedFaces", Json.faceIds(result.succeeded()));
            response.set("UnsuccessfulFaceDisassociations", FaceOperations.failures(result.failed(), null));
            response.put("UserStatus", result.status().name());
            return ServiceContext.render(response);
        }));
    }

    static String userId(RequestReader request) {
        return request.requiredString("UserId", Constraints.USER_ID, Constraints.USER_ID_MAX);
    }

    static RekognitionException userNotFound() {
        return new RekognitionException(ErrorType.RESOURCE_NOT_FOUND, "The user does not exist in the collection");
    }

    private static void checkUser(AssociationResult result) {
        if (!result.userFound()) {
            throw userNotFound();
        }
    }
}
