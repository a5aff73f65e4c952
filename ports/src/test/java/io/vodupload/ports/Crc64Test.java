package io.vodupload.ports;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Crc64Test {

    private static final String TEST2 = "This is a test of the emergency broadcast system.";

    @ParameterizedTest(name = "crc64({0}) = {1}")
    @CsvSource({
        "123456789, 11051210869376104954",
        "'This is a test of the emergency broadcast system.', 2871916124362751090",
        "IHATEMATH, 4116537408385638600",
        "'', 0",
        "a, 3675645893302102789",
    })
    void of_protocolVectors_matchUnsignedDecimal(String input, String expected) {
        assertThat(Crc64.toUnsignedString(Crc64.of(input.getBytes(US_ASCII)))).isEqualTo(expected);
    }

    @Test
    void of_checkValue_isSignedLongOfHeader() {
        assertThat(Crc64.of("123456789".getBytes(US_ASCII))).isEqualTo(0x995DC9BBDF1939FAL)
                .isEqualTo(-7395533204333446662L)
                .isEqualTo(Crc64.parseUnsigned("11051210869376104954"));
    }

    @Test
    void combine_protocolVector_equalsWholeCrc() {
        long a = Crc64.of("123456789".getBytes(US_ASCII));
        long b = Crc64.of(TEST2.getBytes(US_ASCII));
        assertThat(Crc64.combine(a, b, 49)).isEqualTo(0x6A7AA19FCBF48688L);
        assertThat(Crc64.update(a, TEST2.getBytes(US_ASCII), 0, 49)).isEqualTo(0x6A7AA19FCBF48688L);
        assertThat(Crc64.of(("123456789" + TEST2).getBytes(US_ASCII))).isEqualTo(0x6A7AA19FCBF48688L);
    }

    @Test
    void combine_zeroLength_returnsFirst() {
        assertThat(Crc64.combine(2, 3, 0)).isEqualTo(2);
        assertThat(Crc64.combine(0x1234L, 0, 0)).isEqualTo(0x1234L);
    }

    @Test
    void combine_negativeLength_isRejectedWithValue() {
        assertThatThrownBy(() -> Crc64.combine(1, 2, -5)).hasMessage("len2 < 0: -5");
    }

    @Property(tries = 200)
    void combine_anySplit_equalsWholeBuffer(@ForAll @Size(max = 3000) byte[] data, @ForAll @IntRange(max = 3000) int cut) {
        int at = Math.min(cut, data.length);
        long left = Crc64.of(data, 0, at);
        long right = Crc64.of(data, at, data.length - at);
        assertThat(Crc64.combine(left, right, data.length - at)).isEqualTo(Crc64.of(data));
        assertThat(Crc64.combine(0, Crc64.of(data), data.length)).isEqualTo(Crc64.of(data));
    }

    @Property(tries = 100)
    void update_tableDriven_equalsBytewise(@ForAll @Size(max = 200) byte[] data) {
        Crc64 bytewise = new Crc64();
        for (byte b : data) {
            bytewise.update(b);
        }
        assertThat(bytewise.getValue()).isEqualTo(Crc64.of(data));
        assertThat(Crc64.update(0, ByteBuffer.wrap(data))).isEqualTo(Crc64.of(data));
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        assertThat(Crc64.update(0, direct)).isEqualTo(Crc64.of(data));
    }

    @Test
    void parseUnsigned_garbage_namesValue() {
        assertThatThrownBy(() -> Crc64.parseUnsigned("12x")).hasMessage("not an unsigned 64-bit CRC: 12x");
    }

    @Test
    void combine_largeLength_matchesDirect() {
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 7);
        long whole = Crc64.of(big);
        long half = Crc64.of(big, 0, big.length / 2);
        assertThat(Crc64.combine(half, half, big.length / 2)).isEqualTo(whole);
    }

    // ---- update against a bitwise reference: every path (two lanes of 4 KiB, 512 and 64 bytes; 16, 8, 1 byte a step)

    @Property(tries = 300)
    void update_anyOffsetLengthAndStart_equalsBitwiseReference(
            @ForAll @Size(max = 6000) byte[] data, @ForAll @IntRange(max = 6000) int from,
            @ForAll @IntRange(max = 6000) int to, @ForAll long start) {
        int off = Math.min(Math.min(from, to), data.length);
        int end = Math.min(Math.max(from, to), data.length);
        assertThat(Crc64.update(start, data, off, end - off)).isEqualTo(bitwise(start, data, off, end - off));
    }

    @Property(tries = 30)
    void update_longInputAtAnyOffset_equalsBitwiseReference(
            @ForAll @IntRange(min = 8192, max = 70000) int length, @ForAll @IntRange(max = 15) int off,
            @ForAll long seed, @ForAll long start) {
        byte[] data = new byte[off + length];
        new Random(seed).nextBytes(data);
        assertThat(Crc64.update(start, data, off, length)).isEqualTo(bitwise(start, data, off, length));
    }

    @Test
    void update_groupBoundaries_equalBitwiseReference() {
        byte[] data = new byte[3 * 8192 + 200];
        new Random(7).nextBytes(data);
        for (int base : new int[] {0, 128, 1024, 8192, 2 * 8192}) {
            for (int delta = -17; delta <= 17; delta++) {
                int len = Math.max(0, base + delta);
                assertThat(Crc64.of(data, 3, len)).as("length %d", len).isEqualTo(bitwise(0, data, 3, len));
            }
        }
    }

    @Test
    void of_oneMebibyte_equalsBitwiseReference() {
        byte[] data = new byte[1 << 20];
        new Random(42).nextBytes(data);
        assertThat(Crc64.of(data)).isEqualTo(bitwise(0, data, 0, data.length)).isNotZero();
    }

    @Property(tries = 100)
    void update_inChunksOfAnySize_equalsOnePass(
            @ForAll @Size(max = 20000) byte[] data, @ForAll @IntRange(min = 1, max = 9000) int chunk) {
        Crc64 streamed = new Crc64();
        for (int i = 0; i < data.length; i += chunk) {
            streamed.update(data, i, Math.min(chunk, data.length - i));
        }
        assertThat(streamed.getValue()).isEqualTo(Crc64.of(data));
    }

    @Property(tries = 50)
    void update_byteBufferHeapSliceOrDirect_equalsArray(
            @ForAll @Size(max = 20000) byte[] data, @ForAll @IntRange(max = 100) int skip) {
        int at = Math.min(skip, data.length);
        long expected = Crc64.of(data, at, data.length - at);
        ByteBuffer slice = ByteBuffer.wrap(data).position(at).slice(); // arrayOffset() == at
        assertThat(Crc64.update(0, slice)).isEqualTo(expected);
        assertThat(slice.hasRemaining()).isFalse();
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip().position(at);
        assertThat(Crc64.update(0, direct)).isEqualTo(expected);
        assertThat(direct.hasRemaining()).isFalse();
    }

    @Test
    void update_outOfBounds_isRejectedWithValues() {
        assertThatThrownBy(() -> Crc64.of(new byte[10], 4, 7))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("off 4, len 7, array 10");
        assertThatThrownBy(() -> Crc64.of(new byte[10], -1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---- combine and the precomputed combiner, against zlib's matrix method (the previous implementation)

    @Property(tries = 200)
    void combine_anyLength_equalsMatrixMethod(@ForAll long crc1, @ForAll long crc2, @ForAll @LongRange(max = Long.MAX_VALUE) long len2) {
        long expected = matrixCombine(crc1, crc2, len2);
        assertThat(Crc64.combine(crc1, crc2, len2)).isEqualTo(expected);
        assertThat(Crc64.combiner(len2).combine(crc1, crc2)).isEqualTo(expected);
    }

    @Property(tries = 200)
    void combiner_smallLength_equalsStaticCombine(@ForAll long crc1, @ForAll long crc2, @ForAll @LongRange(max = 70000) long len2) {
        assertThat(Crc64.combiner(len2).combine(crc1, crc2)).isEqualTo(Crc64.combine(crc1, crc2, len2));
    }

    @Property(tries = 50)
    void combiner_foldOfEqualParts_equalsWholeCrc(
            @ForAll @Size(max = 30000) byte[] data, @ForAll @IntRange(min = 1, max = 8000) int partSize) {
        Crc64.Combiner full = Crc64.combiner(partSize);
        long crc = 0;
        for (int i = 0; i < data.length; i += partSize) {
            int n = Math.min(partSize, data.length - i);
            long part = Crc64.of(data, i, n);
            crc = n == partSize ? full.combine(crc, part) : Crc64.combine(crc, part, n);
        }
        assertThat(crc).isEqualTo(Crc64.of(data));
    }

    @Test
    void combiner_protocolVector_equalsWholeCrc() {
        long a = Crc64.of("123456789".getBytes(US_ASCII));
        long b = Crc64.of(TEST2.getBytes(US_ASCII));
        Crc64.Combiner c = Crc64.combiner(49);
        assertThat(c.combine(a, b)).isEqualTo(0x6A7AA19FCBF48688L);
        assertThat(c.length()).isEqualTo(49);
        assertThat(c).hasToString("Crc64.Combiner[len2=49]");
    }

    @Test
    void combiner_zeroLength_returnsFirst() {
        assertThat(Crc64.combiner(0).combine(2, 3)).isEqualTo(2);
    }

    @Test
    void combiner_negativeLength_isRejectedWithValue() {
        assertThatThrownBy(() -> Crc64.combiner(-3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("len2 < 0: -3");
    }

    @Test
    void combine_fiveGibibytePart_equalsMatrixMethod() {
        long len2 = 5L << 30;
        assertThat(Crc64.combine(0x995DC9BBDF1939FAL, 0x6C40DF5F0B497347L, len2))
                .isEqualTo(matrixCombine(0x995DC9BBDF1939FAL, 0x6C40DF5F0B497347L, len2))
                .isEqualTo(Crc64.combiner(len2).combine(0x995DC9BBDF1939FAL, 0x6C40DF5F0B497347L));
    }

    /** One bit at a time, straight from the definition (OSS-PROTOCOL §4.2): the reference the tables must match. */
    private static long bitwise(long crc, byte[] b, int off, int len) {
        long c = ~crc;
        for (int i = off; i < off + len; i++) {
            c ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xC96C5795D7870F42L : c >>> 1;
            }
        }
        return ~c;
    }

    /** zlib's crc32_combine before 1.2.12, widened to 64 bits (OSS-PROTOCOL §4.3; the SDK's method). */
    private static long matrixCombine(long crc1, long crc2, long len2) {
        if (len2 == 0) {
            return crc1;
        }
        long[] even = new long[64];
        long[] odd = new long[64];
        odd[0] = 0xC96C5795D7870F42L;
        long row = 1;
        for (int n = 1; n < 64; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd);
        square(odd, even);
        long c1 = crc1;
        long len = len2;
        do {
            square(even, odd);
            if ((len & 1) != 0) {
                c1 = times(even, c1);
            }
            len >>>= 1;
            if (len == 0) {
                break;
            }
            square(odd, even);
            if ((len & 1) != 0) {
                c1 = times(odd, c1);
            }
            len >>>= 1;
        } while (len != 0);
        return c1 ^ crc2;
    }

    private static long times(long[] mat, long vec) {
        long sum = 0;
        for (int i = 0; vec != 0; i++, vec >>>= 1) {
            if ((vec & 1) != 0) {
                sum ^= mat[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] mat) {
        for (int n = 0; n < 64; n++) {
            square[n] = times(mat, mat[n]);
        }
    }
}
