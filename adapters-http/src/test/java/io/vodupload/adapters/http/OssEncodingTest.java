package io.vodupload.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class OssEncodingTest {

    @Property(tries = 300)
    void encodePath_anyKey_decodesBackAndUsesOnlySafeCharacters(@ForAll String key) {
        String encoded = OssEncoding.encodePath(key);

        assertThat(encoded).matches("[A-Za-z0-9\\-_.~/%]*");
        assertThat(encoded.replaceAll("%[0-9A-F]{2}", "")).doesNotContain("%");
        assertThat(WireSupport.percentDecode(encoded)).isEqualTo(
                new String(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void encode_anyValue_encodesTheSlashToo(@ForAll String value) {
        assertThat(OssEncoding.encode(value)).doesNotContain("/").isEqualTo(OssEncoding.encodePath(value).replace("/", "%2F"));
    }

    @Test
    void encode_reservedCharacters_asOssExpects() {
        assertThat(OssEncoding.encode("a b+c*d~e/f%g")).isEqualTo("a%20b%2Bc%2Ad~e%2Ff%25g");
        assertThat(OssEncoding.encodePath("a b/c")).isEqualTo("a%20b/c");
    }

    @Test
    void parseServerTime_isoAndHttpForms_parse() {
        assertThat(OssDates.parseServerTime("2023-12-16T16:20:57.000Z")).contains(Instant.ofEpochSecond(1702743657));
        assertThat(OssDates.parseServerTime("Sat, 16 Dec 2023 16:20:57 GMT")).contains(Instant.ofEpochSecond(1702743657));
        assertThat(OssDates.parseServerTime("yesterday")).isEmpty();
        assertThat(OssDates.parseServerTime(null)).isEmpty();
    }
}
