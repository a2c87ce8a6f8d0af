package dev.facerec.functions.collection;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resource properties the construct sets: {@code CollectionId}, {@code RemovalPolicy}, {@code AdoptExisting}.
 *
 * @param collectionId the Rekognition collection id
 * @param destroyOnDelete whether a Delete request removes the collection ({@code RemovalPolicy} {@code destroy});
 *     anything else keeps it, because the collection holds biometric data
 * @param adoptExisting whether Create may take over a collection of that id that this resource did not create
 *     ({@code AdoptExisting} {@code true}); by default that is refused
 */
record CollectionSettings(String collectionId, boolean destroyOnDelete, boolean adoptExisting) {

    static final String COLLECTION_ID = "CollectionId";
    static final String REMOVAL_POLICY = "RemovalPolicy";
    static final String ADOPT_EXISTING = "AdoptExisting";

    private static final Pattern COLLECTION_ID_PATTERN = Pattern.compile("[a-zA-Z0-9_.\\-]{1,255}");

    /**
     * Reads and checks the properties.
     *
     * @throws IllegalArgumentException naming the property, the value received and what is allowed
     */
    static CollectionSettings from(Map<String, String> properties) {
        String collectionId = properties.get(COLLECTION_ID);
        if (!isCollectionId(collectionId)) {
            throw new IllegalArgumentException(COLLECTION_ID + " must match [a-zA-Z0-9_.-]{1,255}, got "
                    + (collectionId == null ? "nothing" : "'" + collectionId + "'"));
        }
        String policy = properties.getOrDefault(REMOVAL_POLICY, "retain").toLowerCase(Locale.ROOT);
        if (!policy.equals("retain") && !policy.equals("destroy")) {
            throw new IllegalArgumentException(
                    REMOVAL_POLICY + " must be 'retain' or 'destroy', got '" + properties.get(REMOVAL_POLICY) + "'");
        }
        String adopt = properties.getOrDefault(ADOPT_EXISTING, "false").toLowerCase(Locale.ROOT);
        if (!adopt.equals("true") && !adopt.equals("false")) {
            throw new IllegalArgumentException(
                    ADOPT_EXISTING + " must be 'true' or 'false', got '" + properties.get(ADOPT_EXISTING) + "'");
        }
        return new CollectionSettings(collectionId, policy.equals("destroy"), adopt.equals("true"));
    }

    /** Whether a string is a valid Rekognition collection id (and so a physical id this function returned). */
    static boolean isCollectionId(String value) {
        return value != null && COLLECTION_ID_PATTERN.matcher(value).matches();
    }
}
