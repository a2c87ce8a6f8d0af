package dev.facerec.functions.testing;

/**
 * A bad input of {@link BadImages}.
 *
 * @param description a "fails if …" test name
 * @param fileName    a file name for the key (with the extension an uploader would use)
 * @param bytes       the content
 * @param reason      the reason the status row must give
 */
public record BadImage(String description, String fileName, byte[] bytes, String reason) {
    @Override
    public String toString() {
        return description;
    }
}
