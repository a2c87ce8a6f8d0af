package dev.facerec.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.constructs.IConstruct;

/**
 * Collection ids in one app: the default id of a collection, and the check that no two collections of an app that
 * land in the same account and region share an id (two pipelines on one collection would name each other's people
 * and delete each other's faces).
 */
final class CollectionIds {

    /** Per app (its root construct): collection id in an environment → the path of the collection that has it. */
    private static final Map<IConstruct, Map<String, String>> CLAIMED = new WeakHashMap<>();

    private CollectionIds() {}

    /**
     * A collection id unique to {@code collection} and stable across deploys: its path in the app (stack id
     * included) with a hash, within Rekognition's charset {@code [a-zA-Z0-9_.-]} and 255 characters.
     */
    static String defaultId(IConstruct collection) {
        return Names.uniqueResourceName(
                collection,
                UniqueResourceNameOptions.builder()
                        .maxLength(255)
                        .separator("-")
                        .allowedSpecialCharacters("-_.")
                        .build());
    }

    /**
     * Records that {@code collection} creates the collection {@code collectionId}.
     *
     * @throws IllegalArgumentException naming both paths when another collection of the app already has that id in
     *     the same account and region (an unresolved account or region counts as the same)
     */
    static synchronized void claim(IConstruct collection, String collectionId) {
        if (Token.isUnresolved(collectionId)) {
            return;
        }
        Stack stack = Stack.of(collection);
        String key = known(stack.getAccount()) + "/" + known(stack.getRegion()) + "/" + collectionId;
        String path = collection.getNode().getPath();
        Map<String, String> claimed =
                CLAIMED.computeIfAbsent(collection.getNode().getRoot(), k -> new HashMap<>());
        String other = claimed.putIfAbsent(key, path);
        if (other != null && !other.equals(path)) {
            throw new IllegalArgumentException("Two face collections in this app have the id '" + collectionId
                    + "': " + other + " and " + path + ". Each FaceRecognition or FaceCollection needs a collection"
                    + " of its own (leave collectionId unset for a unique one); to use an existing collection, import"
                    + " it with FaceCollection.fromCollectionId.");
        }
    }

    private static String known(String value) {
        return Token.isUnresolved(value) ? "" : value;
    }
}
