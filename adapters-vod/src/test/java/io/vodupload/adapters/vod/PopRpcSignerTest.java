package io.vodupload.adapters.vod;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PopRpcSignerTest {

    /** The example of VOD's signing documentation (VOD-UPLOAD-REFERENCE.md §6.4). */
    private static Map<String, String> documented() {
        Map<String, String> params = new TreeMap<>();
        params.put("AccessKeyId", "testAccessKeyId");
        params.put("Action", "GetVideoPlayAuth");
        params.put("Format", "JSON");
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureNonce", "8f8a035d-6496-4268-afd4-67c22837e38d");
        params.put("SignatureVersion", "1.0");
        params.put("Timestamp", "2017-10-10T12:02:54Z");
        params.put("Version", "2017-03-21");
        params.put("VideoId", "5aed81b74ba84920be578cdfe004af4b");
        return params;
    }

    @Test
    void signature_documentedVector_isTheDocumentedSignature() {
        String stringToSign = PopRpcSigner.stringToSign(PopRpcSigner.canonicalQuery(documented()));

        assertThat(PopRpcSigner.signature("testAccessKeySecret", stringToSign)).isEqualTo("Ibgh7y8Vp47LBuAsf5Xhi1SvDss=");
    }

    @Test
    void stringToSign_documentedVector_encodesInnerAmpersandsAndTimestampColonsTwice() {
        String stringToSign = PopRpcSigner.stringToSign(PopRpcSigner.canonicalQuery(documented()));

        assertThat(stringToSign).startsWith("GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth%26")
                .contains("%26Timestamp%3D2017-10-10T12%253A02%253A54Z%26")
                .endsWith("%26VideoId%3D5aed81b74ba84920be578cdfe004af4b");
    }

    @Test
    void signedQuery_documentedVector_appendsTheEncodedSignatureLast() {
        String query = PopRpcSigner.signedQuery(documented(), "testAccessKeySecret");

        assertThat(query).isEqualTo(PopRpcSigner.canonicalQuery(documented())
                + "&Signature=Ibgh7y8Vp47LBuAsf5Xhi1SvDss%3D");
        assertThat(query).startsWith("AccessKeyId=testAccessKeyId&Action=GetVideoPlayAuth&Format=JSON&");
    }

    @Test
    void canonicalQuery_signatureParameter_isLeftOut() {
        Map<String, String> params = new TreeMap<>(documented());
        params.put("Signature", "old");

        assertThat(PopRpcSigner.canonicalQuery(params)).isEqualTo(PopRpcSigner.canonicalQuery(documented()));
    }

    @Test
    void canonicalQuery_unsortedInput_isSortedByName() {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("b", "2");
        params.put("B", "1");
        params.put("a", "3");

        assertThat(PopRpcSigner.canonicalQuery(params)).isEqualTo("B=1&a=3&b=2");
    }

    @Test
    void percentEncode_formEncoderDifferences_areFixed() {
        assertThat(PopRpcSigner.percentEncode("a b")).isEqualTo("a%20b");
        assertThat(PopRpcSigner.percentEncode("a*b")).isEqualTo("a%2Ab");
        assertThat(PopRpcSigner.percentEncode("a~b")).isEqualTo("a~b");
        assertThat(PopRpcSigner.percentEncode("a+b")).isEqualTo("a%2Bb");
        assertThat(PopRpcSigner.percentEncode("-_.")).isEqualTo("-_.");
        assertThat(PopRpcSigner.percentEncode("/=&%")).isEqualTo("%2F%3D%26%25");
        assertThat(PopRpcSigner.percentEncode("视频")).isEqualTo("%E8%A7%86%E9%A2%91");
    }

    @Test
    void redactor_secretRawOrEncodedOnceOrTwice_isMasked() {
        String token = "CAIS/ab+c=";
        Redactor redactor = new Redactor(java.util.List.of(token, "sk"));
        String once = PopRpcSigner.percentEncode(token);
        String twice = PopRpcSigner.percentEncode(once);

        String text = redactor.redact("raw " + token + " once " + once + " twice " + twice + " secret sk");

        assertThat(text).isEqualTo("raw *** once *** twice *** secret ***");
    }
}
