package dev.facerec.engine.rekognition;

import com.fasterxml.jackson.databind.JsonNode;

/** One Rekognition operation: a checked request in, the response body out, or a {@link RekognitionException}. */
@FunctionalInterface
interface Operation {
    JsonNode handle(RequestReader request);
}
