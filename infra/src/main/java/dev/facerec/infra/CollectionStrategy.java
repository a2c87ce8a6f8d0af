package dev.facerec.infra;

/** How a {@link FaceRecognition} pipeline keeps its faces in Rekognition collections. */
public enum CollectionStrategy {
    /**
     * One collection for everyone: keys are {@code enroll/<personId>/<file>} and {@code recognize/<any>}. Face match
     * and face verification.
     */
    SHARED,
    /**
     * One collection per tenant (an application user), created on the tenant's first enrolment as
     * {@code <collectionId>-<tenantId>}: keys are {@code enroll/<tenantId>/<personId>/<file>} and
     * {@code recognize/<tenantId>/<any>}, results go to {@code results/<tenantId>/…}, and a recognition names only
     * the tenant's own people. Social tagging. A tenant is erased whole by the tenant erasure function.
     */
    PER_TENANT
}
