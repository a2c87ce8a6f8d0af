package dev.facerec.functions.core.image;

import dev.facerec.functions.core.status.Reason;
import dev.facerec.functions.core.status.RejectedException;
import java.io.IOException;

/**
 * Reads an image's format, dimensions and EXIF orientation from its header, fetching only the few byte ranges it
 * needs, and checks that the file is not cut short. No pixel is decoded, so a header that claims 100000×100000
 * pixels costs nothing.
 *
 * <p>Truncation: a PNG must have its {@code IEND} chunk in the last 64 KiB. A JPEG must end its entropy-coded data:
 * the last 64 KiB after the start of the first scan must hold the end-of-image marker, or at least some marker that
 * cannot occur inside entropy-coded data (which is how data appended after the image, such as a phone's embedded
 * video, is told apart from a file cut in the middle of its scan).
 */
public final class ImageHeaderReader {

    private static final int PNG_HEADER = 33;
    private static final int TAIL_WINDOW = 64 * 1024;
    private static final int MAX_SEGMENTS = 4096;
    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private ImageHeaderReader() {}

    /**
     * Reads and checks the header.
     *
     * @throws RejectedException {@link Reason#NOT_AN_IMAGE} for an empty, unsupported, truncated or corrupt file
     * @throws IOException       when the bytes cannot be fetched
     */
    public static ImageHeader read(ByteSource source) throws IOException {
        if (source.size() == 0) {
            throw notAnImage("the object is empty (0 bytes)");
        }
        byte[] head = source.read(0, PNG_HEADER);
        ImageFormat format = ImageFormat.sniff(head);
        return switch (format) {
            case JPEG -> readJpeg(source);
            case PNG -> readPng(source, head);
            case GIF, WEBP -> throw notAnImage(format + " images are not supported by Rekognition; use JPEG or PNG");
            case UNKNOWN -> throw notAnImage("the content is not a JPEG or PNG image");
        };
    }

    private static ImageHeader readPng(ByteSource source, byte[] head) throws IOException {
        if (head.length < PNG_HEADER || head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
            throw notAnImage("a PNG without its IHDR header");
        }
        long width = u32(head, 16);
        long height = u32(head, 20);
        if (width == 0 || height == 0) {
            throw notAnImage("a PNG header with a zero dimension");
        }
        byte[] tail = tail(source, 0);
        if (indexOf(tail, new byte[] {'I', 'E', 'N', 'D'}) < 0) {
            throw notAnImage("a truncated PNG: no IEND chunk at its end");
        }
        return new ImageHeader(ImageFormat.PNG, clamp(width), clamp(height), ExifOrientation.NORMAL);
    }

    private static ImageHeader readJpeg(ByteSource source) throws IOException {
        long size = source.size();
        long pos = 2;
        int orientation = ExifOrientation.NORMAL;
        int width = -1;
        int height = -1;
        for (int segments = 0; segments < MAX_SEGMENTS; segments++) {
            byte[] marker = source.read(pos, 4);
            if (marker.length < 2 || (marker[0] & 0xff) != 0xFF) {
                throw notAnImage("a truncated or corrupt JPEG header");
            }
            int type = marker[1] & 0xff;
            if (type == 0xFF) {
                pos++;
                continue;
            }
            if (type == 0x01 || (type >= 0xD0 && type <= 0xD7)) {
                pos += 2;
                continue;
            }
            if (type == EOI || marker.length < 4) {
                throw notAnImage("a truncated or corrupt JPEG header");
            }
            int length = ((marker[2] & 0xff) << 8) | (marker[3] & 0xff);
            if (length < 2) {
                throw notAnImage("a corrupt JPEG segment");
            }
            if (type == APP1 && orientation == ExifOrientation.NORMAL) {
                orientation = ExifOrientation.read(source.read(pos + 4, length - 2));
            } else if (isFrameHeader(type)) {
                byte[] frame = source.read(pos + 4, 5);
                if (frame.length < 5) {
                    throw notAnImage("a truncated JPEG frame header");
                }
                height = ((frame[1] & 0xff) << 8) | (frame[2] & 0xff);
                width = ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
            } else if (type == SOS) {
                if (width <= 0 || height <= 0) {
                    throw notAnImage("a JPEG without usable dimensions in its frame header");
                }
                checkJpegEnd(source, pos + 2 + length);
                return new ImageHeader(ImageFormat.JPEG, width, height, orientation);
            }
            pos += 2L + length;
            if (pos >= size) {
                break;
            }
        }
        throw notAnImage("a truncated or corrupt JPEG: no image data after its header");
    }

    private static void checkJpegEnd(ByteSource source, long scanStart) throws IOException {
        byte[] tail = tail(source, scanStart);
        for (int i = 0; i + 1 < tail.length; i++) {
            if ((tail[i] & 0xff) != 0xFF) {
                continue;
            }
            int next = tail[i + 1] & 0xff;
            boolean insideScan = next == 0x00 || next == 0xFF || (next >= 0xD0 && next <= 0xD7);
            if (!insideScan) {
                return;
            }
        }
        throw notAnImage("a truncated JPEG: its image data ends without an end-of-image marker");
    }

    private static boolean isFrameHeader(int type) {
        return type >= 0xC0 && type <= 0xCF && type != 0xC4 && type != 0xC8 && type != 0xCC;
    }

    private static byte[] tail(ByteSource source, long notBefore) throws IOException {
        long from = Math.max(notBefore, source.size() - TAIL_WINDOW);
        if (from >= source.size()) {
            return new byte[0];
        }
        return source.read(from, (int) (source.size() - from));
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24)
                | ((b[at + 1] & 0xff) << 16)
                | ((b[at + 2] & 0xff) << 8)
                | (b[at + 3] & 0xff);
    }

    private static int clamp(long value) {
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    private static RejectedException notAnImage(String detail) {
        return new RejectedException(Reason.NOT_AN_IMAGE, detail);
    }
}
