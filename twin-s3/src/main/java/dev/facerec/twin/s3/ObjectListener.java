package dev.facerec.twin.s3;

/**
 * Sees every object write and delete of a {@link S3Server}, after it succeeded. Called on the request thread;
 * an exception thrown here is logged and does not fail the S3 request.
 */
@FunctionalInterface
public interface ObjectListener {

    void onChange(ObjectChange change);
}
