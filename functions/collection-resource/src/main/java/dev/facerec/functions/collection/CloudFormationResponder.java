package dev.facerec.functions.collection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Delivers a response to the pre-signed S3 URL CloudFormation gave, with a few retries.
 *
 * <p>The PUT carries no {@code Content-Type}: the URL is signed without one, and S3 rejects a signature that does
 * not match the headers sent.
 */
final class CloudFormationResponder {

    private static final int ATTEMPTS = 3;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Duration backoff;

    CloudFormationResponder(HttpClient http, Duration backoff) {
        this.http = http;
        this.backoff = backoff;
    }

    static CloudFormationResponder create() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new CloudFormationResponder(http, Duration.ofSeconds(1));
    }

    /**
     * Sends the response.
     *
     * @throws UncheckedIOException when no attempt succeeded: the invocation then fails and Lambda retries it, which
     *     repeats the (idempotent) work and the answer
     */
    void send(CustomResourceRequest request, CustomResourceResponse response) {
        HttpRequest put = HttpRequest.newBuilder(URI.create(request.responseUrl()))
                .timeout(REQUEST_TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(response.toJson(request)))
                .build();
        String lastProblem = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 == 2) {
                    return;
                }
                lastProblem = "HTTP " + answer.statusCode();
            } catch (IOException e) {
                lastProblem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted while answering CloudFormation", e));
            }
            pause(attempt);
        }
        throw new UncheckedIOException(new IOException(
                "could not deliver the response to CloudFormation after " + ATTEMPTS + " attempts: " + lastProblem));
    }

    private void pause(int attempt) {
        if (attempt == ATTEMPTS) {
            return;
        }
        try {
            Thread.sleep(backoff.toMillis() * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
