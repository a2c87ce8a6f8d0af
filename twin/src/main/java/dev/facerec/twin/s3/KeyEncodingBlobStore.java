package dev.facerec.twin.s3;

import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A decorator over s3proxy's file stores that hands them {@linkplain ObjectKeys encoded} keys and gives clients the
 * exact keys back, so that keys are keys, not paths. Listings ask the store for the prefix's directory part and keep
 * only what starts with the full prefix; a page may therefore hold fewer keys than asked while more follow (S3 allows
 * that: clients follow {@code IsTruncated}).
 */
final class KeyEncodingBlobStore extends ForwardingBlobStore {

    KeyEncodingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public boolean blobExists(String bucket, String key) {
        return super.blobExists(bucket, ObjectKeys.encode(key));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return super.putBlob(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build(), input);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return super.copyBlob(request.toBuilder()
                .sourceKey(ObjectKeys.encode(request.sourceKey()))
                .destinationKey(ObjectKeys.encode(request.destinationKey()))
                .build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return super.getBlob(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return super.removeBlob(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Response stored = super.list(request.toBuilder()
                .prefix(storedPrefix(request.prefix()))
                .startAfter(ObjectKeys.encode(request.startAfter()))
                .build());
        Predicate<String> wanted = startsWith(request.prefix());
        return stored.toBuilder()
                .prefix(request.prefix())
                .startAfter(request.startAfter())
                .contents(stored.contents().stream()
                        .map(o -> o.toBuilder().key(ObjectKeys.decode(o.key())).build())
                        .filter(o -> wanted.test(o.key()))
                        .toList())
                .commonPrefixes(decoded(stored.commonPrefixes(), wanted))
                .build();
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        ListObjectVersionsResponse stored = super.listVersions(request.toBuilder()
                .prefix(storedPrefix(request.prefix()))
                .keyMarker(ObjectKeys.encode(request.keyMarker()))
                .build());
        Predicate<String> wanted = startsWith(request.prefix());
        return stored.toBuilder()
                .prefix(request.prefix())
                .keyMarker(request.keyMarker())
                .nextKeyMarker(ObjectKeys.decode(stored.nextKeyMarker()))
                .versions(stored.versions().stream()
                        .map(v -> v.toBuilder().key(ObjectKeys.decode(v.key())).build())
                        .filter(v -> wanted.test(v.key()))
                        .toList())
                .deleteMarkers(stored.deleteMarkers().stream()
                        .map(m -> m.toBuilder().key(ObjectKeys.decode(m.key())).build())
                        .filter(m -> wanted.test(m.key()))
                        .toList())
                .commonPrefixes(decoded(stored.commonPrefixes(), wanted))
                .build();
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key) {
        return super.getBlobAccess(bucket, ObjectKeys.encode(key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String bucket, String key, String versionId) {
        return super.getBlobAccess(bucket, ObjectKeys.encode(key), versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return super.getBlobAcl(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access) {
        super.setBlobAccess(bucket, ObjectKeys.encode(key), access);
    }

    @Override
    public void setBlobAccess(String bucket, String key, ObjectCannedACL access, String versionId) {
        super.setBlobAccess(bucket, ObjectKeys.encode(key), access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        MultipartUpload stored = super.initiateMultipartUpload(
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
        return new MultipartUpload(stored.id(), request, stored.response());
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(stored(upload));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(
                stored(upload),
                request.toBuilder().key(ObjectKeys.encode(request.key())).build());
        return response.toBuilder().key(request.key()).build();
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request, InputStream in) {
        return super.uploadMultipartPart(
                stored(upload),
                request.toBuilder().key(ObjectKeys.encode(request.key())).build(),
                in);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return super.listMultipartUpload(stored(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String bucket) {
        return super.listMultipartUploads(bucket).stream()
                .map(u -> u.toBuilder().key(ObjectKeys.decode(u.key())).build())
                .toList();
    }

    private static MultipartUpload stored(MultipartUpload upload) {
        CreateMultipartUploadRequest request = upload.request().toBuilder()
                .key(ObjectKeys.encode(upload.request().key()))
                .build();
        return new MultipartUpload(upload.id(), request, upload.response());
    }

    private static String storedPrefix(String prefix) {
        String stored = ObjectKeys.encodeDirectoryPart(prefix);
        return stored == null || stored.isEmpty() ? null : stored;
    }

    private static Predicate<String> startsWith(String prefix) {
        return prefix == null ? key -> true : key -> key.startsWith(prefix);
    }

    private static List<CommonPrefix> decoded(List<CommonPrefix> prefixes, Predicate<String> wanted) {
        return prefixes.stream()
                .map(p -> CommonPrefix.builder()
                        .prefix(ObjectKeys.decode(p.prefix()))
                        .build())
                .filter(p -> wanted.test(p.prefix()))
                .toList();
    }
}
