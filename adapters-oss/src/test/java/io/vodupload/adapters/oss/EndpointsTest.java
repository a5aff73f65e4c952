package io.vodupload.adapters.oss;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsTest {

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:9000, true",
            "http://10.1.2.3, true",
            "http://[::1]:9000, true",
            "http://localhost:9000, true",
            "https://LOCALHOST, true",
            "https://oss-cn-hangzhou.aliyuncs.com, false",
            "https://storage.example.com, false",
            "http://127.0.0.1.nip.io, false",
    })
    void isIpOrLocalhost_host_decidesPathStyle(String endpoint, boolean expected) {
        assertThat(Endpoints.isIpOrLocalhost(URI.create(endpoint))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "https://oss-cn-hangzhou.aliyuncs.com, cn-hangzhou",
            "https://oss-cn-shanghai-internal.aliyuncs.com, cn-shanghai",
            "https://bucket.oss-ap-southeast-1.aliyuncs.com, ap-southeast-1",
            "http://OSS-US-WEST-1.ALIYUNCS.COM:80, us-west-1",
            "https://oss-cn-hangzhou.aliyun-inc.com, cn-hangzhou",
    })
    void regionOf_ossHost_region(String endpoint, String region) {
        assertThat(Endpoints.regionOf(URI.create(endpoint))).hasValue(region);
    }

    @ParameterizedTest
    @CsvSource({
            "https://oss-accelerate.aliyuncs.com",
            "https://storage.example.com",
            "http://127.0.0.1:9000",
            "https://oss-cn-hangzhou.aliyuncs.com.evil.example",
            "https://vod.cn-shanghai.aliyuncs.com",
    })
    void regionOf_otherHost_empty(String endpoint) {
        assertThat(Endpoints.regionOf(URI.create(endpoint))).isEmpty();
    }
}
