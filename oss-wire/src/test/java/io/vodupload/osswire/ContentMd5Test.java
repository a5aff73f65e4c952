package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.FileRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

class ContentMd5Test {

    @TempDir
    Path dir;

    @Test
    void of_region_isTheBase64Md5OfExactlyThoseBytes() throws Exception {
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        Path file = Files.write(dir.resolve("f.bin"), data);

        String md5 = ContentMd5.of(new FileRegion(file, 1_234, 150_000));

        byte[] expected = MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(data, 1_234, 151_234));
        assertThat(md5).isEqualTo(Base64.getEncoder().encodeToString(expected));
    }

    @Test
    void of_fileShorterThanTheRegion_isALocalFileException() throws Exception {
        Path file = Files.write(dir.resolve("short.bin"), new byte[10]);

        assertThatThrownBy(() -> ContentMd5.of(new FileRegion(file, 0, 20)))
                .isInstanceOf(RegionBody.SourceTruncatedException.class);
    }

    @Test
    void matchesEtag_quotedUpperCaseHexOfTheMd5_matches() {
        String md5 = "ICy5YqxZB1uWSwcVLSNLcA=="; // "123"
        assertThat(ContentMd5.hex(md5)).isEqualTo("202cb962ac59075b964b07152d234b70");
        assertThat(ContentMd5.matchesEtag(md5, "\"202CB962AC59075B964B07152D234B70\"")).isTrue();
        assertThat(ContentMd5.matchesEtag(md5, "202CB962AC59075B964B07152D234B71")).isFalse();
    }
}
