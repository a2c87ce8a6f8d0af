package dev.facerec.functions.collection;

import java.util.Map;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.Format;
import software.amazon.awssdk.services.kinesisvideo.model.FormatConfigKey;
import software.amazon.awssdk.services.kinesisvideo.model.ImageGenerationConfiguration;
import software.amazon.awssdk.services.kinesisvideo.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideo.model.KinesisVideoException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;

/**
 * The {@code Custom::KinesisVideoImageGeneration} resource: a stream's image generation configuration, which
 * CloudFormation has no property for. Create and Update call UpdateImageGenerationConfiguration with the properties
 * ({@code StreamName}, {@code DestinationUri}, {@code DestinationRegion}, {@code SamplingInterval} ms,
 * {@code Format}, {@code JpegQuality}, {@code WidthPixels}, {@code HeightPixels}, {@code ImageSelectorType});
 * Delete calls it without a configuration, which removes it (API reference: "If the structure is null, the
 * configuration will be deleted from the stream"); a stream already gone is no error. The physical id is the stream
 * name: a new stream is a new resource, and CloudFormation deletes the old one's configuration.
 */
final class ImageGenerationResource {

    private final KinesisVideoClient kinesisVideo;

    ImageGenerationResource(KinesisVideoClient kinesisVideo) {
        this.kinesisVideo = kinesisVideo;
    }

    CustomResourceResponse handle(CustomResourceRequest request) {
        String stream = request.property("StreamName").orElse(null);
        try {
            switch (String.valueOf(request.requestType())) {
                case "Create", "Update" -> {
                    if (stream == null || stream.isBlank()) {
                        return CustomResourceResponse.failure(
                                physicalId(request), "the property StreamName is required");
                    }
                    ImageGenerationConfiguration configuration = configuration(request);
                    kinesisVideo.updateImageGenerationConfiguration(
                            b -> b.streamName(stream).imageGenerationConfiguration(configuration));
                    return CustomResourceResponse.success(stream, Map.of("StreamName", stream));
                }
                case "Delete" -> {
                    remove(request.physicalResourceId());
                    return CustomResourceResponse.success(request.physicalResourceId(), Map.of());
                }
                default -> {
                    return CustomResourceResponse.failure(
                            physicalId(request), "unknown RequestType " + request.requestType());
                }
            }
        } catch (IllegalArgumentException e) {
            return CustomResourceResponse.failure(physicalId(request), e.getMessage());
        } catch (KinesisVideoException e) {
            return CustomResourceResponse.failure(
                    physicalId(request),
                    "Kinesis Video Streams refused the image generation configuration of " + stream + ": "
                            + e.awsErrorDetails().errorCode() + " "
                            + e.awsErrorDetails().errorMessage());
        }
    }

    private void remove(String stream) {
        if (stream == null || stream.isBlank() || stream.startsWith("failed-")) {
            return;
        }
        try {
            kinesisVideo.updateImageGenerationConfiguration(b -> b.streamName(stream));
        } catch (ResourceNotFoundException gone) {
            // the stream went first: nothing left to configure
        }
    }

    private static ImageGenerationConfiguration configuration(CustomResourceRequest request) {
        ImageGenerationConfiguration.Builder builder = ImageGenerationConfiguration.builder()
                .status(ConfigurationStatus.ENABLED)
                .imageSelectorType(ImageSelectorType.fromValue(
                        request.property("ImageSelectorType").orElse("PRODUCER_TIMESTAMP")))
                .destinationConfig(d -> d.uri(required(request, "DestinationUri"))
                        .destinationRegion(required(request, "DestinationRegion")))
                .samplingInterval(number(request, "SamplingInterval"))
                .format(Format.fromValue(request.property("Format").orElse("JPEG")));
        request.property("JpegQuality").ifPresent(q -> builder.formatConfig(Map.of(FormatConfigKey.JPEG_QUALITY, q)));
        request.property("WidthPixels").ifPresent(w -> builder.widthPixels(number(request, "WidthPixels")));
        request.property("HeightPixels").ifPresent(h -> builder.heightPixels(number(request, "HeightPixels")));
        return builder.build();
    }

    private static String required(CustomResourceRequest request, String name) {
        return request.property(name)
                .filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("the property " + name + " is required"));
    }

    private static Integer number(CustomResourceRequest request, String name) {
        String value = required(request, name);
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the property " + name + " must be a whole number, got " + value);
        }
    }

    /** The id to answer a failed request with: the existing one, or a marker that is no stream name. */
    private static String physicalId(CustomResourceRequest request) {
        return request.physicalResourceId() != null ? request.physicalResourceId() : "failed-" + request.requestId();
    }
}
