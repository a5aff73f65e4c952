package io.vodupload.osswire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.osswire.OssEndpoints.Addressing;
import io.vodupload.osswire.OssEndpoints.Route;
import io.vodupload.osswire.OssEndpoints.Signature;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The union of what the two transports used to parse separately: region, path style, signature. */
class OssEndpointsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            https://oss-cn-hangzhou.aliyuncs.com,                     cn-hangzhou
            https://oss-cn-shanghai-internal.aliyuncs.com,            cn-shanghai
            https://OSS-AP-SOUTHEAST-1.aliyuncs.com:443,              ap-southeast-1
            http://OSS-US-WEST-1.ALIYUNCS.COM:80,                     us-west-1
            https://oss-cn-hongkong-finance-1.aliyuncs.com,           cn-hongkong-finance-1
            https://bucket.oss-cn-hangzhou.aliyuncs.com,              cn-hangzhou
            https://bucket.oss-ap-southeast-1.aliyuncs.com,           ap-southeast-1
            https://oss-cn-hangzhou.aliyun-inc.com,                   cn-hangzhou
            https://oss-cn-beijing-internal.aliyun-inc.com,           cn-beijing
            https://media.oss-cn-beijing-internal.aliyun-inc.com,     cn-beijing
            https://oss-accelerate.aliyuncs.com,                      ''
            https://oss-accelerate-overseas.aliyuncs.com,             ''
            https://cdn.example.com,                                  ''
            https://oss-cn-hangzhou.aliyuncs.com.evil.example,        ''
            https://vod.cn-shanghai.aliyuncs.com,                     ''
            http://127.0.0.1:9000,                                    ''
            http://oss-cn-hangzhou.localhost:9000,                    ''
            """)
    void regionOf_endpoint_isTheRegionOfOssHostsOnly(String endpoint, String region) {
        assertThat(OssEndpoints.regionOf(URI.create(endpoint))).isEqualTo(
                region.isEmpty() ? Optional.empty() : Optional.of(region));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            http://127.0.0.1:9000,                true
            http://10.0.0.12,                     true
            http://[::1]:8080,                    true
            http://localhost:8080,                true
            https://LOCALHOST,                    true
            http://oss.localhost:8080,            true
            http://a.b.localhost,                 true
            https://oss-cn-hangzhou.aliyuncs.com, false
            https://storage.example.com,          false
            https://127.0.0.1.nip.io,             false
            http://localhost.example.com,         false
            """)
    void isPathStyleHost_endpoint_trueForLiteralsAndLocalhostNames(String endpoint, boolean expected) {
        assertThat(OssEndpoints.isPathStyleHost(URI.create(endpoint))).isEqualTo(expected);
    }

    /** endpoint, addressing, signing → path style, Host, service endpoint, signature, region. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(textBlock = """
            https://oss-cn-hangzhou.aliyuncs.com,        AUTO, AUTO, false, b.oss-cn-hangzhou.aliyuncs.com, https://oss-cn-hangzhou.aliyuncs.com,   V4, cn-hangzhou
            https://b.oss-cn-shanghai.aliyuncs.com,      AUTO, AUTO, false, b.oss-cn-shanghai.aliyuncs.com, https://oss-cn-shanghai.aliyuncs.com,   V4, cn-shanghai
            https://b.oss-cn-shanghai.aliyuncs.com,      PATH_STYLE, AUTO, true, b.oss-cn-shanghai.aliyuncs.com, https://b.oss-cn-shanghai.aliyuncs.com, V4, cn-shanghai
            http://oss-cn-beijing-internal.aliyuncs.com, AUTO, V1,   false, b.oss-cn-beijing-internal.aliyuncs.com, http://oss-cn-beijing-internal.aliyuncs.com, V1, ''
            http://127.0.0.1:9000,                       AUTO, AUTO, true,  127.0.0.1, http://127.0.0.1:9000,            V1, ''
            http://foo.localhost:9000,                   AUTO, AUTO, true,  foo.localhost, http://foo.localhost:9000,    V1, ''
            http://localhost:9000,                       VIRTUAL_HOSTED, AUTO, false, b.localhost, http://localhost:9000, V1, ''
            https://media.example.com,                   AUTO, AUTO, false, b.media.example.com, https://media.example.com, V1, ''
            http://[::1]:9000,                           AUTO, AUTO, true,  [::1], http://[::1]:9000,                    V1, ''
            """)
    void route_endpointAndSettings_decideHostAndSignature(String endpoint, Addressing addressing, SignatureVersion signing,
                                                          boolean pathStyle, String host, String service,
                                                          Signature signature, String region) {
        Route route = OssEndpoints.route("Op", StorageTarget.of(endpoint, "b", "k"), addressing, signing,
                Optional.empty());

        assertThat(route.pathStyle()).isEqualTo(pathStyle);
        assertThat(route.host()).isEqualTo(host);
        assertThat(route.service()).isEqualTo(URI.create(service));
        assertThat(route.signature()).isEqualTo(signature);
        assertThat(route.region()).isEqualTo(region.isEmpty() ? Optional.empty() : Optional.of(region));
    }

    @Test
    void route_regionSources_targetThenEndpointThenDefault() {
        StorageTarget regional = StorageTarget.of("https://oss-cn-hangzhou.aliyuncs.com", "b", "k");
        StorageTarget custom = StorageTarget.of("https://media.example.com", "b", "k");

        assertThat(OssEndpoints.route("Op", regional.withRegion("cn-beijing"), Addressing.AUTO, SignatureVersion.AUTO,
                Optional.of("eu-central-1")).region()).hasValue("cn-beijing");
        assertThat(OssEndpoints.route("Op", regional, Addressing.AUTO, SignatureVersion.AUTO,
                Optional.of("eu-central-1")).region()).hasValue("cn-hangzhou");
        Route configured = OssEndpoints.route("Op", custom, Addressing.AUTO, SignatureVersion.AUTO, Optional.of("EU-CENTRAL-1"));
        assertThat(configured.region()).hasValue("eu-central-1");
        assertThat(configured.signature()).isEqualTo(Signature.V4);
    }

    @Test
    void route_v4ForcedWithoutRegion_fatalRegionUnknown() {
        StorageException e = catchThrowableOfType(StorageException.class, () -> OssEndpoints.route("HeadObject b/k",
                StorageTarget.of("https://media.example.com", "b", "k"), Addressing.AUTO, SignatureVersion.V4,
                Optional.empty()));

        assertThat(e.kind()).isEqualTo(StorageException.Kind.FATAL);
        assertThat(e.errorCode()).isEqualTo("RegionUnknown");
        assertThat(e.getMessage()).contains("HeadObject b/k: signature V4 needs a region; none in the target");
    }

    @Test
    void route_fileEndpoint_rejected() {
        assertThatThrownBy(() -> OssEndpoints.route("Op", StorageTarget.of("file:///data", "b", "k"),
                Addressing.AUTO, SignatureVersion.AUTO, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not http or https");
    }

    @Test
    void authority_withAndWithoutPort_hostAndPort() {
        assertThat(OssEndpoints.route("Op", StorageTarget.of("http://oss-cn-hangzhou.aliyuncs.com:8080", "b", "k"),
                Addressing.AUTO, SignatureVersion.AUTO, Optional.empty()).authority())
                .isEqualTo("b.oss-cn-hangzhou.aliyuncs.com:8080");
        assertThat(OssEndpoints.route("Op", StorageTarget.of("https://oss-cn-hangzhou.aliyuncs.com", "b", "k"),
                Addressing.AUTO, SignatureVersion.AUTO, Optional.empty()).authority())
                .isEqualTo("b.oss-cn-hangzhou.aliyuncs.com");
    }
}
