package dev.facerec.functions.core.image;

import java.io.IOException;

/** Random access to the bytes of an object whose size is known, read in small pieces (e.g. ranged GETs). */
public interface ByteSource {

    /** The total size in bytes. */
    long size();

    /**
     * Reads up to {@code length} bytes at {@code offset}; fewer only at the end of the object.
     *
     * @throws IOException when the bytes cannot be read
     */
    byte[] read(long offset, int length) throws IOException;

    /** A source over bytes already in memory. */
    static ByteSource of(byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length) {
                int from = (int) Math.min(offset, bytes.length);
                int to = (int) Math.min((long) from + length, bytes.length);
                return java.util.Arrays.copyOfRange(bytes, from, to);
            }
        };
    }
}
