package io.vodupload.ports;

import java.nio.ByteBuffer;
import java.util.zip.Checksum;

/**
 * CRC-64/ECMA as OSS computes it ({@code x-oss-hash-crc64ecma}): CRC-64/XZ, reflected polynomial
 * {@code 0xC96C5795D7870F42}, init and xorout all ones, so {@code crc("") == 0} and
 * {@code crc("123456789") == 0x995DC9BBDF1939FA}.
 *
 * <p>A CRC value can be continued: {@code crc(A‖B) == update(crc(A), B)}; and two can be combined
 * without the data: {@code crc(A‖B) == combine(crc(A), crc(B), len(B))}. Values are the bits of the
 * unsigned 64-bit CRC held in a {@code long}; OSS prints them as unsigned decimals
 * ({@link #toUnsignedString}, {@link #parseUnsigned}).
 *
 * <p>It lives in {@code ports} rather than the domain because adapters compute it while they stream
 * part bodies (one pass over each byte) and the testkit server computes it for what it stores, and
 * neither may depend on the domain. Static methods are pure and thread-safe; an instance (a
 * {@link Checksum}) is not thread-safe.
 */
public final class Crc64 implements Checksum {

    private static final long POLY = 0xC96C5795D7870F42L;
    /** Slice-by-8 tables: TABLE[0] is the classic byte table, TABLE[k][n] = CRC of n followed by k zero bytes. */
    private static final long[][] TABLE = new long[8][256];

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            TABLE[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = TABLE[0][n];
            for (int k = 1; k < 8; k++) {
                c = TABLE[0][(int) (c & 0xFF)] ^ (c >>> 8);
                TABLE[k][n] = c;
            }
        }
    }

    private long value;

    /** A checksum starting at the CRC of no bytes (0). */
    public Crc64() {
    }

    /**
     * A checksum continuing from {@code initial}, the CRC of earlier bytes.
     *
     * @param initial the CRC of the bytes before
     */
    public Crc64(long initial) {
        this.value = initial;
    }

    @Override
    public void update(int b) {
        value = update(value, new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        value = update(value, b, off, len);
    }

    @Override
    public void update(ByteBuffer buffer) {
        value = update(value, buffer);
    }

    /** The CRC of the bytes so far. */
    @Override
    public long getValue() {
        return value;
    }

    @Override
    public void reset() {
        value = 0;
    }

    /**
     * The CRC of {@code b[off, off+len)}.
     *
     * @param b the bytes
     * @param off where to start in {@code b}
     * @param len how many bytes
     * @return the CRC-64
     */
    public static long of(byte[] b, int off, int len) {
        return update(0, b, off, len);
    }

    /**
     * The CRC of all of {@code b}.
     *
     * @param b the bytes
     * @return the CRC-64
     */
    public static long of(byte[] b) {
        return update(0, b, 0, b.length);
    }

    /**
     * Continues {@code crc} over {@code b[off, off+len)}.
     *
     * @param crc a CRC-64 (the bits of the unsigned value)
     * @param b the bytes
     * @param off where to start in {@code b}
     * @param len how many bytes
     * @return the CRC-64 of the bytes before and these
     */
    public static long update(long crc, byte[] b, int off, int len) {
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        long c = ~crc;
        int i = off;
        int end = off + len;
        final long[] t0 = TABLE[0], t1 = TABLE[1], t2 = TABLE[2], t3 = TABLE[3];
        final long[] t4 = TABLE[4], t5 = TABLE[5], t6 = TABLE[6], t7 = TABLE[7];
        while (end - i >= 8) {
            long x = c ^ ((b[i] & 0xFFL)
                    | (b[i + 1] & 0xFFL) << 8
                    | (b[i + 2] & 0xFFL) << 16
                    | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32
                    | (b[i + 5] & 0xFFL) << 40
                    | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56);
            c = t7[(int) (x & 0xFF)]
                    ^ t6[(int) ((x >>> 8) & 0xFF)]
                    ^ t5[(int) ((x >>> 16) & 0xFF)]
                    ^ t4[(int) ((x >>> 24) & 0xFF)]
                    ^ t3[(int) ((x >>> 32) & 0xFF)]
                    ^ t2[(int) ((x >>> 40) & 0xFF)]
                    ^ t1[(int) ((x >>> 48) & 0xFF)]
                    ^ t0[(int) (x >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = t0[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
            i++;
        }
        return ~c;
    }

    /**
     * Continues {@code crc} over the remaining bytes of {@code buffer}, consuming them.
     *
     * @param crc a CRC-64 (the bits of the unsigned value)
     * @param buffer its remaining bytes are read
     * @return the CRC-64 of the bytes before and these
     */
    public static long update(long crc, ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int pos = buffer.position();
            int len = buffer.remaining();
            long r = update(crc, buffer.array(), buffer.arrayOffset() + pos, len);
            buffer.position(pos + len);
            return r;
        }
        byte[] chunk = new byte[Math.min(buffer.remaining(), 64 * 1024)];
        long c = crc;
        while (buffer.hasRemaining()) {
            int n = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, n);
            c = update(c, chunk, 0, n);
        }
        return c;
    }

    /**
     * The CRC of {@code A‖B} from {@code crc1 = crc(A)}, {@code crc2 = crc(B)} and {@code len2 = len(B)}
     * (zlib's {@code crc32_combine} method, widened to 64 bits). {@code combine(c, x, 0) == c}.
     *
     * @param crc1 the CRC of the first run of bytes
     * @param crc2 the CRC of the second run
     * @param len2 the length of the second run
     * @return the CRC-64 of the two runs one after the other
     */
    public static long combine(long crc1, long crc2, long len2) {
        if (len2 < 0) {
            throw new IllegalArgumentException("len2 < 0: " + len2);
        }
        if (len2 == 0) {
            return crc1;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        // the operator for one zero bit
        odd[0] = POLY;
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        gf2MatrixSquare(even, odd); // two zero bits
        gf2MatrixSquare(odd, even); // four zero bits
        long c1 = crc1;
        long len = len2;
        do {
            gf2MatrixSquare(even, odd); // first time: one zero byte
            if ((len & 1) != 0) {
                c1 = gf2MatrixTimes(even, c1);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            gf2MatrixSquare(odd, even);
            if ((len & 1) != 0) {
                c1 = gf2MatrixTimes(odd, c1);
            }
            len >>>= 1;
        } while (len != 0);
        return c1 ^ crc2;
    }

    private static long gf2MatrixTimes(long[] mat, long vec) {
        long sum = 0;
        int i = 0;
        while (vec != 0) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
            vec >>>= 1;
            i++;
        }
        return sum;
    }

    private static void gf2MatrixSquare(long[] square, long[] mat) {
        for (int n = 0; n < 64; n++) {
            square[n] = gf2MatrixTimes(mat, mat[n]);
        }
    }

    /**
     * The CRC as OSS prints it: an unsigned decimal of up to 20 digits.
     *
     * @param crc a CRC-64 (the bits of the unsigned value)
     * @return the unsigned decimal
     */
    public static String toUnsignedString(long crc) {
        return Long.toUnsignedString(crc);
    }

    /**
     * Parses an OSS CRC header value (an unsigned decimal).
     *
     * @param value the value
     * @return the CRC-64 (the bits of the unsigned value)
     * @throws NumberFormatException naming the value when it is not one
     */
    public static long parseUnsigned(String value) {
        try {
            return Long.parseUnsignedLong(value.trim());
        } catch (NumberFormatException e) {
            throw new NumberFormatException("not an unsigned 64-bit CRC: " + value);
        }
    }
}
