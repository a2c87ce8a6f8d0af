package dev.facerec.functions.core.storage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Every version and delete marker under a prefix of the bucket, deleted for good: a versioned bucket keeps a deleted
 * object's versions, so deleting only the current object would leave the photo behind.
 */
public final class ObjectVersions {

    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final String bucket;

    public ObjectVersions(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /**
     * Deletes everything under {@code prefix}, a page of up to 1000 versions at a time, while {@code timeLeft}.
     *
     * @return how many versions and delete markers were deleted
     * @throws IllegalStateException when S3 refused to delete some of them
     */
    public long deleteAll(String prefix, BooleanSupplier timeLeft) {
        long deleted = 0;
        while (timeLeft.getAsBoolean()) {
            List<ObjectIdentifier> page = firstPage(prefix);
            if (page.isEmpty()) {
                break;
            }
            deleted += delete(page);
        }
        return deleted;
    }

    /** Deletes one page of versions and delete markers; throws when S3 refused some of them. */
    private int delete(List<ObjectIdentifier> page) {
        DeleteObjectsResponse response = s3.deleteObjects(
                b -> b.bucket(bucket).delete(d -> d.objects(page).quiet(true)));
        if (response.hasErrors() && !response.errors().isEmpty()) {
            throw new IllegalStateException(
                    "S3 refused to delete " + response.errors().size() + " object versions, e.g. "
                            + response.errors().get(0).code());
        }
        return page.size();
    }

    /** The keys that have a version or a delete marker under {@code prefix}. */
    public Set<String> keys(String prefix) {
        Set<String> keys = new LinkedHashSet<>();
        for (ListObjectVersionsResponse page :
                s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
            page.versions().forEach(v -> keys.add(v.key()));
            page.deleteMarkers().forEach(m -> keys.add(m.key()));
        }
        return keys;
    }

    /**
     * Deletes every version and delete marker of exactly {@code key} (not of longer keys that begin with it).
     *
     * @return how many were deleted
     * @throws IllegalStateException when S3 refused to delete some of them
     */
    public long deleteKey(String key) {
        long deleted = 0;
        while (true) {
            List<ObjectIdentifier> page =
                    firstPage(key).stream().filter(id -> id.key().equals(key)).toList();
            if (page.isEmpty()) {
                return deleted;
            }
            deleted += delete(page);
        }
    }

    /** Whether nothing at all is left under the prefixes. */
    public boolean isEmpty(List<String> prefixes) {
        return prefixes.stream().allMatch(prefix -> firstPage(prefix).isEmpty());
    }

    private List<ObjectIdentifier> firstPage(String prefix) {
        ListObjectVersionsResponse listing =
                s3.listObjectVersions(b -> b.bucket(bucket).prefix(prefix).maxKeys(DELETE_BATCH));
        List<ObjectIdentifier> page = new ArrayList<>();
        listing.versions()
                .forEach(v -> page.add(ObjectIdentifier.builder()
                        .key(v.key())
                        .versionId(v.versionId())
                        .build()));
        listing.deleteMarkers()
                .forEach(m -> page.add(ObjectIdentifier.builder()
                        .key(m.key())
                        .versionId(m.versionId())
                        .build()));
        return page.size() > DELETE_BATCH ? page.subList(0, DELETE_BATCH) : page;
    }
}
