package dev.facerec.functions.core.recognition;

/**
 * Who a face is, as far as the collection can tell.
 *
 * @param status     IDENTIFIED, UNKNOWN (searched, no person above the threshold), NOT_SEARCHED or ERASED
 * @param personId   the person id (the Rekognition UserId), when identified
 * @param similarity Rekognition's similarity percent, when identified
 * @param detail     why the face could not be searched, when NOT_SEARCHED
 */
public record Identity(IdentityStatus status, String personId, Float similarity, String detail) {

    public static Identity identified(String personId, Float similarity) {
        return new Identity(IdentityStatus.IDENTIFIED, personId, similarity, null);
    }

    public static Identity unknown() {
        return new Identity(IdentityStatus.UNKNOWN, null, null, null);
    }

    /** A face identified as a person whose erasure began before the result was written: nobody is named. */
    public static Identity erased() {
        return new Identity(IdentityStatus.ERASED, null, null, null);
    }

    public static Identity notSearched(String detail) {
        return new Identity(IdentityStatus.NOT_SEARCHED, null, null, detail);
    }
}
