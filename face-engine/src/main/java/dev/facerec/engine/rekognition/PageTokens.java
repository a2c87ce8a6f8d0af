package dev.facerec.engine.rekognition;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code NextToken}s: the key of the last item returned, opaque to the client (base64url with a version prefix),
 * so a listing resumes after it even when items were added or removed in between.
 */
final class PageTokens {

    private static final String PREFIX = "v1:";

    private PageTokens() {}

    static String encode(String lastKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + lastKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The key to resume after, or null for the first page. */
    static String decode(RequestReader request) {
        String token = request.optionalString("NextToken", null, Integer.MAX_VALUE);
        if (token == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                return decoded.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // not base64: falls through
        }
        throw new RekognitionException(ErrorType.INVALID_PAGINATION_TOKEN, "Invalid pagination token");
    }
}
