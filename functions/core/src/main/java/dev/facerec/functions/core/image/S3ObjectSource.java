package dev.facerec.functions.core.image;

import dev.facerec.functions.core.status.StaleObjectException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads one version of an S3 object in 64 KiB blocks with ranged GETs, fetching only the blocks asked for. The object
 * is pinned to the event's version id, or to its ETag ({@code If-Match}) in an unversioned bucket, so that a newer
 * upload under the same key is never mistaken for the one the event is about.
 */
public final class S3ObjectSource implements ByteSource {

    /** Size of one ranged GET. */
    public static final int BLOCK = 64 * 1024;

    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String versionId;
    private final String eTag;
    private final Map<Long, byte[]> blocks = new HashMap<>();
    private long size = -1;
    private Map<String, String> metadata = Map.of();

    private S3ObjectSource(S3Client s3, String bucket, String key, String versionId, String eTag) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.versionId = versionId;
        this.eTag = eTag;
    }

    /**
     * Opens the object by fetching its first block, which also gives its size and user metadata.
     *
     * @param versionId the version to read, or {@code null}
     * @param eTag      the ETag the content must still have when there is no version id, or {@code null}
     * @throws StaleObjectException when that version is gone or the object changed
     */
    public static S3ObjectSource open(S3Client s3, String bucket, String key, String versionId, String eTag) {
        S3ObjectSource source = new S3ObjectSource(s3, bucket, key, versionId, eTag);
        source.block(0);
        return source;
    }

    /**
     * Downloads the whole object in one GET, pinned like the ranged reads.
     *
     * @throws StaleObjectException when that version is gone or the object changed
     */
    public static byte[] download(S3Client s3, String bucket, String key, String versionId, String eTag) {
        return new S3ObjectSource(s3, bucket, key, versionId, eTag).get(null).asByteArrayUnsafe();
    }

    @Override
    public long size() {
        return size;
    }

    /** The object's user metadata ({@code x-amz-meta-*}), keys in lower case without the prefix. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public byte[] read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IOException("invalid range " + offset + "+" + length);
        }
        long end = Math.min(offset + length, size);
        if (end <= offset) {
            return new byte[0];
        }
        byte[] out = new byte[(int) (end - offset)];
        long at = offset;
        while (at < end) {
            long index = at / BLOCK;
            byte[] block = block(index);
            int within = (int) (at - index * BLOCK);
            int count = (int) Math.min(block.length - within, end - at);
            if (count <= 0) {
                throw new IOException("the object is shorter than its reported size");
            }
            System.arraycopy(block, within, out, (int) (at - offset), count);
            at += count;
        }
        return out;
    }

    private byte[] block(long index) {
        return blocks.computeIfAbsent(index, this::fetch);
    }

    private byte[] fetch(long index) {
        long first = index * BLOCK;
        ResponseBytes<GetObjectResponse> bytes = get("bytes=" + first + "-" + (first + BLOCK - 1));
        if (size < 0) {
            size = totalSize(bytes.response(), bytes.asByteArrayUnsafe().length);
            metadata =
                    bytes.response().hasMetadata() ? Map.copyOf(bytes.response().metadata()) : Map.of();
        }
        return bytes.asByteArrayUnsafe();
    }

    private ResponseBytes<GetObjectResponse> get(String range) {
        GetObjectRequest.Builder request =
                GetObjectRequest.builder().bucket(bucket).key(key).range(range);
        if (versionId != null) {
            request.versionId(versionId);
        } else if (eTag != null) {
            request.ifMatch("\"" + eTag + "\"");
        }
        try {
            return s3.getObject(request.build(), ResponseTransformer.toBytes());
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND || e.statusCode() == PRECONDITION_FAILED) {
                throw new StaleObjectException("the object was deleted or replaced before it could be read", e);
            }
            throw e;
        }
    }

    private static long totalSize(GetObjectResponse response, int received) {
        String range = response.contentRange();
        if (range != null) {
            int slash = range.lastIndexOf('/');
            if (slash >= 0 && !range.endsWith("*")) {
                return Long.parseLong(range.substring(slash + 1).trim());
            }
        }
        return received;
    }
}
