package dev.facerec.functions.sightings;

import dev.facerec.functions.core.image.ImageFormat;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.model.Image;

/**
 * A "where was this face seen" request, read from the invocation's JSON (docs/construct.md, "Sightings log"):
 * {@code {"image": {"s3Key": "<key under the search prefix>"} | {"bytes": "<base64 JPEG or PNG>"}, "days": n,
 * "faceMatchThreshold": p, "maxSightings": m}}; everything but the image is optional.
 *
 * @param image              the image for Rekognition
 * @param days               how many UTC days to search, today included
 * @param faceMatchThreshold the similarity percent a match needs
 * @param maxSightings       the most sightings answered
 */
public record SearchRequest(Image image, int days, float faceMatchThreshold, int maxSightings) {

    /** Rekognition's limit for image bytes. */
    public static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

    public static final int DEFAULT_MAX_SIGHTINGS = 100;
    public static final int MAX_SIGHTINGS = 1000;

    private static final Set<String> FIELDS = Set.of("image", "days", "faceMatchThreshold", "maxSightings");

    /**
     * Reads and checks a request.
     *
     * @throws SearchRefused INVALID_REQUEST, naming what is wrong
     */
    public static SearchRequest parse(Map<String, Object> json, SearchSettings settings) {
        if (json == null) {
            throw invalid("the request is empty; send {\"image\": {\"s3Key\": ...} or {\"bytes\": ...}}");
        }
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw invalid("unknown field '" + field + "'; the fields are " + FIELDS);
            }
        }
        int retention = settings.log().retentionDays();
        int days = whole(json.get("days"), "days", 1, retention, retention);
        float threshold = percent(json.get("faceMatchThreshold"), settings.faceMatchThreshold());
        int max = whole(json.get("maxSightings"), "maxSightings", 1, MAX_SIGHTINGS, DEFAULT_MAX_SIGHTINGS);
        return new SearchRequest(image(json.get("image"), settings), days, threshold, max);
    }

    private static Image image(Object value, SearchSettings settings) {
        if (!(value instanceof Map<?, ?> image) || image.size() != 1) {
            throw invalid("image must be an object with exactly one of s3Key or bytes");
        }
        if (image.get("s3Key") instanceof String key) {
            if (!key.startsWith(settings.searchPrefix())
                    || key.length() == settings.searchPrefix().length()) {
                throw invalid("image.s3Key must be a key under '" + settings.searchPrefix() + "'");
            }
            return Image.builder()
                    .s3Object(o -> o.bucket(settings.bucket()).name(key))
                    .build();
        }
        if (image.get("bytes") instanceof String base64) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw invalid("image.bytes is not base64");
            }
            if (bytes.length == 0 || bytes.length > MAX_IMAGE_BYTES) {
                throw invalid("image.bytes must hold 1 byte to 5 MB (Rekognition's limit), got " + bytes.length);
            }
            ImageFormat format = ImageFormat.sniff(bytes);
            if (format != ImageFormat.JPEG && format != ImageFormat.PNG) {
                throw new SearchRefused(SearchRefused.INVALID_IMAGE, "image.bytes is not a JPEG or PNG");
            }
            return Image.builder().bytes(SdkBytes.fromByteArrayUnsafe(bytes)).build();
        }
        throw invalid("image must be {\"s3Key\": \"...\"} or {\"bytes\": \"<base64>\"}");
    }

    private static int whole(Object value, String name, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < min
                || number.doubleValue() > max) {
            throw invalid(name + " must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return number.intValue();
    }

    private static float percent(Object value, float fallback) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() < 0 || number.doubleValue() > 100) {
            throw invalid("faceMatchThreshold must be a percentage from 0 to 100, got " + value);
        }
        return number.floatValue();
    }

    private static SearchRefused invalid(String message) {
        return new SearchRefused(SearchRefused.INVALID_REQUEST, message);
    }
}
