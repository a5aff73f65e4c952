package io.vodupload.adapters.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.SignatureVersion;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The builder has the HTTP adapter's method names and lands on the same {@link OssStorageConfig}. */
class OssObjectStorageBuilderTest {

    @Test
    void build_noSetter_usesTheDefaults() {
        try (OssObjectStorage storage = OssObjectStorage.builder().build()) {
            assertThat(storage.config()).isEqualTo(OssStorageConfig.DEFAULTS);
        }
    }

    @Test
    void build_everySetter_landsInTheConfig() {
        try (OssObjectStorage storage = OssObjectStorage.builder()
                .signatureVersion(SignatureVersion.V4)
                .region("cn-shanghai")
                .addressing(OssStorageConfig.AddressingStyle.PATH)
                .maxConnections(8)
                .connectTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(20))
                .poolTimeout(Duration.ofSeconds(30))
                .maxCachedClients(2)
                .build()) {
            assertThat(storage.config()).isEqualTo(new OssStorageConfig(SignatureVersion.V4,
                    OssStorageConfig.AddressingStyle.PATH, Optional.of("cn-shanghai"), Duration.ofSeconds(3),
                    Duration.ofSeconds(20), Duration.ofSeconds(30), 8, 2));
        }
    }

    @Test
    void config_thenSetter_startsFromTheGivenConfig() {
        OssStorageConfig given = OssStorageConfig.DEFAULTS.withDefaultRegion("cn-beijing");
        try (OssObjectStorage storage = OssObjectStorage.builder().config(given).maxConnections(4).build()) {
            assertThat(storage.config()).isEqualTo(given.withMaxConnections(4));
        }
    }

    @Test
    void maxConnections_zero_isRefusedAtOnceNamingTheValue() {
        assertThatThrownBy(() -> OssObjectStorage.builder().maxConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections < 1: 0");
    }

    @Test
    void region_withOssPrefix_isRefused() {
        assertThatThrownBy(() -> OssObjectStorage.builder().region("oss-cn-hangzhou"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oss-cn-hangzhou");
    }
}
