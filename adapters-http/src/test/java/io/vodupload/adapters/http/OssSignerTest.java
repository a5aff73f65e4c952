package io.vodupload.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Credentials;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every signature vector of OSS-PROTOCOL.md §8, through the same code the adapter signs with. */
class OssSignerTest {

    private static final Credentials AK = Credentials.of("ak", "sk");
    private static final Credentials AK_TOKEN = Credentials.sts("ak", "sk", "token", null);
    private static final Instant DEC_28_2022 = Instant.parse("2022-12-28T10:27:41Z");
    private static final String DATE = "Wed, 28 Dec 2022 10:27:41 GMT";

    // ---- V1 header signing (JSDK2 SignerV1Test, GoSDK2 signer_test.go) ----------------------------

    private static OssSigner.Request v1NelsonRequest(Map<String, String> query) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==");
        headers.put("Content-Type", "text/html");
        headers.put("x-oss-date", DATE);
        headers.put("x-oss-meta-author", "alice");
        headers.put("x-oss-meta-magic", "abracadabra");
        return new OssSigner.Request("PUT", Optional.of("examplebucket"), Optional.of("nelson"), query, headers);
    }

    @Test
    void signV1_vector1PutWithMetadata_matchesStringToSignAndAuthorization() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, v1NelsonRequest(Map.of()), AK, DEC_28_2022,
                null, Set.of());

        assertThat(signed.stringToSign()).isEqualTo("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\n" + DATE
                + "\nx-oss-date:" + DATE + "\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson");
        assertThat(signed.authorization()).isEqualTo("OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=");
        assertThat(signed.headers()).containsEntry("Date", DATE);
    }

    @Test
    void signV1_vector2AclSubResource_matchesAuthorization() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, v1NelsonRequest(Map.of("acl", "")), AK,
                DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign()).endsWith("\n/examplebucket/nelson?acl");
        assertThat(signed.authorization()).isEqualTo("OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=");
    }

    @Test
    void signV1_vector3BucketLevelWithUnsignedParameter_dropsTheParameter() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("resourceGroup", "");
        query.put("non-resousce", "null");
        OssSigner.Request request = new OssSigner.Request("GET", Optional.of("examplebucket"), Optional.empty(),
                query, Map.of("x-oss-date", DATE));

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, request, AK, DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign())
                .isEqualTo("GET\n\n\n" + DATE + "\nx-oss-date:" + DATE + "\n/examplebucket/?resourceGroup");
        assertThat(signed.authorization()).isEqualTo("OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=");
    }

    @Test
    void signV1_vector4TwoSubResources_sortsThem() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("resourceGroup", "");
        query.put("acl", "");
        OssSigner.Request request = new OssSigner.Request("GET", Optional.of("examplebucket"), Optional.empty(),
                query, Map.of("x-oss-date", DATE));

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, request, AK, DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign()).endsWith("\n/examplebucket/?acl&resourceGroup");
        assertThat(signed.authorization()).isEqualTo("OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk=");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            presigned 5 | sk    | GET\\n\\n\\n1699807420\\n/bucket/key?versionId=versionId | dcLTea+Yh9ApirQ8o8dOPqtvJXQ=
            presigned 6 | sk    | GET\\n\\n\\n1699808204\\n/bucket/key+123?security-token=token&versionId=versionId | jzKYRrM5y6Br0dRFPaTGOsbrDhY=
            presigned 7 | sk    | GET\\n\\n\\n1699808204\\n/bucket/key+123?security-token=attachment; /file/name==example.txt++&versionId=versionId | su58IVk06Q73DHwcMsXft/RTZ98=
            hmac 8      | csdev | /ListTable\\nDate=Mon%2C%2028%20Nov%202011%2014%3A02%3A46%20GMT&OTSAccessKeyId=csdev&APIVersion=1&SignatureMethod=HmacSHA1&SignatureVersion=1 | 3mAoxRc8hd7WdaFB5Ii7dGNcwx0=
            """)
    void v1Signature_presignedAndPlainHmacVectors_match(String name, String secret, String stringToSign,
                                                         String expected) {
        assertThat(OssSigner.v1Signature(secret, stringToSign.replace("\\n", "\n"))).isEqualTo(expected);
    }

    // ---- V1, derived for multipart -----------------------------------------------------------------

    @Test
    void signV1_initiateMultipart_matchesDerivedVector() {
        OssSigner.Request request = new OssSigner.Request("POST", Optional.of("examplebucket"),
                Optional.of("dir/obj.bin"), Map.of("uploads", ""), Map.of("Content-Type", "application/octet-stream"));

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, request, AK, DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign())
                .isEqualTo("POST\n\napplication/octet-stream\n" + DATE + "\n/examplebucket/dir/obj.bin?uploads");
        assertThat(signed.authorization()).isEqualTo("OSS ak:ennwXlS++tENb3oCTsBpfENSFNQ=");
    }

    private static OssSigner.Request uploadPart(String bucket) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partNumber", "1");
        query.put("uploadId", "0004B9895DBBB6EC98E36");
        return new OssSigner.Request("PUT", Optional.of(bucket), Optional.of("dir/obj.bin"), query, Map.of());
    }

    @Test
    void signV1_uploadPart_matchesDerivedVector() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, uploadPart("examplebucket"), AK,
                DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign())
                .isEqualTo("PUT\n\n\n" + DATE + "\n/examplebucket/dir/obj.bin?partNumber=1&uploadId=0004B9895DBBB6EC98E36");
        assertThat(signed.authorization()).isEqualTo("OSS ak:nllbUMTlIbxVVYT3xv95OhgcYpw=");
    }

    @Test
    void signV1_uploadPartWithToken_signsTheTokenHeader() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, uploadPart("examplebucket"), AK_TOKEN,
                DEC_28_2022, null, Set.of());

        assertThat(signed.stringToSign()).isEqualTo("PUT\n\n\n" + DATE
                + "\nx-oss-security-token:token\n/examplebucket/dir/obj.bin?partNumber=1&uploadId=0004B9895DBBB6EC98E36");
        assertThat(signed.authorization()).isEqualTo("OSS ak:b8qnfyArXXPO2HG1Y45HmWrTbsg=");
        assertThat(signed.headers()).containsEntry("x-oss-security-token", "token");
    }

    // ---- V4 header signing (JSDK2 SignerV4Test, GoSDK2 signer_test.go) -----------------------------

    private static OssSigner.Request v4Request() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-oss-head1", "value");
        headers.put("abc", "value");
        headers.put("ZAbc", "value");
        headers.put("XYZ", "value");
        headers.put("content-type", "text/plain");
        headers.put("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("param1", "value1");
        query.put("+param1", "value3");
        query.put("|param1", "value4");
        query.put("+param2", "");
        query.put("|param2", "");
        query.put("param2", "");
        return new OssSigner.Request("PUT", Optional.of("bucket"), Optional.of("1234+-/123/1.txt"), query, headers);
    }

    @Test
    void signV4_vector1_matchesCanonicalRequestStringToSignKeyChainAndAuthorization() {
        Instant time = Instant.ofEpochSecond(1702743657);

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, v4Request(), AK, time, "cn-hangzhou", Set.of());

        assertThat(signed.canonicalRequest()).isEqualTo("PUT\n/bucket/1234%2B-/123/1.txt\n"
                + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n"
                + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n"
                + "x-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");
        assertThat(signed.stringToSign()).isEqualTo("OSS4-HMAC-SHA256\n20231216T162057Z\n"
                + "20231216/cn-hangzhou/oss/aliyun_v4_request\n"
                + "f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4");
        List<byte[]> chain = OssSigner.v4SigningKeyChain("sk", time, "cn-hangzhou");
        assertThat(chain.stream().map(OssSigner::hex)).containsExactly(
                "151acc75ab7203acc219c35ef7415d0c604d059c7140665fe78233ec8ae7f9ea",
                "cd7fb718a1d15d167938c1ea34698de973b43added106b102eba0973c9aad028",
                "fde9c360ae5165f5a84690330c8bc545e6bde502ba8ba4972db81e5a2ea80bec",
                "b412a03b134ebddd720f5167b5de6db66620ebb3b01cff4d49e3ccb09f8de97f");
        assertThat(signed.authorization()).isEqualTo("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/"
                + "aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe");
        assertThat(signed.headers()).containsEntry("x-oss-date", "20231216T162057Z")
                .containsEntry("Date", "Sat, 16 Dec 2023 16:20:57 GMT");
    }

    @Test
    void signV4_vector2WithToken_signsTheTokenHeader() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, v4Request(), AK_TOKEN,
                Instant.ofEpochSecond(1702784856), "cn-hangzhou", Set.of());

        assertThat(signed.canonicalRequest()).contains("\nx-oss-security-token:token\n");
        assertThat(signed.authorization()).isEqualTo("OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/"
                + "aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea");
    }

    @Test
    void signV4_vector3AdditionalHeaders_listsAndSignsThem() {
        Instant time = Instant.ofEpochSecond(1702747512);
        String expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "AdditionalHeaders=abc;zabc,"
                + "Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, v4Request(), AK, time, "cn-hangzhou",
                Set.of("ZAbc", "abc"));
        OssSigner.Signed again = OssSigner.sign(OssSigner.Version.V4, v4Request(), AK, time, "cn-hangzhou",
                Set.of("x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"));

        assertThat(signed.authorization()).isEqualTo(expected);
        assertThat(again.authorization()).isEqualTo(expected);
        assertThat(signed.canonicalRequest()).contains("\nabc:value\n").contains("\nzabc:value\n")
                .contains("\n\nabc;zabc\nUNSIGNED-PAYLOAD");
    }

    // ---- V4, derived for multipart -----------------------------------------------------------------

    @Test
    void signV4_initiateMultipart_matchesDerivedVector() {
        OssSigner.Request request = new OssSigner.Request("POST", Optional.of("examplebucket"),
                Optional.of("dir/obj.bin"), Map.of("uploads", ""), Map.of("Content-Type", "application/octet-stream"));

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, request, AK,
                Instant.ofEpochSecond(1702743657), "cn-hangzhou", Set.of());

        assertThat(signed.canonicalRequest()).isEqualTo("POST\n/examplebucket/dir/obj.bin\nuploads\n"
                + "content-type:application/octet-stream\nx-oss-content-sha256:UNSIGNED-PAYLOAD\n"
                + "x-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD");
        assertThat(signed.authorization()).endsWith(
                ",Signature=2ae1264590e1931ec7df9e3e89e62138a436d58183b9636f5e224852c96b629a");
    }

    @Test
    void signV4_uploadPartWithToken_matchesDerivedVector() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, uploadPart("examplebucket"), AK_TOKEN,
                Instant.ofEpochSecond(1702743657), "cn-hangzhou", Set.of());

        assertThat(signed.authorization()).isEqualTo("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/"
                + "aliyun_v4_request,Signature=9494e3bf1e1e1eca1f73b96b8597d8fd943994257dee94398997d9c689924258");
    }

    // ---- details -----------------------------------------------------------------------------------

    @Test
    void sign_singleDigitDay_writesTwoDigitDay() {
        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V1, uploadPart("b"), AK,
                Instant.parse("2024-07-01T08:09:05Z"), null, Set.of());

        assertThat(signed.headers()).containsEntry("Date", "Mon, 01 Jul 2024 08:09:05 GMT");
    }

    @Test
    void signedAndRequest_toString_neverShowTheTokenOrSecret() {
        Credentials creds = Credentials.sts("ak", "TopSecret123", "TokenXYZ789", null);
        OssSigner.Request request = uploadPart("b");

        OssSigner.Signed signed = OssSigner.sign(OssSigner.Version.V4, request, creds, DEC_28_2022, "cn-hangzhou",
                Set.of());

        assertThat(signed.toString() + request).doesNotContain("TopSecret123").doesNotContain("TokenXYZ789");
    }
}
