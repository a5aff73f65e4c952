package io.vodupload.testkit.vod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PopSignatureTest {

    /** The example of VOD's signing documentation (VOD-UPLOAD-REFERENCE.md §6.4). */
    static Map<String, String> documentedParameters() {
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
    void sign_documentedVector_givesDocumentedSignature() {
        String stringToSign = PopSignature.stringToSign(documentedParameters());

        assertThat(PopSignature.sign("testAccessKeySecret", stringToSign)).isEqualTo("Ibgh7y8Vp47LBuAsf5Xhi1SvDss=");
    }

    @Test
    void stringToSign_documentedVector_encodesTheInnerAmpersands() {
        String stringToSign = PopSignature.stringToSign(documentedParameters());

        assertThat(stringToSign).isEqualTo("GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth"
                + "%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1"
                + "%26SignatureNonce%3D8f8a035d-6496-4268-afd4-67c22837e38d%26SignatureVersion%3D1.0"
                + "%26Timestamp%3D2017-10-10T12%253A02%253A54Z%26Version%3D2017-03-21"
                + "%26VideoId%3D5aed81b74ba84920be578cdfe004af4b");
    }

    @Test
    void stringToSign_withSignatureParameter_leavesItOut() {
        Map<String, String> params = new TreeMap<>(documentedParameters());
        params.put("Signature", "anything");

        assertThat(PopSignature.stringToSign(params)).isEqualTo(PopSignature.stringToSign(documentedParameters()));
    }

    @Test
    void percentEncode_reservedCharactersAndUnicode_followRfc3986() {
        assertThat(PopSignature.percentEncode("a b*c~d+e/f=g&h")).isEqualTo("a%20b%2Ac~d%2Be%2Ff%3Dg%26h");
        assertThat(PopSignature.percentEncode("视频-_.")).isEqualTo("%E8%A7%86%E9%A2%91-_.");
    }

    @Test
    void percentDecode_escapesAndPlus_decodeAsAServletWould() {
        assertThat(PopSignature.percentDecode("a%20b+c%2B%E8%A7%86")).isEqualTo("a b c+视");
    }

    @Test
    void percentDecode_malformedEscape_throws() {
        assertThatThrownBy(() -> PopSignature.percentDecode("abc%4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 3");
        assertThatThrownBy(() -> PopSignature.percentDecode("%zz")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseQuery_parameterTwice_throws() {
        assertThatThrownBy(() -> PopSignature.parseQuery("A=1&B=2&A=3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A");
    }

    @Test
    void parseQuery_encodedQuery_decodesAndSorts() {
        assertThat(PopSignature.parseQuery("b=2&a=x%20y&c=")).containsExactly(Map.entry("a", "x y"),
                Map.entry("b", "2"), Map.entry("c", ""));
    }
}
