package dev.facerec.engine.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    /** 120 × 80 pixels, red in the top-left quadrant, blue elsewhere. */
    private static BufferedImage marked() {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 60, 40);
        g.dispose();
        return image;
    }

    private static boolean isRed(RgbImage image, int x, int y) {
        return image.get(x, y, 0) > 200 && image.get(x, y, 2) < 60;
    }

    @Test
    void decode_shouldTurnImage_whenExifOrientationIs6() throws ImageException {
        // GIVEN a JPEG stored 120 × 80 whose EXIF says "rotate 90° clockwise to display"
        byte[] jpeg = TestImages.jpegWithOrientation(marked(), 6);

        // WHEN
        DecodedImage decoded = ImageDecoder.decode(jpeg, 2560);

        // THEN it is 80 × 120 and the red quadrant moved from top-left to top-right
        assertThat(decoded.width()).isEqualTo(80);
        assertThat(decoded.height()).isEqualTo(120);
        assertThat(isRed(decoded.pixels(), 60, 20)).isTrue();
        assertThat(isRed(decoded.pixels(), 20, 20)).isFalse();
    }

    @Test
    void decode_shouldTurnImage_whenExifOrientationIs8() throws ImageException {
        byte[] jpeg = TestImages.jpegWithOrientation(marked(), 8);

        DecodedImage decoded = ImageDecoder.decode(jpeg, 2560);

        // 90° counter-clockwise: top-left goes to bottom-left
        assertThat(decoded.width()).isEqualTo(80);
        assertThat(isRed(decoded.pixels(), 20, 100)).isTrue();
        assertThat(isRed(decoded.pixels(), 20, 20)).isFalse();
    }

    @Test
    void decode_shouldKeepImage_whenExifOrientationIs1() throws ImageException {
        byte[] jpeg = TestImages.jpegWithOrientation(marked(), 1);

        DecodedImage decoded = ImageDecoder.decode(jpeg, 2560);

        assertThat(decoded.width()).isEqualTo(120);
        assertThat(isRed(decoded.pixels(), 20, 20)).isTrue();
    }

    @Test
    void decode_shouldSubsampleButReportFullSize_whenLongerThanLimit() throws ImageException {
        // GIVEN a 300 × 100 PNG and a limit of 128 px
        BufferedImage wide = new BufferedImage(300, 100, BufferedImage.TYPE_3BYTE_BGR);
        byte[] png = TestImages.encode(wide, "png");

        // WHEN
        DecodedImage decoded = ImageDecoder.decode(png, 128);

        // THEN every third pixel is read, and the original size is reported
        assertThat(decoded.pixels().width()).isEqualTo(100);
        assertThat(decoded.pixels().height()).isEqualTo(34);
        assertThat(decoded.width()).isEqualTo(300);
        assertThat(decoded.height()).isEqualTo(100);
    }

    @Test
    void decode_shouldReadGreyAndAlphaImages_whenPng() throws ImageException {
        BufferedImage grey = new BufferedImage(90, 90, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage argb = new BufferedImage(90, 90, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(5, 5, 0xff00ff00);

        RgbImage fromGrey =
                ImageDecoder.decode(TestImages.encode(grey, "png"), 2560).pixels();
        RgbImage fromArgb =
                ImageDecoder.decode(TestImages.encode(argb, "png"), 2560).pixels();

        assertThat(fromGrey.width()).isEqualTo(90);
        assertThat(fromArgb.get(5, 5, 1)).isEqualTo(255);
        assertThat(fromArgb.get(5, 5, 0)).isZero();
    }

    @Test
    @DisplayName("fails if the PNG is truncated")
    void decode_failsIfTruncatedPng() {
        BufferedImage noise = new BufferedImage(200, 200, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        byte[] png = TestImages.encode(noise, "png");

        assertThatThrownBy(() -> ImageDecoder.decode(Arrays.copyOf(png, png.length / 2), 2560))
                .isInstanceOf(ImageException.class)
                .hasMessageContaining("Invalid PNG")
                .satisfies(e ->
                        assertThat(((ImageException) e).kind()).isEqualTo(ImageException.Kind.INVALID_IMAGE_FORMAT));
    }

    @Test
    void decode_shouldGiveImageIoPixelsExactly_whenTheJpegHasNoIccProfile() throws Exception {
        // GIVEN a photo without ICC profile (face-api's sample6), a JFIF written by ImageIO, and a grey JPEG
        byte[] photo = TestImages.sample(6);
        BufferedImage grey = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, Color.BLACK, 160, 120, Color.WHITE));
        g.fillRect(0, 0, 160, 120);
        g.dispose();

        // WHEN decoded from raw samples, THEN every pixel is what ImageIO's own conversion gives, also subsampled
        assertSamePixels(photo, 2560);
        assertSamePixels(photo, 500);
        assertSamePixels(TestImages.encode(marked(), "jpeg"), 2560);
        assertSamePixels(TestImages.encode(grey, "jpeg"), 2560);
    }

    @Test
    void decode_shouldStayWithinOneLevelOfImageIo_whenTheJpegCarriesAnIccProfile() throws Exception {
        // GIVEN face-api's sample1-5, which embed an ICC profile (not applied here; ImageIO converts through it)
        for (int n = 1; n <= 5; n++) {
            byte[] photo = TestImages.sample(n);
            RgbImage decoded = ImageDecoder.decode(photo, 2560).pixels();
            BufferedImage reference = TestImages.decode(photo);

            // THEN the colours differ by less than one level on average
            long total = 0;
            for (int y = 0; y < decoded.height(); y++) {
                for (int x = 0; x < decoded.width(); x++) {
                    int rgb = reference.getRGB(x, y);
                    total += Math.abs(decoded.get(x, y, 0) - ((rgb >> 16) & 0xff))
                            + Math.abs(decoded.get(x, y, 1) - ((rgb >> 8) & 0xff))
                            + Math.abs(decoded.get(x, y, 2) - (rgb & 0xff));
                }
            }
            assertThat(total / (3.0 * decoded.width() * decoded.height()))
                    .as("sample%d", n)
                    .isLessThan(1.0);
        }
    }

    @Test
    void jpegColor_shouldFollowLibjpeg_whenDecidingHowSamplesAreCoded() {
        int none = JpegColor.NO_ADOBE_MARKER;
        assertThat(JpegColor.of(1, new int[] {1}, false, none)).isEqualTo(JpegColor.GREY);
        assertThat(JpegColor.of(3, new int[] {'R', 'G', 'B'}, true, none)).isEqualTo(JpegColor.YCBCR);
        assertThat(JpegColor.of(3, new int[] {1, 2, 3}, false, 0)).isEqualTo(JpegColor.RGB);
        assertThat(JpegColor.of(3, new int[] {1, 2, 3}, false, 1)).isEqualTo(JpegColor.YCBCR);
        assertThat(JpegColor.of(3, new int[] {1, 2, 3}, false, 2)).isEqualTo(JpegColor.OTHER);
        assertThat(JpegColor.of(3, new int[] {'R', 'G', 'B'}, false, none)).isEqualTo(JpegColor.RGB);
        assertThat(JpegColor.of(3, new int[] {1, 2, 3}, false, none)).isEqualTo(JpegColor.YCBCR);
        assertThat(JpegColor.of(4, new int[] {1, 2, 3, 4}, false, 2)).isEqualTo(JpegColor.OTHER);
    }

    /** Decodes {@code jpeg} with a longest-side {@code limit} and compares with ImageIO, subsampled alike. */
    private static void assertSamePixels(byte[] jpeg, int limit) throws Exception {
        RgbImage decoded = ImageDecoder.decode(jpeg, limit).pixels();
        javax.imageio.ImageReader reader =
                javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next();
        BufferedImage reference;
        try (javax.imageio.stream.ImageInputStream in =
                javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            int step = (Math.max(reader.getWidth(0), reader.getHeight(0)) + limit - 1) / limit;
            javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            reference = reader.read(0, param);
        } finally {
            reader.dispose();
        }
        assertThat(decoded.width()).isEqualTo(reference.getWidth());
        assertThat(decoded.height()).isEqualTo(reference.getHeight());
        for (int y = 0; y < decoded.height(); y++) {
            for (int x = 0; x < decoded.width(); x++) {
                // grey: the stored level (getRGB would brighten it, reading Java's linear grey space as such)
                int rgb = reference.getType() == BufferedImage.TYPE_BYTE_GRAY
                        ? reference.getRaster().getSample(x, y, 0) * 0x010101
                        : reference.getRGB(x, y);
                int[] expected = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    if (decoded.get(x, y, c) != expected[c]) {
                        throw new AssertionError("pixel (" + x + ", " + y + ") channel " + c + ": "
                                + decoded.get(x, y, c) + " instead of " + expected[c]);
                    }
                }
            }
        }
    }
}
