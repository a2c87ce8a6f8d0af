package dev.facerec.functions.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One answer of the {@link RekognitionStub}: a JSON body with an HTTP status. Errors use Rekognition's JSON 1.1 error
 * shape, {@code {"__type": "...", "message": "..."}}, with the HTTP status the API reference gives, so the SDK raises
 * the same exception classes as against AWS.
 *
 * @param status the HTTP status
 * @param body   the JSON body
 */
public record StubReply(int status, JsonNode body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static StubReply ok(JsonNode body) {
    return new StubReply(200, body);
  }

  /** An error reply of type {@code type} (e.g. {@code ThrottlingException}). */
  public static StubReply error(int status, String type, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("__type", type);
    body.put("message", message);
    return new StubReply(status, body);
  }

  /** Rekognition's ThrottlingException (HTTP 500 per the API reference). */
  public static StubReply throttling() {
    return error(500, "ThrottlingException", "Rekognition is temporarily unable to process the request");
  }

  /** ProvisionedThroughputExceededException (HTTP 400). */
  public static StubReply throughputExceeded() {
    return error(400, "ProvisionedThroughputExceededException", "The number of requests exceeded your throughput limit");
  }

  /** InternalServerError (HTTP 500). */
  public static StubReply internalError() {
    return error(500, "InternalServerError", "Amazon Rekognition experienced a service issue");
  }

  /** InvalidParameterException (HTTP 400). */
  public static StubReply invalidParameter(String message) {
    return error(400, "InvalidParameterException", message);
  }

  /** AccessDeniedException (HTTP 400). */
  public static StubReply accessDenied() {
    return error(400, "AccessDeniedException", "You are not authorized to perform the action");
  }

  /** ResourceNotFoundException (HTTP 400). */
  public static StubReply resourceNotFound(String message) {
    return error(400, "ResourceNotFoundException", message);
  }

  /** InvalidImageFormatException (HTTP 400). */
  public static StubReply invalidImageFormat() {
    return error(400, "InvalidImageFormatException", "Request has invalid image format");
  }
}
