package dev.facerec.functions.collection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Which custom resource made a collection: the tag {@value #TAG} holds a digest of the stack's id (an ARN with a
 * UUID that a stack of the same name deleted and created again does not share) and the resource's logical id.
 * Create takes over an existing collection only when its tag names the same resource (CloudFormation repeating a
 * request), never one retained by a deleted stack or made by another stack.
 *
 * @param value the tag's value: 64 hex digits
 */
record CollectionOwner(String value) {

    /** The tag that marks a collection as made by one custom resource. */
    static final String TAG = "facerec:owner";

    static CollectionOwner of(String stackId, String logicalResourceId) {
        if (stackId == null || logicalResourceId == null) {
            throw new IllegalArgumentException("the request names no StackId or LogicalResourceId");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest((stackId + "/" + logicalResourceId).getBytes(StandardCharsets.UTF_8));
            return new CollectionOwner(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
