package dev.facerec.twin.camera;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Plays a video into the bucket as Kinesis Video Streams image generation delivers a stream's tagged fragments:
 * one frame every sampling interval, scaled and encoded as configured, at the key
 * {@code <uri path>/<account>_<stream>_<timecode ms>_<random GUID>.jpg} (the producer's timestamp, or the server's
 * with {@code ImageSelectorType SERVER_TIMESTAMP}; one {@code /} after the URI's path) with the object metadata
 * {@code aws_kinesisvideo_producer_timestamp}, {@code aws_kinesisvideo_server_timestamp} and
 * {@code aws_kinesisvideo_fragment_number} (developer guide, "Automated real-time image generation"). The producer
 * timestamps start at {@code start}; in real time each frame is delivered when its moment comes, otherwise at once.
 */
public final class FramePlayback {

    private final S3Client s3;
    private final Clock clock;

    public FramePlayback(S3Client s3, Clock clock) {
        this.s3 = s3;
        this.clock = clock;
    }

    /** A frame delivered: its key and the instant its upload finished. */
    public record Delivered(String key, Instant producerTimestamp, Instant deliveredAt) {}

    /**
     * Plays {@code source} (an H.264 MP4 or a folder of frames) as frames of {@code stream}.
     *
     * @throws IllegalArgumentException when the source cannot be read as a video
     */
    public List<Delivered> play(
            ImageGeneration generation,
            String accountId,
            String stream,
            Path source,
            Instant start,
            boolean realTime,
            Consumer<Delivered> progress)
            throws InterruptedException {
        List<Delivered> delivered = new ArrayList<>();
        BigInteger fragment = BigInteger.valueOf(start.toEpochMilli()).shiftLeft(64);
        Instant wallStart = clock.instant();
        VideoFrames.sample(source, generation.samplingMillis(), frame -> {
            Instant producerTime = start.plusMillis(frame.offsetMillis());
            if (realTime) {
                long wait = Duration.between(clock.instant(), wallStart.plusMillis(frame.offsetMillis()))
                        .toMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            byte[] bytes = encode(scale(frame.image(), generation), generation);
            Instant serverTime = clock.instant();
            Instant timecode = generation.serverTimestamp() ? serverTime : producerTime;
            String key = generation.path()
                    + accountId + "_" + stream + "_" + timecode.toEpochMilli() + "_" + UUID.randomUUID() + "."
                    + generation.extension();
            s3.putObject(
                    b -> b.bucket(generation.bucket())
                            .key(key)
                            .contentType("png".equals(generation.extension()) ? "image/png" : "image/jpeg")
                            .metadata(Map.of(
                                    "aws_kinesisvideo_producer_timestamp",
                                    Long.toString(producerTime.toEpochMilli()),
                                    "aws_kinesisvideo_server_timestamp",
                                    Long.toString(serverTime.toEpochMilli()),
                                    "aws_kinesisvideo_fragment_number",
                                    fragment.add(BigInteger.valueOf(frame.offsetMillis()))
                                            .toString())),
                    RequestBody.fromBytes(bytes));
            Delivered done = new Delivered(key, producerTime, clock.instant());
            delivered.add(done);
            progress.accept(done);
        });
        return delivered;
    }

    /** The frame at the configured size: both sides given, stretched; one given, the other keeps the ratio. */
    static BufferedImage scale(BufferedImage image, ImageGeneration generation) {
        int width = generation.width();
        int height = generation.height();
        if (width == 0 && height == 0) {
            width = image.getWidth();
            height = image.getHeight();
        } else if (width == 0) {
            width = Math.max(1, Math.round((float) image.getWidth() * height / image.getHeight()));
        } else if (height == 0) {
            height = Math.max(1, Math.round((float) image.getHeight() * width / image.getWidth()));
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static byte[] encode(BufferedImage image, ImageGeneration generation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if ("png".equals(generation.extension())) {
                ImageIO.write(image, "png", out);
                return out.toByteArray();
            }
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ImageWriteParam params = writer.getDefaultWriteParam();
            params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            params.setCompressionQuality(generation.jpegQuality() / 100f);
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), params);
            } finally {
                writer.dispose();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot encode a frame as " + generation.format().toLowerCase(Locale.ROOT), e);
        }
    }
}
