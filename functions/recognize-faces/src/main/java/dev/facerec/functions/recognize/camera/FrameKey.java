package dev.facerec.functions.recognize.camera;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key of a frame Kinesis Video Streams image generation delivered, as its developer guide ("Automated real-time
 * image generation", Amazon S3 object path) gives it: {@code [ImagePrefix_]AccountID_StreamName_ImageTimecode_RandomID
 * .jpg|.png}, under the path of the destination URI. The image timecode is the epoch millisecond of the frame in the
 * fragment (the producer's or the server's timestamp, as the configuration's {@code ImageSelectorType} says; both
 * are also in the object's metadata). The guide does not say whether a {@code /} joins the URI's path and the file
 * name: the construct's URI ends in {@code /}, and the file name is what follows the key's last {@code /}, so
 * {@code frames/<file>} and {@code frames//<file>} both parse. The camera is the stream name.
 *
 * @param key the object key
 * @param camera the stream name
 * @param capturedAt the frame's timecode
 */
public record FrameKey(String key, String camera, Instant capturedAt) {

    /** A 12-digit account, a stream name ({@code [a-zA-Z0-9_.-]+}), epoch milliseconds, a GUID, the extension. */
    static final Pattern FILE = Pattern.compile(
            "(?:.*_)?\\d{12}_([a-zA-Z0-9_.\\-]{1,256})_(\\d{1,15})_[0-9a-fA-F\\-]{36}\\.(?:jpg|jpeg|png|JPG|JPEG|PNG)");

    /** The frame a key names, or empty when the key is no image generation key under {@code framesPrefix}. */
    public static Optional<FrameKey> parse(String key, String framesPrefix) {
        if (!key.startsWith(framesPrefix)) {
            return Optional.empty();
        }
        String file = key.substring(key.lastIndexOf('/') + 1);
        Matcher matcher = FILE.matcher(file);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FrameKey(key, matcher.group(1), Instant.ofEpochMilli(Long.parseLong(matcher.group(2)))));
    }

    /** The file name of a frame as image generation names it (the tests name their frames with it; the twin writes the same shape). */
    public static String fileName(String accountId, String camera, Instant capturedAt, String randomId, String ext) {
        return accountId + "_" + camera + "_" + capturedAt.toEpochMilli() + "_" + randomId + "." + ext;
    }
}
