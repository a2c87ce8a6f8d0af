package dev.facerec.functions.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facerec.functions.testing.TestClients;
import dev.facerec.functions.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the handler tests share: the local Rekognition server, a local server playing CloudFormation's pre-signed
 * response URL, the handler on real SDK clients, and requests made from the JSON fixtures under {@code /events}
 * (their {@code ${name}} placeholders filled in).
 */
final class CustomResourceCalls implements AutoCloseable {

    static final int PLENTY_OF_TIME = 120_000;

    final LocalCollections rekognition = new LocalCollections();
    final ResponseUrlServer cloudFormation;
    final CollectionResourceHandler handler;

    CustomResourceCalls() throws IOException {
        cloudFormation = new ResponseUrlServer();
        CloudFormationResponder responder =
                new CloudFormationResponder(HttpClient.newHttpClient(), Duration.ofMillis(10));
        handler = new CollectionResourceHandler(
                TestClients.rekognition(rekognition.endpoint()), responder, Duration.ofSeconds(1));
    }

    void reset() {
        rekognition.reset();
        cloudFormation.reset();
    }

    void invoke(String fixture, Map<String, String> values) throws IOException {
        invoke(fixture, values, PLENTY_OF_TIME);
    }

    void invoke(String fixture, Map<String, String> values, int remainingMillis) throws IOException {
        handler.handleRequest(
                stream(event(fixture, values)), new ByteArrayOutputStream(), new TestContext(remainingMillis));
    }

    String event(String fixture, Map<String, String> values) throws IOException {
        return event(fixture, values, cloudFormation.url());
    }

    /** The request of the fixture {@code /events/<fixture>.json}, answered to {@code responseUrl}. */
    static String event(String fixture, Map<String, String> values, String responseUrl) throws IOException {
        Map<String, String> all = new HashMap<>(values);
        all.put("responseUrl", responseUrl);
        try (InputStream in = CustomResourceCalls.class.getResourceAsStream("/events/" + fixture + ".json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : all.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        }
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    ResponseUrlServer.Delivery onlyAnswer() {
        assertThat(cloudFormation.deliveries()).hasSize(1);
        return cloudFormation.deliveries().get(0);
    }

    @Override
    public void close() {
        rekognition.close();
        cloudFormation.close();
    }
}
