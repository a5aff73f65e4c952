package io.vodupload.adapters.oss;

import io.vodupload.ports.SignatureVersion;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OssStorageConfigTest {

    @Test
    void defaults_autoSignatureAutoAddressingNoRegion() {
        OssStorageConfig d = OssStorageConfig.DEFAULTS;

        assertThat(d.signatureVersion()).isEqualTo(SignatureVersion.AUTO);
        assertThat(d.addressingStyle()).isEqualTo(OssStorageConfig.AddressingStyle.AUTO);
        assertThat(d.defaultRegion()).isEmpty();
    }

    @Test
    void withDefaultRegion_normalisedToLowerCase() {
        assertThat(OssStorageConfig.DEFAULTS.withDefaultRegion(" CN-Shanghai ").defaultRegion()).hasValue("cn-shanghai");
    }

    @Test
    void withDefaultRegion_ossPrefix_rejectedNamingTheValue() {
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withDefaultRegion("oss-cn-hangzhou"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oss-cn-hangzhou");
    }

    @Test
    void constructor_badNumbers_rejectedNamingTheValue() {
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withMaxConnections(0))
                .hasMessageContaining("maxConnections < 1: 0");
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withMaxCachedClients(-1))
                .hasMessageContaining("maxCachedClients < 1: -1");
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withTimeouts(Duration.ofSeconds(1), Duration.ofDays(30)))
                .hasMessageContaining("socketTimeout");
        assertThatThrownBy(() -> OssStorageConfig.DEFAULTS.withPoolTimeout(Duration.ofMillis(-1)))
                .hasMessageContaining("poolTimeout");
    }
}
