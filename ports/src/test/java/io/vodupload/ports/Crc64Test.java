package io.vodupload.ports;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
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
    void update_sliceBy8_equalsBytewise(@ForAll @Size(max = 200) byte[] data) {
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
}
