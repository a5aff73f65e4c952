package io.vodupload.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every header-signature vector of OSS-PROTOCOL.md §8: the canonical strings the server builds, the
 * signatures it computes, and the verdict of the full check (the exact signature accepted, a
 * one-character change refused with SignatureDoesNotMatch).
 */
class OssSignaturesTest {

    static final String DATE_2022 = "Wed, 28 Dec 2022 10:27:41 GMT";
    static final Instant TIME_2022 = Instant.parse("2022-12-28T10:27:41Z");

    // ---- request builders ----------------------------------------------------------------------

    static OssRequest request(String method, String bucket, String key, List<OssRequest.QueryParam> query,
            Map<String, String> headers) {
        return new OssRequest(method, "127.0.0.1", Optional.ofNullable(bucket), Optional.ofNullable(key), false, query, headers);
    }

    static List<OssRequest.QueryParam> query(String... nameValue) {
        List<OssRequest.QueryParam> q = new ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            q.add(new OssRequest.QueryParam(nameValue[i], nameValue[i + 1]));
        }
        return q;
    }

    static Map<String, String> headers(String... nameValue) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.put(nameValue[i], nameValue[i + 1]);
        }
        return h;
    }

    /** V1 vector 1's request: PUT /examplebucket/nelson with MD5, type, Date, x-oss-date and two metas. */
    static Map<String, String> v1VectorHeaders(String authorization) {
        Map<String, String> h = headers(
                "Content-MD5", "eB5eJF1ptWaXm4bijSPyxw==",
                "Content-Type", "text/html",
                "Date", DATE_2022,
                "x-oss-date", DATE_2022,
                "x-oss-meta-author", "alice",
                "x-oss-meta-magic", "abracadabra");
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        return h;
    }

    /** The common V4 vector request (bucket, key, six headers, six query parameters). */
    static OssRequest v4VectorRequest(String ossDate, String token, String authorization) {
        Map<String, String> h = headers(
                "x-oss-head1", "value", "abc", "value", "ZAbc", "value", "XYZ", "value",
                "content-type", "text/plain", "x-oss-content-sha256", "UNSIGNED-PAYLOAD",
                "x-oss-date", ossDate);
        if (token != null) {
            h.put("x-oss-security-token", token);
        }
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        return request("PUT", "bucket", "1234+-/123/1.txt",
                query("param1", "value1", "+param1", "value3", "|param1", "value4", "+param2", "", "|param2", "", "param2", ""), h);
    }

    static Authenticator authenticator(Instant now, OssCredentials... credentials) {
        OssCredentialStore store = new OssCredentialStore();
        for (OssCredentials c : credentials) {
            store.add(c);
        }
        return new Authenticator(store, () -> now, "cn-hangzhou", Duration.ofMinutes(15));
    }

    static String changeOneCharacter(String authorization) {
        char last = authorization.charAt(authorization.length() - 1);
        char other = last == 'A' ? 'B' : 'A';
        if (Character.isDigit(last) || Character.isLowerCase(last)) {
            other = last == 'a' ? 'b' : 'a';
        }
        return authorization.substring(0, authorization.length() - 2) + other + authorization.charAt(authorization.length() - 1);
    }

    // ---- V1 ------------------------------------------------------------------------------------

    @Nested
    class V1 {

        @Test
        void v1StringToSign_vector1_matchesTheVector() {
            OssRequest r = request("PUT", "examplebucket", "nelson", List.of(), v1VectorHeaders(null));

            assertThat(OssSignatures.v1StringToSign(r)).isEqualTo("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\n" + DATE_2022
                    + "\nx-oss-date:" + DATE_2022 + "\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson");
            assertThat(OssSignatures.v1Signature("sk", OssSignatures.v1StringToSign(r))).isEqualTo("kSHKmLxlyEAKtZPkJhG9bZb5k7M=");
        }

        @ParameterizedTest(name = "vector {0}")
        @CsvSource(delimiter = '|', value = {
                "1|PUT|nelson||OSS ak:kSHKmLxlyEAKtZPkJhG9bZb5k7M=",
                "2|PUT|nelson|acl|OSS ak:/afkugFbmWDQ967j1vr6zygBLQk=",
                "3|GET||resourceGroup|OSS ak:vkQmfuUDyi1uDi3bKt67oemssIs=",
                "4|GET||acl,resourceGroup|OSS ak:x3E5TgOvl/i7PN618s5mEvpJDYk="})
        void authenticate_v1HeaderVector_acceptsExactAndRefusesOneCharacterChange(String vector, String method, String key,
                String subresources, String authorization) {
            List<OssRequest.QueryParam> q = new ArrayList<>();
            if (subresources != null) {
                for (String s : subresources.split(",")) {
                    q.add(new OssRequest.QueryParam(s, ""));
                }
            }
            // vectors 3 and 4 were requested with a parameter outside the whitelist, which V1 leaves out
            q.add(new OssRequest.QueryParam("non-resousce", "null"));
            Map<String, String> h = method.equals("PUT") ? v1VectorHeaders(authorization)
                    : headers("Date", DATE_2022, "x-oss-date", DATE_2022, "Authorization", authorization);
            Authenticator auth = authenticator(TIME_2022, OssCredentials.of("ak", "sk"));

            Authenticator.Result ok = auth.authenticate(request(method, "examplebucket", key, q, h));

            assertThat(ok.version()).isEqualTo("V1");
            h.put("Authorization", changeOneCharacter(authorization));
            assertThatThrownBy(() -> auth.authenticate(request(method, "examplebucket", key, q, h)))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.fields()).containsKey("StringToSign");
                    });
        }

        @Test
        void v1StringToSign_bucketLevelVector3_dropsParametersOutsideTheWhitelist() {
            OssRequest r = request("GET", "examplebucket", null, query("resourceGroup", "", "non-resousce", "null"),
                    headers("Date", DATE_2022, "x-oss-date", DATE_2022));

            assertThat(OssSignatures.v1StringToSign(r))
                    .isEqualTo("GET\n\n\n" + DATE_2022 + "\nx-oss-date:" + DATE_2022 + "\n/examplebucket/?resourceGroup");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                // presigned V1 strings (vectors 5-7): only the HMAC applies to a header check
                "vector 5|sk|GET\\n\\n\\n1699807420\\n/bucket/key?versionId=versionId|dcLTea+Yh9ApirQ8o8dOPqtvJXQ=",
                "vector 6|sk|GET\\n\\n\\n1699808204\\n/bucket/key+123?security-token=token&versionId=versionId|jzKYRrM5y6Br0dRFPaTGOsbrDhY=",
                "vector 7|sk|GET\\n\\n\\n1699808204\\n/bucket/key+123?security-token=attachment; /file/name==example.txt++&versionId=versionId|su58IVk06Q73DHwcMsXft/RTZ98=",
                "vector 8|csdev|/ListTable\\nDate=Mon%2C%2028%20Nov%202011%2014%3A02%3A46%20GMT&OTSAccessKeyId=csdev&APIVersion=1&SignatureMethod=HmacSHA1&SignatureVersion=1|3mAoxRc8hd7WdaFB5Ii7dGNcwx0=",
                "derived initiate|sk|POST\\n\\napplication/octet-stream\\nWed, 28 Dec 2022 10:27:41 GMT\\n/examplebucket/dir/obj.bin?uploads|ennwXlS++tENb3oCTsBpfENSFNQ=",
                "derived part|sk|PUT\\n\\n\\nWed, 28 Dec 2022 10:27:41 GMT\\n/examplebucket/dir/obj.bin?partNumber=1&uploadId=0004B9895DBBB6EC98E36|nllbUMTlIbxVVYT3xv95OhgcYpw=",
                "derived part sts|sk|PUT\\n\\n\\nWed, 28 Dec 2022 10:27:41 GMT\\nx-oss-security-token:token\\n/examplebucket/dir/obj.bin?partNumber=1&uploadId=0004B9895DBBB6EC98E36|b8qnfyArXXPO2HG1Y45HmWrTbsg="})
        void v1Signature_stringToSignVector_matches(String name, String secret, String stringToSign, String expected) {
            assertThat(OssSignatures.v1Signature(secret, stringToSign.replace("\\n", "\n"))).isEqualTo(expected);
        }

        @Test
        void authenticate_derivedMultipartVectors_buildTheirStringsFromRequests() {
            Authenticator auth = authenticator(TIME_2022, OssCredentials.of("ak", "sk"), OssCredentials.sts("ak", "sk", "token"));
            OssRequest initiate = request("POST", "examplebucket", "dir/obj.bin", query("uploads", ""),
                    headers("Content-Type", "application/octet-stream", "Date", DATE_2022,
                            "Authorization", "OSS ak:ennwXlS++tENb3oCTsBpfENSFNQ="));
            OssRequest part = request("PUT", "examplebucket", "dir/obj.bin",
                    query("uploadId", "0004B9895DBBB6EC98E36", "partNumber", "1"),
                    headers("Date", DATE_2022, "Authorization", "OSS ak:nllbUMTlIbxVVYT3xv95OhgcYpw="));
            OssRequest stsPart = request("PUT", "examplebucket", "dir/obj.bin",
                    query("uploadId", "0004B9895DBBB6EC98E36", "partNumber", "1"),
                    headers("Date", DATE_2022, "x-oss-security-token", "token", "Authorization", "OSS ak:b8qnfyArXXPO2HG1Y45HmWrTbsg="));

            assertThat(auth.authenticate(initiate).entry().credentials.securityToken()).isEmpty();
            assertThat(auth.authenticate(part).entry().credentials.securityToken()).isEmpty();
            assertThat(auth.authenticate(stsPart).entry().credentials.securityToken()).contains("token");
        }

        @Test
        void authenticate_singleDigitDay_isRefusedAsAccessDenied() {
            String date = "Thu, 1 Jul 2021 10:00:00 GMT";
            Map<String, String> h = headers("Date", date);
            String sts = "GET\n\n\n" + date + "\n/examplebucket/k";
            h.put("Authorization", "OSS ak:" + OssSignatures.v1Signature("sk", sts));
            Authenticator auth = authenticator(Instant.parse("2021-07-01T10:00:00Z"), OssCredentials.of("ak", "sk"));

            assertThatThrownBy(() -> auth.authenticate(request("GET", "examplebucket", "k", List.of(), h)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("AccessDenied"));
        }
    }

    // ---- V4 ------------------------------------------------------------------------------------

    @Nested
    class V4 {

        @Test
        void v4CanonicalRequest_vector1_matchesTheDerivedIntermediates() {
            OssRequest r = v4VectorRequest("20231216T162057Z", null, null);

            String canonical = OssSignatures.v4CanonicalRequest(r, new TreeSet<>());

            assertThat(canonical).isEqualTo("PUT\n/bucket/1234%2B-/123/1.txt\n"
                    + "%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n"
                    + "content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\nx-oss-head1:value\n\n\nUNSIGNED-PAYLOAD");
            String scope = OssSignatures.v4Scope("20231216", "cn-hangzhou");
            String stringToSign = OssSignatures.v4StringToSign("20231216T162057Z", scope, canonical);
            assertThat(stringToSign).isEqualTo("OSS4-HMAC-SHA256\n20231216T162057Z\n20231216/cn-hangzhou/oss/aliyun_v4_request\n"
                    + "f4613657f1b108998e8dbd10a1aa5da621dc2c6e02c9ddec0f163664848704c4");
            byte[] key = OssSignatures.v4SigningKey("sk", "20231216", "cn-hangzhou");
            assertThat(OssCodec.hexLower(key)).isEqualTo("b412a03b134ebddd720f5167b5de6db66620ebb3b01cff4d49e3ccb09f8de97f");
            assertThat(OssSignatures.v4Signature(key, stringToSign))
                    .isEqualTo("e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "V4-1|1702743657|20231216T162057Z||OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe",
                "V4-2|1702784856|20231217T034736Z|token|OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea",
                "V4-3|1702747512|20231216T172512Z||OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=abc;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f"})
        void authenticate_v4HeaderVector_acceptsExactAndRefusesOneCharacterChange(String name, long epoch, String ossDate,
                String token, String authorization) {
            Authenticator auth = authenticator(Instant.ofEpochSecond(epoch), OssCredentials.of("ak", "sk"),
                    OssCredentials.sts("ak", "sk", "token"));

            Authenticator.Result ok = auth.authenticate(v4VectorRequest(ossDate, token, authorization));

            assertThat(ok.version()).isEqualTo("V4");
            assertThat(ok.entry().credentials.securityToken()).isEqualTo(Optional.ofNullable(token));
            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest(ossDate, token, changeOneCharacter(authorization))))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.fields()).containsKeys("StringToSign", "CanonicalRequest");
                    });
        }

        @Test
        void authenticate_v4Vector3WithUnknownAdditionalHeader_changesTheSignature() {
            // a client lists only headers it sends; naming one the request lacks changes the canonical request
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702747512), OssCredentials.of("ak", "sk"));
            String authorization = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                    + "AdditionalHeaders=abc;x-no-exist;zabc,Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T172512Z", null, authorization)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
        }

        @Test
        void authenticate_derivedMultipartV4Vectors_areAccepted() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.of("ak", "sk"),
                    OssCredentials.sts("ak", "sk", "token"));
            OssRequest initiate = request("POST", "examplebucket", "dir/obj.bin", query("uploads", ""), headers(
                    "content-type", "application/octet-stream", "x-oss-content-sha256", "UNSIGNED-PAYLOAD",
                    "x-oss-date", "20231216T162057Z",
                    "Authorization", "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                            + "Signature=2ae1264590e1931ec7df9e3e89e62138a436d58183b9636f5e224852c96b629a"));
            OssRequest part = request("PUT", "examplebucket", "dir/obj.bin",
                    query("partNumber", "1", "uploadId", "0004B9895DBBB6EC98E36"), headers(
                    "x-oss-security-token", "token", "x-oss-content-sha256", "UNSIGNED-PAYLOAD",
                    "x-oss-date", "20231216T162057Z",
                    "Authorization", "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                            + "Signature=9494e3bf1e1e1eca1f73b96b8597d8fd943994257dee94398997d9c689924258"));

            assertThat(OssSignatures.v4CanonicalRequest(initiate, new TreeSet<>())).isEqualTo(
                    "POST\n/examplebucket/dir/obj.bin\nuploads\ncontent-type:application/octet-stream\n"
                            + "x-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\n\nUNSIGNED-PAYLOAD");
            assertThat(auth.authenticate(initiate).version()).isEqualTo("V4");
            assertThat(auth.authenticate(part).entry().credentials.securityToken()).contains("token");
        }

        @Test
        void authenticate_wrongRegionInScope_isInvalidArgument() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.of("ak", "sk"));
            String authorization = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-shanghai/oss/aliyun_v4_request,"
                    + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, authorization)))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidArgument");
                        assertThat(e.getMessage()).contains("region");
                    });
        }

        @Test
        void authenticate_emptyAdditionalHeaders_isInvalidArgumentWithItsEc() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.of("ak", "sk"));
            String authorization = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                    + "AdditionalHeaders=,Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, authorization)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.ec()).contains("0002-00000209"));
        }
    }

    // ---- credentials, tokens, time -------------------------------------------------------------

    @Nested
    class Credentials {

        static final String V4_1 = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe";
        static final String V4_2 = "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea";

        @Test
        void authenticate_unknownAccessKeyId_isInvalidAccessKeyId() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.of("other", "sk"));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, V4_1)))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidAccessKeyId");
                        assertThat(e.fields()).containsEntry("OSSAccessKeyId", "ak");
                    });
        }

        @Test
        void authenticate_wrongSecret_isSignatureDoesNotMatch() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.of("ak", "not-sk"));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, V4_1)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
        }

        @Test
        void authenticate_timeMoreThan15MinutesOff_isRequestTimeTooSkewedWithServerTime() {
            Instant server = Instant.ofEpochSecond(1702743657).plus(Duration.ofMinutes(15).plusSeconds(1));
            Authenticator auth = authenticator(server, OssCredentials.of("ak", "sk"));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, V4_1)))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("RequestTimeTooSkewed");
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.fields()).containsEntry("ServerTime", "2023-12-16T16:35:58.000Z");
                    });
        }

        @Test
        void authenticate_timeExactly15MinutesOff_isAccepted() {
            Instant server = Instant.ofEpochSecond(1702743657).minus(Duration.ofMinutes(15));
            Authenticator auth = authenticator(server, OssCredentials.of("ak", "sk"));

            assertThat(auth.authenticate(v4VectorRequest("20231216T162057Z", null, V4_1)).version()).isEqualTo("V4");
        }

        @Test
        void authenticate_expiredToken_isSecurityTokenExpired() {
            Instant now = Instant.ofEpochSecond(1702784856);
            Authenticator auth = authenticator(now, OssCredentials.sts("ak", "sk", "token").expiringAt(now));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231217T034736Z", "token", V4_2)))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("SecurityTokenExpired");
                        assertThat(e.ec()).contains("0002-00000007");
                    });
        }

        @Test
        void authenticate_tokenOfNoConfiguredSet_isInvalidSecurityToken() {
            Instant now = Instant.ofEpochSecond(1702784856);
            Authenticator auth = authenticator(now, OssCredentials.sts("ak", "sk", "another-token"));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231217T034736Z", "token", V4_2)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("InvalidSecurityToken"));
        }

        @Test
        void authenticate_stsSetWithoutTokenInRequest_isInvalidSecurityToken() {
            Authenticator auth = authenticator(Instant.ofEpochSecond(1702743657), OssCredentials.sts("ak", "sk", "token"));

            assertThatThrownBy(() -> auth.authenticate(v4VectorRequest("20231216T162057Z", null, V4_1)))
                    .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("InvalidSecurityToken"));
        }

        @Test
        void authenticate_noAuthorization_isAccessDenied() {
            Authenticator auth = authenticator(TIME_2022, OssCredentials.of("ak", "sk"));

            assertThatThrownBy(() -> auth.authenticate(request("GET", "b", "k", List.of(), headers("Date", DATE_2022))))
                    .isInstanceOfSatisfying(OssError.class, e -> {
                        assertThat(e.code()).isEqualTo("AccessDenied");
                        assertThat(e.status()).isEqualTo(403);
                    });
        }

        @Test
        void signatureMismatch_withStsToken_neverEchoesTheToken() {
            Instant now = Instant.ofEpochSecond(1702784856);
            Authenticator auth = authenticator(now, OssCredentials.sts("ak", "not-sk", "token-secret-value"));
            OssRequest r = v4VectorRequest("20231217T034736Z", "token-secret-value", V4_2);

            assertThatThrownBy(() -> auth.authenticate(r)).isInstanceOfSatisfying(OssError.class, e -> {
                assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                assertThat(String.join("\n", e.fields().values())).doesNotContain("token-secret-value").contains(Authenticator.REDACTED);
            });
        }
    }
}
