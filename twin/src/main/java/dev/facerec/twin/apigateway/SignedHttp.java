package dev.facerec.twin.apigateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Requests to an IAM-authorised HTTP API as a client makes them: signed with Signature Version 4 for
 * {@code execute-api} by the AWS SDK's own signer, with the twin's credentials ({@code test}/{@code test}), sent with
 * the JDK's HTTP client.
 */
public final class SignedHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String region;

    /** Requests signed for the twin's (or an API's) {@code region}. */
    public SignedHttp(String region) {
        this.region = region;
    }

    /** Sends {@code method uri} with {@code body} (or none) signed; {@code contentType} may be {@code null}. */
    public HttpResponse<String> send(String method, URI uri, String contentType, byte[] body)
            throws IOException, InterruptedException {
        SdkHttpRequest.Builder unsigned =
                SdkHttpRequest.builder().method(SdkHttpMethod.valueOf(method)).uri(uri);
        if (contentType != null) {
            unsigned.putHeader("content-type", contentType);
        }
        byte[] payload = body == null ? new byte[0] : body;
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create("test", "test"))
                        .request(unsigned.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code method uri} without any signature. */
    public HttpResponse<String> sendUnsigned(String method, URI uri) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(uri)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
