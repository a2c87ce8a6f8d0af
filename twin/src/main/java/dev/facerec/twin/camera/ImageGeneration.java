package dev.facerec.twin.camera;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * A stream's image generation configuration, as UpdateImageGenerationConfiguration received it: where frames go
 * ({@code DestinationConfig.Uri}, {@code s3://bucket[/path]}), how often ({@code SamplingInterval} ms), in which
 * format, quality and size, and which clock names the frames ({@code ImageSelectorType}) ({@code WidthPixels}, {@code HeightPixels}: both given, the frame is stretched to them;
 * one given, the other follows the aspect ratio; neither, the original size).
 *
 * @param bucket the destination bucket
 * @param path the key path under the bucket, empty or ending in '/'
 * @param samplingMillis the sampling interval
 * @param format {@code JPEG} or {@code PNG}
 * @param jpegQuality 1–100
 * @param width the frame width, or 0
 * @param height the frame height, or 0
 * @param serverTimestamp whether the file name's timecode is the server's time ({@code ImageSelectorType}
 *     {@code SERVER_TIMESTAMP}) rather than the producer's
 */
public record ImageGeneration(
        String bucket,
        String path,
        int samplingMillis,
        String format,
        int jpegQuality,
        int width,
        int height,
        boolean serverTimestamp) {

    /**
     * Reads a configuration.
     *
     * @throws IllegalArgumentException when it is absent, disabled or incomplete
     */
    public static ImageGeneration of(String stream, JsonNode configuration) {
        if (configuration == null || configuration.isMissingNode() || configuration.isNull()) {
            throw new IllegalArgumentException("the stream " + stream + " has no image generation configuration");
        }
        if (!"ENABLED".equals(configuration.path("Status").asText())) {
            throw new IllegalArgumentException("image generation of the stream " + stream + " is not ENABLED");
        }
        URI uri = URI.create(configuration.path("DestinationConfig").path("Uri").asText(""));
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "the destination of the stream " + stream + " is no s3://bucket URI: " + uri);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!path.isEmpty() && !path.endsWith("/")) {
            path = path + "/";
        }
        int sampling = configuration.path("SamplingInterval").asInt(0);
        if (sampling < 200) {
            throw new IllegalArgumentException(
                    "the sampling interval of the stream " + stream + " must be at least 200 ms, got " + sampling);
        }
        return new ImageGeneration(
                uri.getHost(),
                path,
                sampling,
                configuration.path("Format").asText("JPEG"),
                configuration.path("FormatConfig").path("JPEGQuality").asInt(80),
                configuration.path("WidthPixels").asInt(0),
                configuration.path("HeightPixels").asInt(0),
                "SERVER_TIMESTAMP"
                        .equals(configuration.path("ImageSelectorType").asText()));
    }

    /** The file extension of the frames. */
    public String extension() {
        return "PNG".equals(format) ? "png" : "jpg";
    }
}
