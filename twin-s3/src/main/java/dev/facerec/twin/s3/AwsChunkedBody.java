package dev.facerec.twin.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3ProxyException;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

/**
 * An {@code aws-chunked} request body read to its very end: the bytes pass through unchanged (s3proxy decodes and
 * verifies the chunks and their signatures itself), but this stream reads ahead so that the end of the body — the
 * zero-length chunk, the trailing headers ({@code x-amz-checksum-crc32:…}, {@code x-amz-trailer-signature:…}) and
 * the empty line after them — is consumed from the connection before the last data byte is handed on.
 *
 * <p>s3proxy 4.1.0 reads an object's body only as far as {@code x-amz-decoded-content-length}: it never asks for the
 * end of the aws-chunked body, which then stays unread on the connection. When those bytes arrive late (AWS SDKs
 * send the trailer after the last chunk), Jetty closes the kept-alive connection after the response, and the
 * client's next request on it fails — or the SDK retries a PutObject that was already stored. Reading ahead also
 * lets this stream verify the trailing checksum as S3 does: the {@code x-amz-checksum-*} trailer named by the
 * request's {@code x-amz-trailer} header is compared with the checksum of the decoded data, and a mismatch fails
 * the read with S3's {@code BadDigest} (400) before the object is complete, so nothing is stored.
 *
 * <p>Format (<a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html">SigV4 streaming</a>):
 * chunks {@code hex-size[;chunk-signature=sig]\r\n data \r\n}, the last one of size 0, then trailer lines and an
 * empty line (for a body without trailer, just the empty line).
 */
final class AwsChunkedBody extends InputStream {

    private static final int MAX_LINE = 4096;
    /** s3proxy's own bound on a chunk (its default {@code v4MaxChunkSize}): what one read-ahead may hold. */
    private static final int MAX_CHUNK = 16 * 1024 * 1024;

    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";

    private final InputStream in;
    private final String trailer;
    private final SdkChecksum checksum;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] buffer = new byte[0];
    private int position;
    private String header;
    private boolean finished;

    /**
     * @param in the raw request body
     * @param trailer the request's {@code x-amz-trailer} header (e.g. {@code x-amz-checksum-crc32}), or {@code null}
     */
    AwsChunkedBody(InputStream in, String trailer) {
        this.in = in;
        this.trailer = trailer == null ? null : trailer.trim().toLowerCase(Locale.ROOT);
        this.checksum = checksumFor(this.trailer);
    }

    /** Whether the whole body, up to the empty line after the trailers, has been read and handed on. */
    boolean isFinished() {
        return finished && position == buffer.length;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, buffer.length - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        return buffer.length - position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Makes bytes available; {@code false} at the end of the body. */
    private boolean fill() throws IOException {
        while (position == buffer.length) {
            if (finished) {
                return false;
            }
            readAhead();
            buffer = pending.toByteArray();
            position = 0;
            pending.reset();
        }
        return true;
    }

    /**
     * Reads the next chunk and the header line of the one after it; when that one has size 0, reads the rest of the
     * body too, so that the last data chunk is handed on only once the whole body has been read.
     */
    private void readAhead() throws IOException {
        if (header == null) {
            header = line();
        }
        int size = chunkSize(header);
        if (size > 0) {
            byte[] data = in.readNBytes(size);
            if (data.length < size) {
                throw incomplete();
            }
            pending.writeBytes(data);
            if (checksum != null) {
                checksum.update(data, 0, size);
            }
            if (!line().isEmpty()) {
                throw new IOException(new S3ProxyException(
                        S3ErrorCode.INVALID_REQUEST, "an aws-chunked chunk does not end with CRLF"));
            }
            header = line();
            size = chunkSize(header);
        }
        if (size == 0) {
            readEnd();
        }
    }

    /** The trailing headers after the zero-length chunk, up to the empty line; checks the checksum trailer. */
    private void readEnd() throws IOException {
        String expected = null;
        for (String field = line(); !field.isEmpty(); field = line()) {
            int colon = field.indexOf(':');
            String name = colon < 0 ? field : field.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (name.equals(trailer) && colon >= 0) {
                expected = field.substring(colon + 1).trim();
            }
        }
        if (checksum != null) {
            String actual = Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
            if (expected == null) {
                throw new IOException(new S3ProxyException(
                        S3ErrorCode.INVALID_REQUEST, "the body lacks the trailer x-amz-trailer announced"));
            }
            if (!actual.equals(expected)) {
                throw new IOException(new S3ProxyException(S3ErrorCode.BAD_DIGEST));
            }
        }
        finished = true;
    }

    /** Reads a CRLF-terminated line, keeping its raw bytes for the reader; fails at the end of the stream. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw incomplete();
            }
            pending.write(b);
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new IOException(new S3ProxyException(
                            S3ErrorCode.INVALID_REQUEST, "a line of the aws-chunked body does not end with CRLF"));
                }
                pending.write(next);
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException(
                        new S3ProxyException(S3ErrorCode.INVALID_REQUEST, "an aws-chunked line is too long"));
            }
            line.append((char) b);
        }
    }

    private static int chunkSize(String header) throws IOException {
        int semicolon = header.indexOf(';');
        String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        try {
            int size = Integer.parseInt(hex, 16);
            if (size < 0 || size > MAX_CHUNK) {
                throw new NumberFormatException(hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException(new S3ProxyException(
                    S3ErrorCode.INVALID_REQUEST, "an aws-chunked chunk header has no size: " + abbreviate(header)));
        }
    }

    private static SdkChecksum checksumFor(String trailer) {
        if (trailer == null || !trailer.startsWith(CHECKSUM_PREFIX)) {
            return null;
        }
        String algorithm = trailer.substring(CHECKSUM_PREFIX.length()).toUpperCase(Locale.ROOT);
        try {
            return SdkChecksum.forAlgorithm(DefaultChecksumAlgorithm.fromValue(algorithm));
        } catch (RuntimeException unknown) {
            // an algorithm S3 does not have: s3proxy refuses the request itself
            return null;
        }
    }

    private static IOException incomplete() {
        return new IOException(new S3ProxyException(S3ErrorCode.INCOMPLETE_BODY));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
