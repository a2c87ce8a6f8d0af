package dev.facerec.functions.core.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facerec.functions.core.image.ImageFormat;
import dev.facerec.functions.core.image.ImageHeader;
import dev.facerec.functions.core.status.RejectedException;
import dev.facerec.functions.testing.SyntheticImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void orient_shouldPutEachStoredPixelWhereTheExifSpecificationDisplaysIt(int orientation) {
        // GIVEN a 3x2 stored image whose pixels are all different
        BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                stored.setRGB(x, y, (x + 1) * 40 << 16 | (y + 1) * 90);
            }
        }

        // WHEN it is oriented
        BufferedImage shown = ImageDecoder.orient(stored, orientation);

        // THEN every displayed pixel comes from the stored pixel the EXIF table names (here written row by row)
        int[][] expected = switch (orientation) {
            case 1 -> new int[][] {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {1, 1}, {2, 1}};
            case 2 -> new int[][] {{2, 0}, {1, 0}, {0, 0}, {2, 1}, {1, 1}, {0, 1}};
            case 3 -> new int[][] {{2, 1}, {1, 1}, {0, 1}, {2, 0}, {1, 0}, {0, 0}};
            case 4 -> new int[][] {{0, 1}, {1, 1}, {2, 1}, {0, 0}, {1, 0}, {2, 0}};
            case 5 -> new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}};
            case 6 -> new int[][] {{0, 1}, {0, 0}, {1, 1}, {1, 0}, {2, 1}, {2, 0}};
            case 7 -> new int[][] {{2, 1}, {2, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}};
            default -> new int[][] {{2, 0}, {2, 1}, {1, 0}, {1, 1}, {0, 0}, {0, 1}};
        };
        int width = orientation >= 5 ? 2 : 3;
        assertThat(shown.getWidth()).isEqualTo(width);
        for (int i = 0; i < expected.length; i++) {
            int shownPixel = shown.getRGB(i % width, i / width) & 0xFFFFFF;
            int storedPixel = stored.getRGB(expected[i][0], expected[i][1]) & 0xFFFFFF;
            assertThat(shownPixel).as("displayed pixel %d", i).isEqualTo(storedPixel);
        }
    }

    @Test
    void decode_shouldSubsample_whenTheImageIsLargerThanTheDecodeLimit() {
        // GIVEN a 7000x400 PNG
        byte[] png = SyntheticImages.png(7000, 400);

        // WHEN
        BufferedImage decoded = ImageDecoder.decode(png, new ImageHeader(ImageFormat.PNG, 7000, 400, 1));

        // THEN it is decoded at a third of its size, within the limit
        assertThat(decoded.getWidth())
                .isLessThanOrEqualTo(ImageDecoder.MAX_DECODED_SIDE)
                .isEqualTo(2334);
        assertThat(decoded.getHeight()).isEqualTo(134);
    }

    @Test
    @DisplayName("fails if the bytes cannot be decoded")
    void decode_failsIfCorrupt() {
        byte[] garbage = SyntheticImages.text();

        assertThatThrownBy(() -> ImageDecoder.decode(garbage, new ImageHeader(ImageFormat.JPEG, 100, 100, 1)))
                .isInstanceOf(RejectedException.class)
                .hasMessage("the image cannot be decoded");
    }
}
