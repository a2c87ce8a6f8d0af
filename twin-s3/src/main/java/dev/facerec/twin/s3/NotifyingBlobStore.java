package dev.facerec.twin.s3;

import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A decorator over s3proxy's blob store that reports every successful object write and delete to the listeners.
 * The default {@code removeBlobs} (multi-object delete) calls {@link #removeBlob} per key, so deletes are reported
 * once, here.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final Logger LOG = Logger.getLogger(NotifyingBlobStore.class.getName());

    private final List<ObjectListener> listeners;
    private final SequencerClock sequencer;

    NotifyingBlobStore(BlobStore delegate, List<ObjectListener> listeners, SequencerClock sequencer) {
        super(delegate);
        this.listeners = listeners;
        this.sequencer = sequencer;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream input) {
        PutObjectResponse response = super.putBlob(request, input);
        created("ObjectCreated:Put", request.bucket(), request.key(), response.versionId());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        created("ObjectCreated:Copy", request.destinationBucket(), request.destinationKey(), response.versionId());
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        created("ObjectCreated:CompleteMultipartUpload", request.bucket(), request.key(), response.versionId());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        boolean versioned = request.versionId() != null
                || supportsVersioning() && "Enabled".equals(String.valueOf(getBucketVersioning(request.bucket())));
        boolean existed = versioned || blobExists(request.bucket(), request.key());
        DeleteObjectResponse response = super.removeBlob(request);
        if (existed) {
            boolean marker = Boolean.TRUE.equals(response.deleteMarker()) && request.versionId() == null;
            String eventName = marker ? "ObjectRemoved:DeleteMarkerCreated" : "ObjectRemoved:Delete";
            String versionId = response.versionId() != null ? response.versionId() : request.versionId();
            notify(new ObjectChange(eventName, request.bucket(), request.key(), 0, null, versionId, sequencer.next()));
        }
        return response;
    }

    private void created(String eventName, String bucket, String key, String versionId) {
        HeadObjectResponse head = blobMetadata(software.amazon.awssdk.services.s3.model.HeadObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .versionId(versionId)
                .build());
        String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        long size = head.contentLength() == null ? 0 : head.contentLength();
        notify(new ObjectChange(eventName, bucket, key, size, eTag, versionId, sequencer.next()));
    }

    private void notify(ObjectChange change) {
        Consumer<ObjectListener> call = listener -> {
            try {
                listener.onChange(change);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an S3 object listener failed", e);
            }
        };
        listeners.forEach(call);
    }
}
