package dev.facerec.functions.collection;

import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The answer CloudFormation waits for.
 *
 * @param success whether the request succeeded
 * @param reason why it failed (required by CloudFormation on failure), or {@code null}
 * @param physicalResourceId the physical id: the collection id, or a marker that is no collection id
 * @param data the attributes ({@code Arn}, {@code FaceModelVersion}) readable with {@code Fn::GetAtt}
 */
record CustomResourceResponse(boolean success, String reason, String physicalResourceId, Map<String, String> data) {

    /** CloudFormation rejects responses over 4096 bytes; the reason is the only part that can grow. */
    static final int MAX_REASON_LENGTH = 1024;

    static CustomResourceResponse success(String physicalResourceId, Map<String, String> data) {
        return new CustomResourceResponse(true, null, physicalResourceId, Map.copyOf(data));
    }

    static CustomResourceResponse failure(String physicalResourceId, String reason) {
        String shortened = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        return new CustomResourceResponse(false, shortened, physicalResourceId, Map.of());
    }

    /** The response document for a request, as the body of the PUT to its pre-signed URL. */
    byte[] toJson(CustomResourceRequest request) {
        try (JsonWriter json = JsonWriter.create()) {
            json.writeStartObject();
            field(json, "Status", success ? "SUCCESS" : "FAILED");
            if (reason != null) {
                field(json, "Reason", reason);
            }
            field(json, "PhysicalResourceId", physicalResourceId);
            field(json, "StackId", request.stackId());
            field(json, "RequestId", request.requestId());
            field(json, "LogicalResourceId", request.logicalResourceId());
            json.writeFieldName("NoEcho").writeValue(false);
            json.writeFieldName("Data").writeStartObject();
            data.forEach((name, value) -> field(json, name, value));
            json.writeEndObject();
            json.writeEndObject();
            return json.getBytes();
        }
    }

    String summary() {
        return (success ? "SUCCESS" : "FAILED: " + reason) + " (physical id " + physicalResourceId + ")";
    }

    private static void field(JsonWriter json, String name, String value) {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeValue(value);
        }
    }
}
