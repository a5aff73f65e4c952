package io.vodupload.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "1048576, 1048576",
        "100KiB, 102400",
        "100 KiB, 102400",
        "100kib, 102400",
        "8MiB, 8388608",
        "1GiB, 1073741824",
        "5GiB, 5368709120",
        "512B, 512",
        "16M, 16777216",
        "16MB, 16777216",
        "16m, 16777216",
        "16 mb, 16777216",
        "1.5MiB, 1572864",
        "1.5GiB, 1610612736",
        "2k, 2048",
        "2KB, 2048",
        "1g, 1073741824",
        "1.3K, 1331",
        "0, 0"
    })
    void parse_validSize_returnsBytes(String text, long expected) {
        assertThat(ByteSize.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10XB", "-1", "MiB", "1.5.1M", "16MiBs", "1,5M", "99999999999999999999", "9999999999G"})
    void parse_notASize_throwsNamingTheValue(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "298435, 291.4 KiB", "1073741824, 1.0 GiB"})
    void format_bytes_readableUnits(long bytes, String expected) {
        assertThat(ByteSize.format(bytes)).isEqualTo(expected);
    }
}
