package io.vodupload.ports;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * {@link Checksum}) is not thread-safe; a {@link Combiner} is immutable and thread-safe.
 *
 * <p>How it is fast, in plain Java (the JDK has no carry-less-multiply intrinsic we could reach): a
 * run of at least 128 bytes is cut into groups of two equal blocks (4 KiB, 512 or 64 bytes, the longest
 * that fits), and both blocks are folded in the same loop, 16 bytes a step each (slice-by-16), so the CPU
 * works on two independent chains at once. The second block's CRC is then joined to the first's with a
 * precomputed {@link Combiner} for the block length. Shorter runs and the tail go 16, then 8, then 1
 * byte a step. {@code docs/benchmarks.md} has the numbers.
 */
public final class Crc64 implements Checksum {

    private static final long POLY = 0xC96C5795D7870F42L;
    /**
     * Slice-by-16 tables, flat (one array, so each lookup is one load at a constant offset):
     * {@code TABLE[k * 256 + n]} is the CRC register after byte {@code n} followed by {@code k} zero bytes.
     */
    private static final long[] TABLE = new long[16 * 256];
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code X2N[k]} is x^(2^k) mod P (bit-reflected; bit 63 is x^0), enough for 8·n bits for any non-negative long n. */
    private static final long[] X2N = new long[67];

    static {
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            TABLE[n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = TABLE[n];
            for (int k = 1; k < 16; k++) {
                c = TABLE[(int) (c & 0xFF)] ^ (c >>> 8);
                TABLE[k * 256 + n] = c;
            }
        }
        long p = 1L << 62; // x^1
        for (int k = 0; k < X2N.length; k++) {
            X2N[k] = p;
            p = multModP(p, p);
        }
    }

    /** Block lengths of the two-lane loop, longest first, each with the operator that joins its lanes. */
    private static final int BLOCK_LONG = 4096;
    private static final int BLOCK_MID = 512;
    private static final int BLOCK_SHORT = 64;
    private static final Combiner JOIN_LONG = combiner(BLOCK_LONG);
    private static final Combiner JOIN_MID = combiner(BLOCK_MID);
    private static final Combiner JOIN_SHORT = combiner(BLOCK_SHORT);

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
        long c = ~value;
        value = ~(TABLE[(int) ((c ^ b) & 0xFF)] ^ (c >>> 8));
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
        // c is the raw register (between the complements OSS applies at both ends)
        long c = ~crc;
        int i = off;
        int end = off + len;
        for (; end - i >= 2 * BLOCK_LONG; i += 2 * BLOCK_LONG) {
            c = twoLanes(c, b, i, BLOCK_LONG, JOIN_LONG);
        }
        for (; end - i >= 2 * BLOCK_MID; i += 2 * BLOCK_MID) {
            c = twoLanes(c, b, i, BLOCK_MID, JOIN_MID);
        }
        for (; end - i >= 2 * BLOCK_SHORT; i += 2 * BLOCK_SHORT) {
            c = twoLanes(c, b, i, BLOCK_SHORT, JOIN_SHORT);
        }
        for (; end - i >= 16; i += 16) {
            c = sliceHigh(c ^ (long) LONG_LE.get(b, i)) ^ sliceLow(b, i + 8);
        }
        for (; end - i >= 8; i += 8) {
            c = slice8(c ^ (long) LONG_LE.get(b, i));
        }
        for (; i < end; i++) {
            c = TABLE[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
        }
        return ~c;
    }

    /**
     * Folds {@code b[i, i + 2*block)} into the raw register {@code c}: both halves in one loop (two
     * independent dependency chains), the second half from a zero register, then joined. A register
     * is linear in its start: reg(s, B) = shift(s, len B) ^ reg(0, B), and {@code join} is that shift.
     */
    private static long twoLanes(long c, byte[] b, int i, int block, Combiner join) {
        long d = 0;
        int j = i + block;
        for (int stop = j; i < stop; i += 16, j += 16) {
            c = sliceHigh(c ^ (long) LONG_LE.get(b, i)) ^ sliceLow(b, i + 8);
            d = sliceHigh(d ^ (long) LONG_LE.get(b, j)) ^ sliceLow(b, j + 8);
        }
        return join.shift(c) ^ d;
    }

    /** The register after the 8 bytes of {@code x} and then 8 more zero bytes (tables 8..15). */
    private static long sliceHigh(long x) {
        return TABLE[15 * 256 + (int) (x & 0xFF)]
                ^ TABLE[14 * 256 + (int) ((x >>> 8) & 0xFF)]
                ^ TABLE[13 * 256 + (int) ((x >>> 16) & 0xFF)]
                ^ TABLE[12 * 256 + (int) ((x >>> 24) & 0xFF)]
                ^ TABLE[11 * 256 + (int) ((x >>> 32) & 0xFF)]
                ^ TABLE[10 * 256 + (int) ((x >>> 40) & 0xFF)]
                ^ TABLE[9 * 256 + (int) ((x >>> 48) & 0xFF)]
                ^ TABLE[8 * 256 + (int) (x >>> 56)];
    }

    /**
     * The register after {@code b[i, i+8)} from a zero register (tables 0..7). Reads the bytes one by
     * one on purpose: a byte load uses a load port where extracting it from a long would take two ALU
     * operations, and the ALUs are what limits the loop.
     */
    private static long sliceLow(byte[] b, int i) {
        return TABLE[7 * 256 + (b[i] & 0xFF)]
                ^ TABLE[6 * 256 + (b[i + 1] & 0xFF)]
                ^ TABLE[5 * 256 + (b[i + 2] & 0xFF)]
                ^ TABLE[4 * 256 + (b[i + 3] & 0xFF)]
                ^ TABLE[3 * 256 + (b[i + 4] & 0xFF)]
                ^ TABLE[2 * 256 + (b[i + 5] & 0xFF)]
                ^ TABLE[256 + (b[i + 6] & 0xFF)]
                ^ TABLE[b[i + 7] & 0xFF];
    }

    /** The register after the 8 bytes of {@code x} (tables 0..7). */
    private static long slice8(long x) {
        return TABLE[7 * 256 + (int) (x & 0xFF)]
                ^ TABLE[6 * 256 + (int) ((x >>> 8) & 0xFF)]
                ^ TABLE[5 * 256 + (int) ((x >>> 16) & 0xFF)]
                ^ TABLE[4 * 256 + (int) ((x >>> 24) & 0xFF)]
                ^ TABLE[3 * 256 + (int) ((x >>> 32) & 0xFF)]
                ^ TABLE[2 * 256 + (int) ((x >>> 40) & 0xFF)]
                ^ TABLE[256 + (int) ((x >>> 48) & 0xFF)]
                ^ TABLE[(int) (x >>> 56)];
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
     * The CRC of {@code A‖B} from {@code crc1 = crc(A)}, {@code crc2 = crc(B)} and {@code len2 = len(B)}:
     * {@code crc1} times x^(8·len2) modulo the polynomial, xor {@code crc2} (zlib's {@code crc32_combine}
     * of 1.2.12, widened to 64 bits). About a microsecond at most; when many CRCs are joined with the
     * same {@code len2} (every part of an upload but the last), {@link #combiner(long)} builds the
     * operator once. {@code combine(c, x, 0) == c}.
     *
     * @param crc1 the CRC of the first run of bytes
     * @param crc2 the CRC of the second run
     * @param len2 the length of the second run
     * @return the CRC-64 of the two runs one after the other
     * @throws IllegalArgumentException naming the value when {@code len2 < 0}
     */
    public static long combine(long crc1, long crc2, long len2) {
        if (len2 < 0) {
            throw new IllegalArgumentException("len2 < 0: " + len2);
        }
        if (len2 == 0) {
            return crc1;
        }
        return multModP(xPow8n(len2), crc1) ^ crc2;
    }

    /**
     * The operator that appends the CRC of {@code len2} bytes to another CRC, built once (one power of
     * x and 2 KiB of tables) so that each {@link Combiner#combine} is 16 table lookups. For an upload's
     * object CRC, build one for the part size and fold every full part with it:
     *
     * <pre>{@code
     * Crc64.Combiner full = Crc64.combiner(partSize);
     * long crc = 0;
     * for (Part p : parts) {
     *     crc = p.size() == partSize ? full.combine(crc, p.crc64()) : Crc64.combine(crc, p.crc64(), p.size());
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException naming the value when {@code len2 < 0}
     */
    public static Combiner combiner(long len2) {
        if (len2 < 0) {
            throw new IllegalArgumentException("len2 < 0: " + len2);
        }
        return new Combiner(len2);
    }

    /**
     * {@link Crc64#combine(long, long, long)} for one fixed {@code len2}, with its operator precomputed:
     * multiplication by x^(8·len2) modulo the polynomial, as 16 tables of 16 entries, one per 4-bit digit
     * of the CRC. Immutable and thread-safe; 2 KiB.
     */
    public static final class Combiner {

        private final long length;
        private final long[] table = new long[16 * 16];

        private Combiner(long length) {
            this.length = length;
            // column m: the operator applied to bit m alone, i.e. op·x^(63-m); bit 63 is x^0
            long column = length == 0 ? 1L << 63 : xPow8n(length);
            long[] columns = new long[64];
            for (int m = 63; m >= 0; m--) {
                columns[m] = column;
                column = (column & 1) != 0 ? (column >>> 1) ^ POLY : column >>> 1;
            }
            for (int digit = 0; digit < 16; digit++) {
                for (int v = 1; v < 16; v++) {
                    int low = Integer.numberOfTrailingZeros(v);
                    table[digit * 16 + v] = table[digit * 16 + (v & (v - 1))] ^ columns[digit * 4 + low];
                }
            }
        }

        /** The {@code len2} this operator was built for. */
        public long length() {
            return length;
        }

        /** The same as {@code Crc64.combine(crc1, crc2, length())}. */
        public long combine(long crc1, long crc2) {
            return length == 0 ? crc1 : shift(crc1) ^ crc2;
        }

        /** {@code x} times x^(8·length) modulo the polynomial: the register after {@code length} zero bytes. */
        long shift(long x) {
            long[] t = table;
            return t[(int) (x & 15)]
                    ^ t[16 + (int) ((x >>> 4) & 15)]
                    ^ t[32 + (int) ((x >>> 8) & 15)]
                    ^ t[48 + (int) ((x >>> 12) & 15)]
                    ^ t[64 + (int) ((x >>> 16) & 15)]
                    ^ t[80 + (int) ((x >>> 20) & 15)]
                    ^ t[96 + (int) ((x >>> 24) & 15)]
                    ^ t[112 + (int) ((x >>> 28) & 15)]
                    ^ t[128 + (int) ((x >>> 32) & 15)]
                    ^ t[144 + (int) ((x >>> 36) & 15)]
                    ^ t[160 + (int) ((x >>> 40) & 15)]
                    ^ t[176 + (int) ((x >>> 44) & 15)]
                    ^ t[192 + (int) ((x >>> 48) & 15)]
                    ^ t[208 + (int) ((x >>> 52) & 15)]
                    ^ t[224 + (int) ((x >>> 56) & 15)]
                    ^ t[240 + (int) (x >>> 60)];
        }

        @Override
        public String toString() {
            return "Crc64.Combiner[len2=" + length + "]";
        }
    }

    /** x^(8·n) mod P for n > 0 bytes: the product of x^(2^k) over the set bits k of 8n. */
    private static long xPow8n(long n) {
        long p = 1L << 63; // x^0
        int k = 3; // n counts bytes: bit j of n is 2^(j+3) bits
        for (long rest = n; rest != 0; rest >>>= 1, k++) {
            if ((rest & 1) != 0) {
                p = multModP(X2N[k], p);
            }
        }
        return p;
    }

    /** a·b mod P, both bit-reflected (bit 63 is x^0): shift-and-add over the 64 coefficients of a. */
    private static long multModP(long a, long b) {
        long p = 0;
        for (long m = 1L << 63; m != 0; m >>>= 1) {
            p ^= b & -((a & m) != 0 ? 1L : 0L);
            b = (b >>> 1) ^ (POLY & -(b & 1));
        }
        return p;
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
