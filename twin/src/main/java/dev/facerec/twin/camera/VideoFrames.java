package dev.facerec.twin.camera;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jcodec.api.FrameGrab;
import org.jcodec.api.JCodecException;
import org.jcodec.api.PictureWithMetadata;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.scale.AWTUtil;

/**
 * The frames image generation would take from a video: one every sampling interval of the video's own timeline
 * (the first frame whose presentation time reaches each multiple of the interval). A video is an H.264 MP4
 * decoded in Java with JCodec; a folder holds one image (JPEG or PNG) per sampling interval, in file name order.
 */
public final class VideoFrames {

    /** A sampled frame and its offset from the start of the video. */
    public record SampledFrame(BufferedImage image, long offsetMillis) {}

    /** What receives the frames. */
    @FunctionalInterface
    public interface Sink {
        void accept(SampledFrame frame) throws InterruptedException;
    }

    private VideoFrames() {}

    /**
     * Samples {@code source} every {@code samplingMillis}, in order.
     *
     * @throws IllegalArgumentException when the source is missing, empty, or no decodable H.264 MP4
     */
    public static int sample(Path source, int samplingMillis, Sink sink) throws InterruptedException {
        if (Files.isDirectory(source)) {
            return folder(source, samplingMillis, sink);
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("no video file or folder of frames at " + source);
        }
        return video(source, samplingMillis, sink);
    }

    private static int video(Path file, int samplingMillis, Sink sink) throws InterruptedException {
        int sampled = 0;
        try (SeekableByteChannel channel = NIOUtils.readableChannel(file.toFile())) {
            FrameGrab grab = FrameGrab.createFrameGrab(channel);
            long next = 0;
            PictureWithMetadata picture;
            while ((picture = grab.getNativeFrameWithMetadata()) != null) {
                long at = Math.round(picture.getTimestamp() * 1000);
                if (at >= next) {
                    sink.accept(new SampledFrame(AWTUtil.toBufferedImage(picture.getPicture()), at));
                    sampled++;
                    next = (at / samplingMillis + 1) * samplingMillis;
                }
            }
        } catch (IOException | JCodecException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "cannot decode " + file + " as an H.264 MP4 video (" + describe(e) + ")", e);
        }
        if (sampled == 0) {
            throw new IllegalArgumentException("the video " + file + " has no frame");
        }
        return sampled;
    }

    private static int folder(Path folder, int samplingMillis, Sink sink) throws InterruptedException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(VideoFrames::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the folder " + folder + " holds no .jpg, .jpeg or .png frame");
        }
        for (int i = 0; i < files.size(); i++) {
            BufferedImage image;
            try {
                image = ImageIO.read(files.get(i).toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the frame " + files.get(i) + ": " + e.getMessage(), e);
            }
            if (image == null) {
                throw new IllegalArgumentException("the frame " + files.get(i) + " is no readable image");
            }
            sink.accept(new SampledFrame(image, (long) i * samplingMillis));
        }
        return files.size();
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
