package dev.facerec.local.rekognition;

import com.fasterxml.jackson.databind.JsonNode;

/** One Rekognition operation: a checked request in, the response body out, or a {@link RekognitionException}. */
@FunctionalInterface
interface Operation {
  JsonNode handle(RequestReader request);
}
