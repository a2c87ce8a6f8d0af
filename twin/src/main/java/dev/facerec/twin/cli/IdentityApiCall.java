package dev.facerec.twin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facerec.twin.TwinState;
import dev.facerec.twin.apigateway.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A call of the running stack's identity API (its {@code ApiEndpoint} output), signed with Signature Version 4 as
 * an IAM-authorised client signs it, with the photo's bytes (or JSON) as the body.
 */
final class IdentityApiCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityApiCall() {}

    /**
     * POSTs the photo to {@code path} and answers the JSON of a 200; prints the API's code and message otherwise.
     *
     * @return the answer, or {@code null} after printing the API's error
     */
    static JsonNode post(TwinState state, String path, Path photo) throws IOException, InterruptedException {
        return post(state, path, "application/octet-stream", Files.readAllBytes(photo), 200);
    }

    /**
     * POSTs {@code body} to {@code path} and answers the JSON of an {@code expected} status; prints the API's code and
     * message otherwise.
     *
     * @return the answer, or {@code null} after printing the API's error
     */
    static JsonNode post(TwinState state, String path, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        return send(state, "POST", path, contentType, body, expected);
    }

    /**
     * DELETEs {@code path} and answers the JSON of a 200; prints the API's code and message otherwise.
     *
     * @return the answer, or {@code null} after printing the API's error
     */
    static JsonNode delete(TwinState state, String path) throws IOException, InterruptedException {
        return send(state, "DELETE", path, null, null, 200);
    }

    /** Whether the running stack has an identity API (its {@code ApiEndpoint} output). */
    static boolean deployed(TwinState state) {
        return state.output("ApiEndpoint") != null;
    }

    private static JsonNode send(
            TwinState state, String method, String path, String contentType, byte[] body, int expected)
            throws IOException, InterruptedException {
        String api = state.output("ApiEndpoint");
        if (api == null) {
            throw new IllegalStateException("the running stack has no identity API (output ApiEndpoint): deploy the"
                    + " app with it on (the default; -c facerec:identityApi=false turns it off)");
        }
        HttpResponse<String> response = new SignedHttp(state.region())
                .send(method, URI.create(api.replaceAll("/+$", "") + path), contentType, body);
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != expected) {
            System.err.println(
                    "twin: " + response.statusCode() + " " + answer.path("code").asText("") + ": "
                            + answer.path("message").asText(response.body()));
            return null;
        }
        return answer;
    }
}
