package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "1GiB, 1073741824",
        "256MiB, 268435456",
        "8m, 8388608",
        "100KiB, 102400",
        "1 GB, 1073741824",
        "1048576, 1048576",
        "7b, 7"
    })
    void parse_sizesWithBinaryUnits_areBytes(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "0", "-1MiB", "1TiB", "1.5GiB", "99999999999999999999"})
    void parse_notAPositiveSize_throwsNamingTheValue(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @CsvSource({
        "1073741824, 1 GiB",
        "268435456, 256 MiB",
        "1572864, 1.5 MiB",
        "102400, 100 KiB",
        "999, 999 B"
    })
    void format_bytes_isShortBinaryForm(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }
}
