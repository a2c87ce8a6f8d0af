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
 * an IAM-authorised client signs it, with the photo's bytes as the body.
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
        String api = state.output("ApiEndpoint");
        if (api == null) {
            throw new IllegalStateException("the running stack has no identity API (output ApiEndpoint): deploy the"
                    + " app with it on (the default; -c facerec:identityApi=false turns it off)");
        }
        byte[] image = Files.readAllBytes(photo);
        HttpResponse<String> response = new SignedHttp(state.region())
                .send("POST", URI.create(api.replaceAll("/+$", "") + path), "application/octet-stream", image);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println("twin: " + response.statusCode() + " "
                    + body.path("code").asText("") + ": " + body.path("message").asText(response.body()));
            return null;
        }
        return body;
    }
}
