package dev.facerec.local.rekognition.engine;

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

    RgbImage fromGrey = ImageDecoder.decode(TestImages.encode(grey, "png"), 2560).pixels();
    RgbImage fromArgb = ImageDecoder.decode(TestImages.encode(argb, "png"), 2560).pixels();

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
        .satisfies(e -> assertThat(((ImageException) e).kind()).isEqualTo(ImageException.Kind.INVALID_IMAGE_FORMAT));
  }
}
