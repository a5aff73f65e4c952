package io.vodupload.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Crc64;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFileTest {

    @TempDir
    Path dir;

    @Test
    void write_returnsTheCrcOfWhatIsOnDisk_andTheSameSeedGivesTheSameBytes() throws Exception {
        long size = 3 * Sizes.MIB + 13;
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");

        long crc = TestFile.write(a, size, 42);
        TestFile.write(b, size, 42);
        TestFile.write(c, size, 43);

        byte[] bytes = Files.readAllBytes(a);
        assertThat(bytes).hasSize((int) size);
        assertThat(crc).isEqualTo(Crc64.of(bytes)).isEqualTo(TestFile.crcOf(a));
        assertThat(Files.mismatch(a, b)).isEqualTo(-1);
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1);
    }
}
