package dev.facerec.engine.analysis;

import dev.facerec.engine.analysis.ImageException.Kind;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes JPEG and PNG bytes with ImageIO: header checked first, large images read at reduced size (every n-th
 * pixel, so that the longest side is at most a limit), EXIF orientation applied.
 *
 * <p>JPEGs in YCbCr, RGB or grey are read as raw samples ({@code ImageReader.readRaster}) and converted to RGB here,
 * with libjpeg's own integer YCbCr formulas: the same pixels as {@code ImageReader.read} gives for a JPEG without
 * an ICC profile, in less than half the time. An embedded ICC profile is not applied (as OpenCV and PIL, which the
 * models' training pipelines use, do not apply it); {@code read} converted such photos through LittleCMS at 2–4
 * times the cost of the decoding itself. Other JPEGs (CMYK, YCCK) and PNGs take {@code read}.
 */
final class ImageDecoder {

    private ImageDecoder() {}

    /**
     * Decodes {@code bytes}, subsampled by the smallest whole step that brings the longest side to at most
     * {@code limit} pixels.
     */
    static DecodedImage decode(byte[] bytes, int limit) throws ImageException {
        ImageHeader header = ImageHeader.read(bytes);
        int longest = Math.max(header.width(), header.height());
        int step = (longest + limit - 1) / limit;
        RgbImage pixels = header.jpegColor() == JpegColor.OTHER
                ? toRgb(read(bytes, header.format(), step, ImageReader::read))
                : samplesToRgb(read(bytes, header.format(), step, ImageReader::readRaster), header.jpegColor());
        RgbImage raster = Orientation.apply(pixels, header.orientation());
        return new DecodedImage(raster, header.orientedWidth(), header.orientedHeight());
    }

    /** How a configured reader reads image 0. */
    @FunctionalInterface
    private interface ReadImage<T> {
        T read(ImageReader reader, int index, ImageReadParam param) throws IOException;
    }

    private static <T> T read(byte[] bytes, String format, int step, ReadImage<T> how) throws ImageException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        AtomicReference<String> truncated = new AtomicReference<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((source, warning) -> {
                if (warning != null
                        && warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                    truncated.set(warning);
                }
            });
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            T image = how.read(reader, 0, param);
            if (truncated.get() != null) {
                throw new ImageException(
                        Kind.INVALID_IMAGE_FORMAT,
                        "Invalid " + format.toUpperCase(java.util.Locale.ROOT) + ": the data is truncated");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(
                    Kind.INVALID_IMAGE_FORMAT,
                    "Invalid " + format.toUpperCase(java.util.Locale.ROOT) + ": cannot decode (" + e.getMessage() + ")",
                    e);
        } finally {
            reader.dispose();
        }
    }

    /** Raw JPEG samples (YCbCr, RGB or grey, 8 bits) as RGB. */
    static RgbImage samplesToRgb(Raster raw, JpegColor color) {
        if (raw.getDataBuffer() instanceof DataBufferByte data
                && raw.getSampleModel() instanceof ComponentSampleModel model
                && java.util.Arrays.stream(model.getBankIndices()).allMatch(bank -> bank == 0)) {
            return interleavedToRgb(raw, data, model, color);
        }
        int w = raw.getWidth();
        int h = raw.getHeight();
        int bands = raw.getNumBands();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w * bands];
        for (int y = 0; y < h; y++) {
            raw.getPixels(raw.getMinX(), raw.getMinY() + y, w, 1, row);
            int o = y * w * 3;
            for (int x = 0; x < w; x++, o += 3) {
                int p = x * bands;
                if (color == JpegColor.GREY) {
                    rgb[o] = (byte) row[p];
                    rgb[o + 1] = (byte) row[p];
                    rgb[o + 2] = (byte) row[p];
                } else if (color == JpegColor.RGB) {
                    rgb[o] = (byte) row[p];
                    rgb[o + 1] = (byte) row[p + 1];
                    rgb[o + 2] = (byte) row[p + 2];
                } else {
                    YCbCr.toRgb(row[p], row[p + 1], row[p + 2], rgb, o);
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * {@link #samplesToRgb} reading the raster's bytes in place (what ImageIO's JPEG reader returns): the generic
     * {@code getPixels} copy through an int row was a third of the decoding's time.
     */
    private static RgbImage interleavedToRgb(
            Raster raw, DataBufferByte data, ComponentSampleModel model, JpegColor color) {
        int w = raw.getWidth();
        int h = raw.getHeight();
        byte[] src = data.getData();
        int pixelStride = model.getPixelStride();
        int[] offsets = model.getBandOffsets();
        int first = offsets[0];
        int second = offsets[Math.min(1, offsets.length - 1)];
        int third = offsets[Math.min(2, offsets.length - 1)];
        boolean convert = color != JpegColor.GREY && color != JpegColor.RGB;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int p = data.getOffset()
                    + (raw.getMinY() + y - raw.getSampleModelTranslateY()) * model.getScanlineStride()
                    + (raw.getMinX() - raw.getSampleModelTranslateX()) * pixelStride;
            int o = y * w * 3;
            for (int x = 0; x < w; x++, o += 3, p += pixelStride) {
                if (convert) {
                    YCbCr.toRgb(src[p + first] & 0xff, src[p + second] & 0xff, src[p + third] & 0xff, rgb, o);
                } else {
                    rgb[o] = src[p + first];
                    rgb[o + 1] = src[p + second];
                    rgb[o + 2] = src[p + third];
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    private static RgbImage toRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        boolean packed = image.getRaster().getDataBuffer() instanceof DataBufferByte
                && image.getSampleModel() instanceof ComponentSampleModel model
                && model.getScanlineStride() == w * model.getPixelStride()
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
        if (packed && image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
        } else if (packed && image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < w * h; i++) {
                rgb[i * 3] = grey[i];
                rgb[i * 3 + 1] = grey[i];
                rgb[i * 3 + 2] = grey[i];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int o = (y * w + x) * 3;
                    rgb[o] = (byte) (row[x] >> 16);
                    rgb[o + 1] = (byte) (row[x] >> 8);
                    rgb[o + 2] = (byte) row[x];
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
