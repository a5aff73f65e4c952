package io.vodupload.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoding a request line: addressing style, percent-decoding, query parameters; and the Complete body. */
class OssRequestTest {

    static OssRequest parse(String host, String rawPath, String rawQuery) {
        return OssRequest.parse("put", host, rawPath, rawQuery, Map.of("X-Oss-Meta-A", List.of("1", "2")),
                Set.of("media"), List.of("localhost", "oss-cn-hangzhou.aliyuncs.com"));
    }

    @Test
    void parse_pathStyleOnIp_takesTheBucketFromThePath() {
        OssRequest r = parse("127.0.0.1:8080", "/media/dir/a%20b%2Bc%25d/%E8%A6%96.mp4", null);

        assertThat(r.bucket()).contains("media");
        assertThat(r.key()).contains("dir/a b+c%d/視.mp4");
        assertThat(r.virtualHosted()).isFalse();
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.headers()).containsEntry("x-oss-meta-a", "1,2");
    }

    @Test
    void parse_literalPlusInPath_staysAPlus() {
        assertThat(parse("127.0.0.1", "/media/a+b", null).key()).contains("a+b");
    }

    @Test
    void parse_virtualHostedOnAServiceDomain_takesTheBucketFromTheHost() {
        OssRequest r = parse("other.oss-cn-hangzhou.aliyuncs.com", "/dir/x", null);

        assertThat(r.bucket()).contains("other");
        assertThat(r.key()).contains("dir/x");
        assertThat(r.virtualHosted()).isTrue();
    }

    @Test
    void parse_hostWhoseFirstLabelIsABucket_isVirtualHosted() {
        assertThat(parse("media.example.test:9000", "/x", null).bucket()).contains("media");
    }

    @Test
    void parse_bucketOnly_hasNoKey() {
        OssRequest r = parse("localhost", "/media/", "uploads");

        assertThat(r.bucket()).contains("media");
        assertThat(r.key()).isEmpty();
        assertThat(r.hasParam("uploads")).isTrue();
        assertThat(r.param("uploads")).contains("");
    }

    @Test
    void parseQuery_encodedNamesAndValues_areDecoded() {
        List<OssRequest.QueryParam> q = OssRequest.parseQuery("%2Bparam1=value3&uploads&x=a%20b+c&e=");

        assertThat(q).containsExactly(new OssRequest.QueryParam("+param1", "value3"), new OssRequest.QueryParam("uploads", ""),
                new OssRequest.QueryParam("x", "a b+c"), new OssRequest.QueryParam("e", ""));
    }

    @Test
    void parse_malformedEscape_isInvalidUri() {
        assertThatThrownBy(() -> parse("127.0.0.1", "/media/a%zz", null))
                .isInstanceOfSatisfying(OssError.class, e -> {
                    assertThat(e.code()).isEqualTo("InvalidURI");
                    assertThat(e.status()).isEqualTo(400);
                });
        assertThatThrownBy(() -> parse("127.0.0.1", "/media/a%F", null)).isInstanceOf(OssError.class);
        assertThatThrownBy(() -> parse("127.0.0.1", "/media/%FF", null)).isInstanceOf(OssError.class);
    }

    @Test
    void toString_neverShowsHeaderValues() {
        OssRequest r = OssRequest.parse("PUT", "127.0.0.1", "/media/k", "partNumber=1",
                Map.of("x-oss-security-token", List.of("secret-token"), "Authorization", List.of("OSS ak:sig")),
                Set.of("media"), List.of());

        assertThat(r.toString()).isEqualTo("PUT /media/k?partNumber").doesNotContain("secret-token");
    }

    @Test
    void parseComplete_partsInDocumentOrder_withQuotesRemoved() {
        String xml = "<?xml version=\"1.0\"?><CompleteMultipartUpload><Part><PartNumber>2</PartNumber>"
                + "<ETag>&quot;AB&quot;</ETag></Part><Part><ETag>\"CD\"</ETag><PartNumber>7</PartNumber></Part></CompleteMultipartUpload>";

        assertThat(OssXml.parseComplete(xml.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(new OssXml.PartRef(2, "AB"), new OssXml.PartRef(7, "CD"));
    }

    @Test
    void parseComplete_doctypeWithEntity_isRefusedNotExpanded() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&e;</ETag></Part></CompleteMultipartUpload>";

        assertThatThrownBy(() -> OssXml.parseComplete(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
    }

    @Test
    void parseComplete_wrongRootOrNoParts_isMalformedXml() {
        assertThatThrownBy(() -> OssXml.parseComplete("<Other/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.code()).isEqualTo("MalformedXML"));
        assertThatThrownBy(() -> OssXml.parseComplete("<CompleteMultipartUpload/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.getMessage()).contains("no Part"));
        assertThatThrownBy(() -> OssXml.parseComplete("<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(OssError.class, e -> assertThat(e.getMessage()).contains("PartNumber"));
    }

    @Test
    void errorXml_escapesTextAndWritesEcAndRecommendDoc() throws Exception {
        OssError e = new OssError(403, "SecurityTokenExpired", "a < b & c", "0002-00000007", Map.of("X", "<y>"));

        byte[] xml = OssXml.error(e, "RID", "media.127.0.0.1");

        assertThat(RawOssClient.xpath(xml, "/Error/Message")).isEqualTo("a < b & c");
        assertThat(RawOssClient.xpath(xml, "/Error/X")).isEqualTo("<y>");
        assertThat(RawOssClient.xpath(xml, "/Error/EC")).isEqualTo("0002-00000007");
        assertThat(RawOssClient.xpath(xml, "/Error/RecommendDoc")).endsWith("q=0002-00000007");
        assertThat(new String(xml, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    @Test
    void credentials_toString_hidesSecretAndToken() {
        OssCredentials c = OssCredentials.sts("STS.ak", "the-secret", "the-token");

        assertThat(c.toString()).contains("STS.ak").doesNotContain("the-secret").doesNotContain("the-token");
        assertThatThrownBy(() -> OssCredentials.of("a:b", "s")).hasMessageContaining("a:b");
        assertThatThrownBy(() -> OssCredentials.of("ak", "")).hasMessageContaining("ak");
    }
}
