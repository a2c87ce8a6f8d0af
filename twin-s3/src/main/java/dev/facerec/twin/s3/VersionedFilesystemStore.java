package dev.facerec.twin.s3;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;

/**
 * s3proxy's filesystem store with S3 versioning switched on. s3proxy 4.1.0's file stores implement versioning
 * (version ids, noncurrent versions in a hidden {@code .s3proxy-versions} folder, delete markers, ListObjectVersions;
 * the bucket's status and each version's id in user extended attributes) but do not offer it: their
 * {@code supportsVersioning()} is {@code false}. This store says {@code true}.
 *
 * <p>s3proxy numbers versions from a JVM-wide counter that starts at 0 in every JVM, so a restarted twin would hand
 * out version ids (and archive file names) that its earlier run already used. Each new store therefore moves the
 * counter past the wall clock in microseconds: ids keep increasing across restarts as long as the clock does and
 * fewer than 1000 versions a millisecond are written. A file system without user extended attributes makes
 * {@code PutBucketVersioning} fail with 501 Not Implemented (the bucket deployer then records versioning only).
 */
final class VersionedFilesystemStore extends AbstractNio2BlobStore {

    private static final String SEQUENCE_FIELD = "VERSION_SEQUENCE";

    VersionedFilesystemStore(Path root, Clock clock) {
        super(root);
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(new NoSuchFileException(root.toString()));
        }
        advanceVersionSequence(clock.millis() * 1000L);
    }

    @Override
    public boolean supportsVersioning() {
        return true;
    }

    private static void advanceVersionSequence(long floor) {
        try {
            Field field = AbstractNio2BlobStore.class.getDeclaredField(SEQUENCE_FIELD);
            field.setAccessible(true);
            ((AtomicLong) field.get(null)).accumulateAndGet(floor, Math::max);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(
                    "s3proxy's file store no longer has the version counter " + SEQUENCE_FIELD
                            + " this twin was written for (s3proxy 4.1.0): check S3 versioning after the upgrade",
                    e);
        }
    }
}
