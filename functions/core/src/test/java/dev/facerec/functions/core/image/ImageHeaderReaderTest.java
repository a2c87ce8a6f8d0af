package dev.facerec.functions.core.image;

import static dev.facerec.functions.testing.SyntheticImages.face;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.testing.FaceColor;
import dev.facerec.functions.testing.SyntheticImages;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageHeaderReaderTest {

    @Test
    void read_shouldGiveFormatAndDimensions_whenJpeg() throws IOException {
        byte[] jpeg = SyntheticImages.jpeg(640, 480, face(FaceColor.RED, 10, 10, 100));

        ImageHeader header = ImageHeaderReader.read(ByteSource.of(jpeg));

        assertThat(header).isEqualTo(new ImageHeader(ImageFormat.JPEG, 640, 480, 1));
    }

    @Test
    void read_shouldGiveFormatAndDimensions_whenPng() throws IOException {
        ImageHeader header = ImageHeaderReader.read(ByteSource.of(SyntheticImages.png(300, 200)));

        assertThat(header).isEqualTo(new ImageHeader(ImageFormat.PNG, 300, 200, 1));
    }

    @Test
    void read_shouldGiveTheExifOrientation_whenTheJpegHasOne() throws IOException {
        // GIVEN a 640x480 JPEG marked "rotate 90° clockwise to display" (orientation 6)
        byte[] jpeg = SyntheticImages.withExifOrientation(SyntheticImages.jpeg(640, 480), 6);

        // WHEN
        ImageHeader header = ImageHeaderReader.read(ByteSource.of(jpeg));

        // THEN the stored size is kept and the displayed size is swapped
        assertThat(header.orientation()).isEqualTo(6);
        assertThat(header.orientedWidth()).isEqualTo(480);
        assertThat(header.orientedHeight()).isEqualTo(640);
    }

    @Test
    void read_shouldFetchOnlyTheHeadAndTail_whenTheImageIsLarge() throws IOException {
        // GIVEN a noisy 3000x2000 JPEG of several megabytes behind a source that counts the bytes read
        byte[] jpeg = SyntheticImages.encodeJpeg(noise(3000, 2000));
        AtomicLong bytesRead = new AtomicLong();
        ByteSource counting = counting(ByteSource.of(jpeg), bytesRead);

        // WHEN
        ImageHeader header = ImageHeaderReader.read(counting);

        // THEN the dimensions come from well under 100 KiB of a file over 1 MB
        assertThat(jpeg.length).isGreaterThan(1_000_000);
        assertThat(header.width()).isEqualTo(3000);
        assertThat(bytesRead.get()).isLessThan(100 * 1024);
    }

    @Test
    void read_shouldReportTheClaimedSize_whenAPngHeaderClaims100000x100000() throws IOException {
        // GIVEN a 100x100 PNG whose header claims 100000x100000 (10 billion pixels)
        byte[] png = SyntheticImages.pngClaiming(100_000, 100_000);

        // WHEN the header is read (nothing is decoded, so no pixel memory is allocated)
        ImageHeader header = ImageHeaderReader.read(ByteSource.of(png));

        // THEN the claim is reported, for the limits to reject
        assertThat(header.width()).isEqualTo(100_000);
        assertThat(header.height()).isEqualTo(100_000);
    }

    @Test
    @DisplayName("fails if the object is empty")
    void read_failsIfEmpty() {
        assertRejected(new byte[0], "empty");
    }

    @Test
    @DisplayName("fails if a text file is named .jpg")
    void read_failsIfText() {
        assertRejected(SyntheticImages.text(), "not a JPEG or PNG");
    }

    @Test
    @DisplayName("fails if the image is a GIF")
    void read_failsIfGif() {
        assertRejected(SyntheticImages.gif(200, 200), "GIF");
    }

    @Test
    @DisplayName("fails if the image is a WebP")
    void read_failsIfWebp() {
        assertRejected(SyntheticImages.webp(), "WEBP");
    }

    @Test
    @DisplayName("fails if the JPEG is truncated in its image data")
    void read_failsIfJpegTruncatedInData() {
        assertRejected(SyntheticImages.truncatedJpeg(400, 300, 0.6, face(FaceColor.BLUE, 50, 50, 120)), "truncated");
    }

    @Test
    @DisplayName("fails if the JPEG is truncated inside its header")
    void read_failsIfJpegTruncatedInHeader() {
        assertRejected(SyntheticImages.truncatedJpeg(400, 300, 0.02), "JPEG");
    }

    @Test
    @DisplayName("fails if the PNG is truncated")
    void read_failsIfPngTruncated() {
        byte[] png = SyntheticImages.png(400, 300, face(FaceColor.GREEN, 20, 20, 100));
        assertRejected(java.util.Arrays.copyOf(png, png.length - 20), "truncated PNG");
    }

    @Test
    void read_shouldAcceptTheJpeg_whenDataFollowsItsEndMarker() throws IOException {
        // GIVEN a JPEG followed by 200 KiB of other data (as phones append a video to "motion photos")
        byte[] jpeg = SyntheticImages.jpeg(400, 300);
        byte[] trailer = new byte[200 * 1024];
        new Random(7).nextBytes(trailer);
        byte[] withTrailer = java.util.Arrays.copyOf(jpeg, jpeg.length + trailer.length);
        System.arraycopy(trailer, 0, withTrailer, jpeg.length, trailer.length);

        // WHEN / THEN it is not taken for a truncated file
        assertThat(ImageHeaderReader.read(ByteSource.of(withTrailer)).width()).isEqualTo(400);
    }

    private static void assertRejected(byte[] bytes, String detail) {
        assertThatThrownBy(() -> ImageHeaderReader.read(ByteSource.of(bytes)))
                .isInstanceOfSatisfying(RejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NOT_AN_IMAGE);
                    assertThat(e.detail()).contains(detail);
                });
    }

    private static java.awt.image.BufferedImage noise(int width, int height) {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    private static ByteSource counting(ByteSource delegate, AtomicLong counter) {
        return new ByteSource() {
            @Override
            public long size() {
                return delegate.size();
            }

            @Override
            public byte[] read(long offset, int length) throws IOException {
                byte[] bytes = delegate.read(offset, length);
                counter.addAndGet(bytes.length);
                return bytes;
            }
        };
    }
}
