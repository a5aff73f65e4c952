package io.vodupload.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vodupload.ports.Credentials;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;

/** Helpers shared by the WireMock tests: loopback DNS, secrets to look for, and a signature check. */
final class WireSupport {

    /** Distinctive so that a leak is easy to find in any message. */
    static final String SECRET = "SeCrEt-Value-3f9a1c";
    static final String TOKEN = "ToKeN-Value-77e2b0+/=";
    static final Credentials STS = Credentials.sts("STS.ak", SECRET, TOKEN, null);
    static final Credentials PLAIN = Credentials.of("ak", SECRET);

    private WireSupport() {
    }

    /** Resolves every host name to loopback, so virtual-hosted bucket names reach the local server. */
    static final class LoopbackDns implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    static void assertNoSecrets(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertThat(String.valueOf(c.getMessage()) + c).doesNotContain(SECRET).doesNotContain(TOKEN)
                    .doesNotContain("ToKeN-Value");
        }
    }

    /**
     * Recomputes the signature from the request as the server received it (method, raw path and query,
     * headers) and checks it equals the one sent: what was signed is exactly what went over the wire.
     */
    static void assertSignedAsSent(LoggedRequest request, Credentials credentials, String bucket, boolean pathStyle) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        String rawPath = q < 0 ? url : url.substring(0, q);
        String prefix = pathStyle ? "/" + bucket + "/" : "/";
        assertThat(rawPath).startsWith(prefix);
        String key = percentDecode(rawPath.substring(prefix.length()));
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(percentDecode(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : percentDecode(pair.substring(eq + 1)));
            }
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader h : request.getHeaders().all()) {
            headers.put(h.key(), h.firstValue());
        }
        String authorization = headers.get("Authorization");
        assertThat(authorization).isNotNull();
        if (authorization.startsWith("OSS ")) {
            String stringToSign = OssSigner.v1StringToSign(request.getMethod().getName(), headers, Optional.of(bucket),
                    Optional.of(key), query);
            assertThat(authorization).as("V1 over " + stringToSign).isEqualTo("OSS " + credentials.accessKeyId() + ":"
                    + OssSigner.v1Signature(credentials.accessKeySecret(), stringToSign));
            return;
        }
        Matcher m = Pattern.compile("^OSS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/oss/aliyun_v4_request"
                + "(?:,AdditionalHeaders=([^,]+))?,Signature=([0-9a-f]{64})$").matcher(authorization);
        assertThat(m.matches()).as(authorization).isTrue();
        assertThat(m.group(1)).isEqualTo(credentials.accessKeyId());
        String region = m.group(3);
        Set<String> additional = m.group(4) == null ? Set.of() : new TreeSet<>(Set.of(m.group(4).split(";")));
        Instant time = Instant.from(OssDates.ISO_BASIC.parse(headers.get("x-oss-date")));
        assertThat(OssDates.SCOPE_DATE.format(time)).isEqualTo(m.group(2));
        String canonical = OssSigner.v4CanonicalRequest(request.getMethod().getName(), Optional.of(bucket),
                Optional.of(key), query, headers, additional);
        String stringToSign = OssSigner.v4StringToSign(time, OssSigner.v4Scope(time, region), canonical);
        String signature = OssSigner.hex(OssSigner.hmac("HmacSHA256",
                OssSigner.v4SigningKey(credentials.accessKeySecret(), time, region), stringToSign));
        assertThat(m.group(5)).as("V4 over " + canonical).isEqualTo(signature);
    }

    static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
