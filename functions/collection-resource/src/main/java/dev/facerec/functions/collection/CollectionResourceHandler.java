package dev.facerec.functions.collection;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

/**
 * The Lambda entry point of the Rekognition collection custom resource
 * ({@code dev.facerec.functions.collection.CollectionResourceHandler::handleRequest}).
 *
 * <p>It always answers CloudFormation: on success, on failure, and when the function is about to time out (the
 * work runs against a deadline that leaves time to deliver the answer). Only when the answer itself cannot be
 * delivered does the invocation fail, so that Lambda retries it.
 */
public final class CollectionResourceHandler implements RequestStreamHandler {

    /** Time kept back from the function's timeout to deliver the response. */
    static final Duration RESPONSE_RESERVE = Duration.ofSeconds(15);

    private final CollectionResource resource;
    private final CloudFormationResponder responder;
    private final Duration reserve;
    private final ExecutorService worker = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "collection-resource");
        thread.setDaemon(true);
        return thread;
    });

    /** Used by Lambda: clients are built once, from the environment. */
    public CollectionResourceHandler() {
        this(defaultRekognition(), CloudFormationResponder.create(), RESPONSE_RESERVE);
    }

    CollectionResourceHandler(RekognitionClient rekognition, CloudFormationResponder responder, Duration reserve) {
        this.resource = new CollectionResource(new CollectionService(rekognition));
        this.responder = responder;
        this.reserve = reserve;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLogger log = context.getLogger();
        Optional<CustomResourceRequest> parsed = CustomResourceRequest.parseOrLog(input, log);
        if (parsed.isEmpty()) {
            return;
        }
        CustomResourceRequest request = parsed.get();
        log.log(request.requestType() + " " + request.logicalResourceId() + " (request " + request.requestId() + ")");
        CustomResourceResponse response = withinDeadline(request, context);
        log.log(request.requestType() + " " + request.logicalResourceId() + ": " + response.summary());
        responder.send(request, response);
    }

    private CustomResourceResponse withinDeadline(CustomResourceRequest request, Context context) {
        long budgetMillis = Math.max(0, context.getRemainingTimeInMillis() - reserve.toMillis());
        Future<CustomResourceResponse> work = worker.submit(() -> resource.handle(request));
        try {
            return work.get(budgetMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            work.cancel(true);
            return CollectionResource.failure(
                    request,
                    "Timed out: Rekognition did not answer within " + budgetMillis + " ms. See the log stream "
                            + context.getLogStreamName());
        } catch (ExecutionException e) {
            return CollectionResource.failure(request, "Unexpected error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CollectionResource.failure(request, "Interrupted before the work finished");
        }
    }

    private static RekognitionClient defaultRekognition() {
        return RekognitionClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(60)))
                .build();
    }
}
