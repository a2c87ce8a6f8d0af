package dev.facerec.engine.store;

/**
 * Identifies a request that carries a {@code ClientRequestToken}: a repeat with the same operation and token gets
 * the first response again; a repeat whose other parameters differ ({@code fingerprint}) is refused.
 *
 * @param operation   the Rekognition operation name
 * @param token       the client's token
 * @param fingerprint a canonical form of the request's other parameters
 */
public record IdempotencyKey(String operation, String token, String fingerprint) {

    String id() {
        return operation + '\u0000' + token;
    }
}
