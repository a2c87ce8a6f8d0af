package dev.facerec.functions.collection;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;

/**
 * The Lambda entry point of the image generation custom resource
 * ({@code dev.facerec.functions.collection.ImageGenerationResourceHandler::handleRequest}), in the collection
 * resource's jar (same CloudFormation protocol, same responder). One call of at most 30 s, well inside the
 * function's timeout, so it always answers CloudFormation; only an answer that cannot be delivered fails the
 * invocation, so that Lambda retries it.
 */
public final class ImageGenerationResourceHandler implements RequestStreamHandler {

    private final ImageGenerationResource resource;
    private final CloudFormationResponder responder;

    /** Used by Lambda: the client is built once, from the environment. */
    public ImageGenerationResourceHandler() {
        this(
                KinesisVideoClient.builder()
                        .httpClient(UrlConnectionHttpClient.builder()
                                .connectionTimeout(Duration.ofSeconds(5))
                                .socketTimeout(Duration.ofSeconds(20))
                                .build())
                        .overrideConfiguration(config -> config.apiCallTimeout(Duration.ofSeconds(30)))
                        .build(),
                CloudFormationResponder.create());
    }

    ImageGenerationResourceHandler(KinesisVideoClient kinesisVideo, CloudFormationResponder responder) {
        this.resource = new ImageGenerationResource(kinesisVideo);
        this.responder = responder;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaLogger log = context.getLogger();
        Optional<CustomResourceRequest> parsed = CustomResourceRequest.parseOrLog(input, log);
        if (parsed.isEmpty()) {
            return;
        }
        CustomResourceRequest request = parsed.get();
        CustomResourceResponse response = resource.handle(request);
        log.log(request.requestType() + " " + request.logicalResourceId() + ": " + response.summary());
        responder.send(request, response);
    }
}
