package dev.facerec.engine.analysis;

/** Unsigned reads from byte arrays in either byte order. */
final class Bytes {

    private Bytes() {}

    static int u16(byte[] b, int at, boolean littleEndian) {
        int first = b[at] & 0xff;
        int second = b[at + 1] & 0xff;
        return littleEndian ? first | second << 8 : first << 8 | second;
    }

    static long u32(byte[] b, int at, boolean littleEndian) {
        long high = u16(b, littleEndian ? at + 2 : at, littleEndian);
        long low = u16(b, littleEndian ? at : at + 2, littleEndian);
        return high << 16 | low;
    }
}
