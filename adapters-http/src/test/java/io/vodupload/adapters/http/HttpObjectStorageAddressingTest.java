package io.vodupload.adapters.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.SignatureVersion;
import io.vodupload.ports.StorageTarget;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Region and addressing decisions from the endpoint, and the signature they select, as they go over the
 * wire (the parsing itself is oss-wire's {@code OssEndpoints}, tested there and, against both transports,
 * by integration-tests' {@code EndpointAgreementTest}).
 */
class HttpObjectStorageAddressingTest {

    /** What AUTO signs with, seen on the wire: V4 with the region when one is known, V1 otherwise. */
    @Test
    void autoSignature_regionFromTargetEndpointOrConfiguration_selectsV4ElseV1() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
            int port = server.port();
            StorageTarget internal = StorageTarget.of("http://oss-cn-shanghai-internal.aliyuncs.com:" + port, "b", "k");
            StorageTarget cname = StorageTarget.of("http://media.example.com:" + port, "b", "k");
            try (HttpObjectStorage auto = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns()).build();
                 HttpObjectStorage configured = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns())
                         .region("eu-central-1").build();
                 HttpObjectStorage forcedV1 = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns())
                         .signatureVersion(SignatureVersion.V1).build()) {
                auto.headObject(internal, WireSupport.STS);
                auto.headObject(internal.withRegion("cn-beijing"), WireSupport.STS);
                auto.headObject(cname, WireSupport.STS);
                configured.headObject(cname, WireSupport.STS);
                forcedV1.headObject(internal, WireSupport.STS);
            }
            List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
            assertThat(requests).extracting(r -> r.getHeader("Authorization").replaceAll("/\\d{8}/", "/DATE/")
                    .replaceAll("(Signature=|:)[^,]*$", "$1SIG")).containsExactly(
                    "OSS4-HMAC-SHA256 Credential=STS.ak/DATE/cn-shanghai/oss/aliyun_v4_request,Signature=SIG",
                    "OSS4-HMAC-SHA256 Credential=STS.ak/DATE/cn-beijing/oss/aliyun_v4_request,Signature=SIG",
                    "OSS STS.ak:SIG",
                    "OSS4-HMAC-SHA256 Credential=STS.ak/DATE/eu-central-1/oss/aliyun_v4_request,Signature=SIG",
                    "OSS STS.ak:SIG");
            assertThat(requests).extracting(r -> r.getHeader("Host")).containsExactly(
                    "b.oss-cn-shanghai-internal.aliyuncs.com:" + port, "b.oss-cn-shanghai-internal.aliyuncs.com:" + port,
                    "b.media.example.com:" + port, "b.media.example.com:" + port,
                    "b.oss-cn-shanghai-internal.aliyuncs.com:" + port);
            for (LoggedRequest r : requests) {
                WireSupport.assertSignedAsSent(r, WireSupport.STS, "b", false);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void pathStyleConfigured_regionalEndpoint_putsTheBucketInThePath() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
            try (HttpObjectStorage storage = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns())
                    .addressing(HttpObjectStorage.Addressing.PATH_STYLE).build()) {
                storage.headObject(StorageTarget.of("http://oss-cn-hangzhou.aliyuncs.com:" + server.port(), "b", "d/k"),
                        WireSupport.STS);
            }
            LoggedRequest r = server.findAll(anyRequestedFor(anyUrl())).get(0);
            assertThat(r.getUrl()).isEqualTo("/b/d/k");
            assertThat(r.getHeader("Host")).isEqualTo("oss-cn-hangzhou.aliyuncs.com:" + server.port());
            WireSupport.assertSignedAsSent(r, WireSupport.STS, "b", true);
        } finally {
            server.stop();
        }
    }

    @Test
    void virtualHostedForced_loopbackLikeHostName_prefixesTheBucket() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        try {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
            try (HttpObjectStorage storage = HttpObjectStorage.builder().dnsResolver(new WireSupport.LoopbackDns())
                    .addressing(HttpObjectStorage.Addressing.VIRTUAL_HOSTED).build()) {
                storage.headObject(StorageTarget.of("http://localhost:" + server.port(), "b", "k"), WireSupport.STS);
            }
            LoggedRequest r = server.findAll(anyRequestedFor(anyUrl())).get(0);
            assertThat(r.getUrl()).isEqualTo("/k");
            assertThat(r.getHeader("Host")).isEqualTo("b.localhost:" + server.port());
        } finally {
            server.stop();
        }
    }
}
