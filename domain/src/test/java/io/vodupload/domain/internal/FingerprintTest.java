package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.StorageTarget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final StorageTarget TARGET = StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "vod-bucket",
            "sv/视频.mp4");

    @Test
    void of_knownInput_isTheDocumentedSha256() {
        // computed independently (python hashlib) from the format in Fingerprint's javadoc
        assertThat(Fingerprint.of(Path.of("/data/videos/movie 1.mp4"), 123_456_789, 1_700_000_000_123L, TARGET))
                .isEqualTo("05b97ecf4a494700783e5a3650b2a017c6e0bb37c5c0495e736f4a81deba12a1");
    }

    @Test
    void of_anyFieldChanged_changesTheFingerprint() {
        String base = Fingerprint.of(Path.of("/a/b"), 10, 20, TARGET);

        assertThat(Fingerprint.of(Path.of("/a/b"), 10, 20, TARGET)).isEqualTo(base);
        assertThat(Fingerprint.of(Path.of("/a/c"), 10, 20, TARGET)).isNotEqualTo(base);
        assertThat(Fingerprint.of(Path.of("/a/b"), 11, 20, TARGET)).isNotEqualTo(base);
        assertThat(Fingerprint.of(Path.of("/a/b"), 10, 21, TARGET)).isNotEqualTo(base);
        assertThat(Fingerprint.of(Path.of("/a/b"), 10, 20, TARGET.withKey("other"))).isNotEqualTo(base);
        assertThat(Fingerprint.of(Path.of("/a/b"), 10, 20, StorageTarget.of("oss-cn-beijing.aliyuncs.com",
                "vod-bucket", "sv/视频.mp4"))).isNotEqualTo(base);
        assertThat(base).matches("[0-9a-f]{64}");
    }

    @Test
    void of_fieldsCannotRunIntoEachOther() {
        assertThat(Fingerprint.of(Path.of("/x"), 1, 2, StorageTarget.of("h", "ab", "c")))
                .isNotEqualTo(Fingerprint.of(Path.of("/x"), 1, 2, StorageTarget.of("h", "a", "bc")));
    }
}
