package io.vodupload.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.PartReceipt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OssXmlTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void completeBody_parts_areWrittenInOrderWithQuotedEtags() {
        byte[] body = OssXml.completeBody(List.of(PartReceipt.of(1, "\"3349DC70\"", 1, 1), PartReceipt.of(5, "8EFDA8BE", 1, 1)));

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("<CompleteMultipartUpload>"
                + "<Part><PartNumber>1</PartNumber><ETag>\"3349DC70\"</ETag></Part>"
                + "<Part><PartNumber>5</PartNumber><ETag>\"8EFDA8BE\"</ETag></Part>"
                + "</CompleteMultipartUpload>");
    }

    @Test
    void errorFields_ossErrorDocument_readsEveryLeaf() {
        var fields = OssXml.errorFields(utf8("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n"
                + "  <Code>RequestTimeTooSkewed</Code>\n  <Message>too large</Message>\n  <RequestId>R</RequestId>\n"
                + "  <HostId>h</HostId>\n  <EC>0002-00000504</EC>\n  <ServerTime>2024-03-05T07:08:09.000Z</ServerTime>\n"
                + "</Error>"));

        assertThat(fields).containsEntry("Code", "RequestTimeTooSkewed").containsEntry("EC", "0002-00000504")
                .containsEntry("ServerTime", "2024-03-05T07:08:09.000Z").containsEntry("RequestId", "R");
    }

    @Test
    void errorFields_notAnErrorDocument_isEmpty() {
        assertThat(OssXml.errorFields(utf8("<ListPartsResult><Code>x</Code></ListPartsResult>"))).isEmpty();
        assertThat(OssXml.errorFields(utf8("<html>502</html"))).isEmpty();
        assertThat(OssXml.errorFields(new byte[0])).isEmpty();
    }

    @Test
    void rootElement_withDeclarationAndDoctype_findsTheRootWithoutResolvingEntities() {
        assertThat(OssXml.rootElement(utf8("<?xml version=\"1.0\"?>\n<!-- c --><Error><Code>A</Code></Error>")))
                .contains("Error");
        assertThat(OssXml.rootElement(utf8("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Error>&e;</Error>")))
                .isNotEqualTo(java.util.Optional.of("passwd"));
        assertThat(OssXml.errorFields(utf8("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<Error><Code>&e;</Code></Error>")).getOrDefault("Code", "")).doesNotContain("root:");
        assertThat(OssXml.rootElement(utf8("not xml"))).isEmpty();
    }

    @Test
    void listPartsResult_singlePart_isAListOfOne() throws Exception {
        OssXml.ListPartsResult r = OssXml.read(utf8("<ListPartsResult><IsTruncated>false</IsTruncated>"
                + "<Part><PartNumber>3</PartNumber><ETag>\"E\"</ETag><Size>7</Size>"
                + "<HashCrc64ecma>11051210869376104954</HashCrc64ecma></Part></ListPartsResult>"),
                OssXml.ListPartsResult.class);

        assertThat(r.parts).hasSize(1);
        assertThat(r.parts.get(0).partNumber).isEqualTo(3);
        assertThat(r.parts.get(0).hashCrc64ecma).isEqualTo("11051210869376104954");
        assertThat(r.isTruncated).isFalse();
    }
}
