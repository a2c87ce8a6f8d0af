package dev.facerec.functions.recognize;

/**
 * Who a face is, as far as the collection can tell.
 *
 * @param status     IDENTIFIED, UNKNOWN (searched, no person above the threshold) or NOT_SEARCHED
 * @param personId   the person id (the Rekognition UserId), when identified
 * @param similarity Rekognition's similarity percent, when identified
 * @param detail     why the face could not be searched, when NOT_SEARCHED
 */
public record Identity(Status status, String personId, Float similarity, String detail) {

  /** The outcome of a search. */
  public enum Status {
    IDENTIFIED,
    UNKNOWN,
    NOT_SEARCHED
  }

  public static Identity identified(String personId, Float similarity) {
    return new Identity(Status.IDENTIFIED, personId, similarity, null);
  }

  public static Identity unknown() {
    return new Identity(Status.UNKNOWN, null, null, null);
  }

  public static Identity notSearched(String detail) {
    return new Identity(Status.NOT_SEARCHED, null, null, detail);
  }
}
