package dev.facerec.twin.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
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
 * Makes S3 keys keys again over s3proxy's file stores, which resolve a key as a file path: there
 * {@code recognize/bad/../../x.jpg} became {@code x.jpg}, {@code enroll//x.jpg} was refused, and a key ending in
 * {@code /} was taken for a folder (its body ignored). This store hands the file store an encoded key instead, one
 * path segment at a time, and decodes the keys it lists: an empty segment becomes {@code %}, a leading {@code .}
 * becomes {@code %2E} (so {@code .}, {@code ..} and s3proxy's reserved {@code .s3proxy-}/{@code .mpus-} names are
 * ordinary file names) and {@code %} becomes {@code %25}. Any other key is stored under its own path, as before.
 *
 * <p>Multipart uploads are encoded the same way: an upload's parts and its completed object go under the encoded
 * name, and the uploads listed carry the key.
 */
final class KeyEncodingBlobStore extends ForwardingBlobStore {

    KeyEncodingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    /** The file store's name for {@code key}. */
    static String encode(String key) {
        List<String> segments = new ArrayList<>(List.of(key.split("/", -1)));
        segments.replaceAll(KeyEncodingBlobStore::encodeSegment);
        return String.join("/", segments);
    }

    /** The S3 key of a file store name made by {@link #encode}. */
    static String decode(String name) {
        if (name == null) {
            return null;
        }
        List<String> segments = new ArrayList<>(List.of(name.split("/", -1)));
        segments.replaceAll(KeyEncodingBlobStore::decodeSegment);
        return String.join("/", segments);
    }

    /** A prefix: the complete segments as keys, the last (partial) one escaped but never taken for an empty one. */
    static String encodePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return prefix;
        }
        int last = prefix.lastIndexOf('/');
        String head = last < 0 ? "" : encode(prefix.substring(0, last)) + "/";
        String tail = prefix.substring(last + 1);
        return head + (tail.isEmpty() ? "" : encodeSegment(tail));
    }

    private static String encodeSegment(String segment) {
        if (segment.isEmpty()) {
            return "%";
        }
        String escaped = segment.replace("%", "%25");
        return escaped.startsWith(".") ? "%2E" + escaped.substring(1) : escaped;
    }

    private static String decodeSegment(String segment) {
        if (segment.equals("%")) {
            return "";
        }
        return segment.startsWith("%2E") ? "." + segment.substring(3).replace("%25", "%") : segment.replace("%25", "%");
    }

    @Override
    public boolean blobExists(String container, String key) {
        return super.blobExists(container, encode(key));
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        return super.putBlob(request.toBuilder().key(encode(request.key())).build(), input);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return super.copyBlob(request.toBuilder()
                .sourceKey(encode(request.sourceKey()))
                .destinationKey(encode(request.destinationKey()))
                .build());
    }

    @Override
    public HeadObjectResponse blobMetadata(HeadObjectRequest request) {
        return super.blobMetadata(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        return super.getBlob(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        return super.removeBlob(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Response response = super.list(request.toBuilder()
                .prefix(encodePrefix(request.prefix()))
                .startAfter(request.startAfter() == null ? null : encode(request.startAfter()))
                .build());
        return response.toBuilder()
                .prefix(request.prefix())
                .startAfter(request.startAfter())
                .contents(response.contents().stream()
                        .map(o -> o.toBuilder().key(decode(o.key())).build())
                        .toList())
                .commonPrefixes(decodePrefixes(response.commonPrefixes()))
                .build();
    }

    @Override
    public void clearContainer(ListObjectsV2Request request) {
        super.clearContainer(
                request.toBuilder().prefix(encodePrefix(request.prefix())).build());
    }

    @Override
    public ListObjectVersionsResponse listVersions(ListObjectVersionsRequest request) {
        ListObjectVersionsResponse response = super.listVersions(request.toBuilder()
                .prefix(encodePrefix(request.prefix()))
                .keyMarker(request.keyMarker() == null ? null : encode(request.keyMarker()))
                .build());
        return response.toBuilder()
                .prefix(request.prefix())
                .keyMarker(request.keyMarker())
                .nextKeyMarker(decode(response.nextKeyMarker()))
                .versions(response.versions().stream()
                        .map(v -> v.toBuilder().key(decode(v.key())).build())
                        .toList())
                .deleteMarkers(response.deleteMarkers().stream()
                        .map(m -> m.toBuilder().key(decode(m.key())).build())
                        .toList())
                .commonPrefixes(decodePrefixes(response.commonPrefixes()))
                .build();
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key) {
        return super.getBlobAccess(container, encode(key));
    }

    @Override
    public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
        return super.getBlobAccess(container, encode(key), versionId);
    }

    @Override
    public GetObjectAclResponse getBlobAcl(GetObjectAclRequest request) {
        return super.getBlobAcl(request.toBuilder().key(encode(request.key())).build());
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access) {
        super.setBlobAccess(container, encode(key), access);
    }

    @Override
    public void setBlobAccess(String container, String key, ObjectCannedACL access, String versionId) {
        super.setBlobAccess(container, encode(key), access, versionId);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        MultipartUpload upload = super.initiateMultipartUpload(
                request.toBuilder().key(encode(request.key())).build());
        return new MultipartUpload(upload.id(), request, upload.response());
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(encode(upload));
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(
                encode(upload), request.toBuilder().key(encode(request.key())).build());
        return response.toBuilder().key(request.key()).build();
    }

    @Override
    public UploadPartResponse uploadMultipartPart(
            MultipartUpload upload, UploadPartRequest request, InputStream input) {
        return super.uploadMultipartPart(
                encode(upload), request.toBuilder().key(encode(request.key())).build(), input);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        return super.listMultipartUpload(encode(upload));
    }

    @Override
    public List<software.amazon.awssdk.services.s3.model.MultipartUpload> listMultipartUploads(String container) {
        return super.listMultipartUploads(container).stream()
                .map(u -> u.toBuilder().key(decode(u.key())).build())
                .toList();
    }

    private static MultipartUpload encode(MultipartUpload upload) {
        CreateMultipartUploadRequest request = upload.request();
        return new MultipartUpload(
                upload.id(), request.toBuilder().key(encode(request.key())).build(), upload.response());
    }

    private static List<CommonPrefix> decodePrefixes(List<CommonPrefix> prefixes) {
        UnaryOperator<CommonPrefix> decoded =
                p -> p.toBuilder().prefix(decode(p.prefix())).build();
        return prefixes.stream().map(decoded).toList();
    }
}
