package io.vodupload.adapters.oss;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OssXmlBodiesTest {

    @Test
    void partCrcs_listPartsResult_crcByPartNumber() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ListPartsResult><Bucket>b</Bucket><Key>k</Key><UploadId>U</UploadId>"
                + "<NextPartNumberMarker>5</NextPartNumberMarker><MaxParts>1000</MaxParts>"
                + "<IsTruncated>false</IsTruncated>"
                + "<Part><PartNumber>1</PartNumber><LastModified>2012-02-23T07:01:34.000Z</LastModified>"
                + "<ETag>\"3349DC70\"</ETag><Size>102400</Size>"
                + "<HashCrc64ecma>11051210869376104954</HashCrc64ecma></Part>"
                + "<Part><PartNumber>5</PartNumber><ETag>\"AA\"</ETag><Size>10</Size>"
                + "<HashCrc64ecma>42</HashCrc64ecma></Part>"
                + "<Part><PartNumber>7</PartNumber><ETag>\"BB\"</ETag><Size>10</Size></Part>"
                + "</ListPartsResult>";

        assertThat(OssXmlBodies.partCrcs(xml.getBytes(StandardCharsets.UTF_8)))
                .containsEntry(1, -7395533204333446662L)
                .containsEntry(5, 42L)
                .doesNotContainKey(7)
                .hasSize(2);
    }

    @Test
    void partCrcs_notXml_empty() {
        assertThat(OssXmlBodies.partCrcs("not xml <".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void partCrcs_externalEntity_notResolved() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<ListPartsResult><Part><PartNumber>1</PartNumber><HashCrc64ecma>&x;</HashCrc64ecma></Part>"
                + "</ListPartsResult>";

        assertThat(OssXmlBodies.partCrcs(xml.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void errorFields_errorDocument_leafFields() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code>"
                + "<Message>We encountered an internal error.</Message><RequestId>R9</RequestId>"
                + "<EC>0000-00000001</EC></Error>";

        assertThat(OssXmlBodies.errorFields(xml.getBytes(StandardCharsets.UTF_8))).hasValueSatisfying(f -> {
            assertThat(f).containsEntry("Code", "InternalError").containsEntry("RequestId", "R9")
                    .containsEntry("EC", "0000-00000001");
        });
    }

    @Test
    void errorFields_otherDocumentOrNotXml_empty() {
        assertThat(OssXmlBodies.errorFields("<CompleteMultipartUploadResult><ETag>x</ETag></CompleteMultipartUploadResult>"
                .getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(OssXmlBodies.errorFields("{}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
