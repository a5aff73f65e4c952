package io.vodupload.adapters.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.TicketFormatException;
import io.vodupload.ports.UploadAddress;
import io.vodupload.ports.UploadAuth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JacksonUploadTicketDecoderTest {

    private static final String SECRET = "EW23sEcReTvAlUe9xQ";
    private static final String TOKEN = "CAISTokEnVaLuE+/==zz";
    private static final Instant NOW = Instant.parse("2020-07-29T14:20:31Z");

    private final JacksonUploadTicketDecoder decoder = new JacksonUploadTicketDecoder();

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // ---- real-looking tickets ----------------------------------------------------------------------

    @Test
    void decodeAddress_vodTicket_givesEndpointBucketAndFileName() {
        String ticket = b64("{\"Endpoint\":\"https://oss-cn-shanghai.aliyuncs.com\",\"Bucket\":\"outin-1234abcd\","
                + "\"FileName\":\"sv/4a3c0de1-17393fa4a2c/4a3c0de1-17393fa4a2c.mp4\"}");

        UploadAddress address = decoder.decodeAddress(ticket);

        assertThat(address).isEqualTo(new UploadAddress("https://oss-cn-shanghai.aliyuncs.com", "outin-1234abcd",
                "sv/4a3c0de1-17393fa4a2c/4a3c0de1-17393fa4a2c.mp4"));
        assertThat(address.toTarget(Optional.of("cn-shanghai")).endpoint().toString())
                .isEqualTo("https://oss-cn-shanghai.aliyuncs.com");
    }

    @Test
    void decodeAddress_bareHostEndpointWrappedOverLinesWithoutPadding_isAccepted() {
        String ticket = b64("{\"Endpoint\":\"oss-cn-beijing.aliyuncs.com\",\"Bucket\":\"b\",\"FileName\":\"a.mp4\"}")
                .replace("=", "");
        String wrapped = ticket.substring(0, 20) + "\n" + ticket.substring(20);

        assertThat(decoder.decodeAddress(wrapped).endpoint()).isEqualTo("oss-cn-beijing.aliyuncs.com");
    }

    @Test
    void decodeAuth_realTicketWithBothExpiryForms_prefersExpireUtcTime() {
        String ticket = b64("{\"SecurityToken\":\"" + TOKEN + "\",\"AccessKeyId\":\"STS.NUofQx\","
                + "\"ExpireUTCTime\":\"2020-07-29T15:20:31Z\",\"AccessKeySecret\":\"" + SECRET + "\","
                + "\"Expiration\":\"7200\",\"Region\":\"cn-shanghai\"}");

        UploadAuth auth = decoder.decodeAuth(ticket, NOW);

        assertThat(auth.credentials().accessKeyId()).isEqualTo("STS.NUofQx");
        assertThat(auth.credentials().accessKeySecret()).isEqualTo(SECRET);
        assertThat(auth.credentials().securityToken()).contains(TOKEN);
        assertThat(auth.credentials().expiration()).contains(Instant.parse("2020-07-29T15:20:31Z"));
        assertThat(auth.region()).contains("cn-shanghai");
        assertThat(auth.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
    }

    @Test
    void decodeAuth_expirationInSeconds_countsFromNow() {
        String ticket = b64("{\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"" + SECRET + "\",\"SecurityToken\":\""
                + TOKEN + "\",\"Expiration\":\"3600\"}");

        UploadAuth auth = decoder.decodeAuth(ticket, NOW);

        assertThat(auth.credentials().expiration()).contains(NOW.plusSeconds(3600));
        assertThat(auth.region()).isEmpty();
    }

    @Test
    void decodeAuth_expirationAsJsonNumber_countsFromNow() {
        String ticket = b64("{\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\","
                + "\"Expiration\":3000}");

        assertThat(decoder.decodeAuth(ticket, NOW).credentials().expiration()).contains(NOW.plusSeconds(3000));
    }

    @Test
    void decodeAuth_expirationAsIsoTime_isThatTime() {
        String ticket = b64("{\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\","
                + "\"Expiration\":\"2020-07-29T16:00:00Z\"}");

        assertThat(decoder.decodeAuth(ticket, NOW).credentials().expiration())
                .contains(Instant.parse("2020-07-29T16:00:00Z"));
    }

    @Test
    void decodeAuth_isoTimeWithoutOffset_isTakenAsUtc() {
        String ticket = b64("{\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\","
                + "\"ExpireUTCTime\":\"2020-07-29T16:00:00\"}");

        assertThat(decoder.decodeAuth(ticket, NOW).credentials().expiration())
                .contains(Instant.parse("2020-07-29T16:00:00Z"));
    }

    @Test
    void decodeAuth_urlSafeBase64AndLowerCaseFieldNames_isAccepted() {
        String json = "{\"accessKeyId\":\"STS.x\",\"accessKeySecret\":\"s>>?\",\"securityToken\":\"t??>\","
                + "\"expiration\":\"60\"}";
        String ticket = Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));

        assertThat(decoder.decodeAuth(ticket, NOW).credentials().accessKeySecret()).isEqualTo("s>>?");
    }

    // ---- malformed input: one clear message each, never a secret ------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty               | '   '                          | UploadAddress is empty
            not base64          | 'not*base64!'                  | UploadAddress is not base64 (11 characters)
            """)
    void decodeAddress_notBase64_saysSo(String name, String input, String message) {
        assertThatThrownBy(() -> decoder.decodeAddress(input))
                .isInstanceOf(TicketFormatException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | Endpoint=oss-cn-hangzhou.aliyuncs.com                      | UploadAddress is base64 but not JSON (error at line 1, column 1)
            trailing garbage    | {"Endpoint":"e","Bucket":"b","FileName":"f"} x             | UploadAddress is base64 but not JSON (error at line 1, column 46)
            nothing inside      | '   '                                                      | UploadAddress is base64 but not JSON (nothing inside)
            array               | ["Endpoint"]                                               | UploadAddress is JSON but not an object (array)
            missing Endpoint    | {"Bucket":"b","FileName":"f"}                              | UploadAddress has no Endpoint
            missing Bucket      | {"Endpoint":"oss-cn-hangzhou.aliyuncs.com","FileName":"f"} | UploadAddress has no Bucket
            missing FileName    | {"Endpoint":"oss-cn-hangzhou.aliyuncs.com","Bucket":"b"}   | UploadAddress has no FileName
            blank Bucket        | {"Endpoint":"e.com","Bucket":"  ","FileName":"f"}          | UploadAddress Bucket is blank
            object Bucket       | {"Endpoint":"e.com","Bucket":{"a":1},"FileName":"f"}       | UploadAddress Bucket is not a string
            endpoint not a URL  | {"Endpoint":"ht tp://x y","Bucket":"b","FileName":"f"}     | UploadAddress Endpoint is not a URL or host: ht tp://x y
            endpoint ftp        | {"Endpoint":"ftp://host","Bucket":"b","FileName":"f"}      | UploadAddress Endpoint is not a URL or host: ftp://host
            endpoint with path  | {"Endpoint":"https://h.com/a","Bucket":"b","FileName":"f"} | UploadAddress Endpoint is not a URL or host: https://h.com/a
            endpoint file:      | {"Endpoint":"file:///data/store","Bucket":"b","FileName":"f"} | UploadAddress Endpoint is not an http or https URL: file:///data/store
            endpoint FILE:      | {"Endpoint":"FILE:///etc","Bucket":"b","FileName":"f"}     | UploadAddress Endpoint is not an http or https URL: FILE:///etc
            file name with /    | {"Endpoint":"h.com","Bucket":"b","FileName":"/a.mp4"}      | UploadAddress FileName starts with '/': /a.mp4
            """)
    void decodeAddress_malformedJson_saysWhatIsWrong(String name, String json, String message) {
        assertThatThrownBy(() -> decoder.decodeAddress(b64(json)))
                .isInstanceOf(TicketFormatException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing AccessKeyId     | {"AccessKeySecret":"SECRET","SecurityToken":"TOKEN","Expiration":"3600"}                      | UploadAuth has no AccessKeyId
            missing AccessKeySecret | {"AccessKeyId":"STS.a","SecurityToken":"TOKEN","Expiration":"3600"}                           | UploadAuth has no AccessKeySecret
            missing SecurityToken   | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","Expiration":"3600"}                        | UploadAuth has no SecurityToken
            number AccessKeyId      | {"AccessKeyId":12345,"AccessKeySecret":"SECRET","SecurityToken":"TOKEN","Expiration":"3600"}  | UploadAuth AccessKeyId is not a string (a JSON number)
            number AccessKeySecret  | {"AccessKeyId":"STS.a","AccessKeySecret":987654321987,"SecurityToken":"TOKEN","Expiration":"3600"} | UploadAuth AccessKeySecret is not a string (a JSON number)
            boolean SecurityToken   | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":true,"Expiration":"3600"}   | UploadAuth SecurityToken is not a string (a JSON boolean)
            object SecurityToken    | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":{"a":"TOKEN"},"Expiration":"3600"} | UploadAuth SecurityToken is not a string (a JSON object)
            blank SecurityToken     | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":" ","Expiration":"3600"}    | UploadAuth SecurityToken is blank
            no expiry at all        | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":"TOKEN"}                    | UploadAuth has neither ExpireUTCTime nor Expiration
            bad Expiration          | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":"TOKEN","Expiration":"soon"} | UploadAuth Expiration is neither a number of seconds nor an ISO-8601 time: soon
            bad ExpireUTCTime       | {"AccessKeyId":"STS.a","AccessKeySecret":"SECRET","SecurityToken":"TOKEN","ExpireUTCTime":"29/07/2020"} | UploadAuth ExpireUTCTime is not an ISO-8601 time: 29/07/2020
            """)
    void decodeAuth_malformedJson_saysWhatIsWrongWithoutSecrets(String name, String json, String message) {
        String ticket = b64(json.replace("SECRET", SECRET).replace("TOKEN", TOKEN));

        assertThatThrownBy(() -> decoder.decodeAuth(ticket, NOW))
                .isInstanceOf(TicketFormatException.class).hasMessage(message)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET).doesNotContain(TOKEN));
    }

    @Test
    void decodeAuth_brokenJsonAroundTheSecret_neverQuotesIt() {
        String ticket = b64("{\"AccessKeyId\":\"STS.a\",\"AccessKeySecret\":" + SECRET + ",\"SecurityToken\":\"t\"}");

        assertThatThrownBy(() -> decoder.decodeAuth(ticket, NOW))
                .isInstanceOf(TicketFormatException.class)
                .hasMessageStartingWith("UploadAuth is base64 but not JSON")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(SECRET))
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void decodeAuth_notBase64WithSecretInside_neverQuotesIt() {
        String ticket = "{\"AccessKeySecret\":\"" + SECRET + "\"}";

        assertThatThrownBy(() -> decoder.decodeAuth(ticket, NOW))
                .isInstanceOf(TicketFormatException.class)
                .hasMessage("UploadAuth is not base64 (" + ticket.length() + " characters)")
                .satisfies(e -> assertThat(e.getCause()).isNull());
    }

    @Test
    void decodeAddress_null_throwsNullPointerException() {
        assertThatThrownBy(() -> decoder.decodeAddress(null)).isInstanceOf(NullPointerException.class);
    }
}
