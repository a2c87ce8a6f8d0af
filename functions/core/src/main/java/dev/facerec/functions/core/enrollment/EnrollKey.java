package dev.facerec.functions.core.enrollment;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.util.regex.Pattern;

/**
 * An enrolment photo's key, {@code <enrollPrefix><personId>/<file>}. The person id becomes the Rekognition UserId,
 * so it must match Rekognition's UserId charset {@code [a-zA-Z0-9_.\-:]{1,128}}; the file part may contain further
 * slashes but must not be empty (a "folder" placeholder object is not a photo).
 *
 * @param personId the person id (also the Rekognition UserId)
 * @param file     the rest of the key after the person id and its slash
 */
public record EnrollKey(String personId, String file) {

    /** Rekognition's UserId charset and length. */
    public static final Pattern PERSON_ID = Pattern.compile("[a-zA-Z0-9_.\\-:]{1,128}");

    /**
     * Parses a decoded key under the enrolment prefix.
     *
     * @throws RejectedException with {@link Reason#INVALID_KEY} when the key breaks the conventions
     */
    public static EnrollKey parse(String key, String enrollPrefix) {
        if (!key.startsWith(enrollPrefix)) {
            throw new RejectedException(Reason.INVALID_KEY, "the key is not under the enrolment prefix");
        }
        String rest = key.substring(enrollPrefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new RejectedException(
                    Reason.INVALID_KEY, "an enrolment photo goes under a person id: <prefix><personId>/<file>");
        }
        String personId = rest.substring(0, slash);
        String file = rest.substring(slash + 1);
        if (!PERSON_ID.matcher(personId).matches()) {
            throw new RejectedException(
                    Reason.INVALID_KEY,
                    "the person id must be 1-128 characters of letters, digits, '_', '.', '-' or ':'");
        }
        if (file.isEmpty() || file.endsWith("/")) {
            throw new RejectedException(Reason.INVALID_KEY, "the key names a folder, not a photo");
        }
        return new EnrollKey(personId, file);
    }
}
