package io.vodupload.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '!', value = {
            // presigned OSS (V1): the key id and the expiry stay, the signature and the STS token go
            "https://b.oss-cn-hangzhou.aliyuncs.com/v/a.mp4?OSSAccessKeyId=STS.ak&Expires=1700000000&Signature=s%2Bg%3D&security-token=t0k"
                    + " ! https://b.oss-cn-hangzhou.aliyuncs.com/v/a.mp4?OSSAccessKeyId=STS.ak&Expires=1700000000&Signature=***&security-token=***",
            "https://h/a?x-oss-signature=s1g&x-oss-credential=LTAI%2F20261205&x-oss-security-token=t0k&x-oss-date=20261205T000000Z"
                    + " ! https://h/a?x-oss-signature=***&x-oss-credential=***&x-oss-security-token=***&x-oss-date=20261205T000000Z",
            // presigned S3 (V4)
            "https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F1&X-Amz-Security-Token=t0k&X-Amz-SignedHeaders=host&X-Amz-Signature=abc123"
                    + " ! https://s3.amazonaws.com/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-SignedHeaders=host&X-Amz-Signature=***",
            // any case
            "http://h/a?SIGNATURE=s1g&Security-Token=t0k ! http://h/a?SIGNATURE=***&Security-Token=***",
            // user-info: the user stays
            "https://u:s3cret@h:8443/a.mp4 ! https://u:***@h:8443/a.mp4",
            "https://u:p%40ss:w@h/a ! https://u:***@h/a",
            "https://u:p@ss@h/a ! https://u:***@h/a",
            "https://u@h/a ! https://u@h/a",
            // other credential carriers
            "https://cdn/a.m3u8?auth_key=1700000000-0-0-abcdef ! https://cdn/a.m3u8?auth_key=***",
            "https://acct.blob.core.windows.net/c/a.mp4?sv=2020&sig=abc%3D&se=1 ! https://acct.blob.core.windows.net/c/a.mp4?sv=2020&sig=***&se=1",
            "https://api/a?access_token=t0k&token=t1k&key=k3y&api_key=k4y ! https://api/a?access_token=***&token=***&key=***&api_key=***",
            "https://h/a?Signature=s1g#frag ! https://h/a?Signature=***#frag",
            "https://h/a?Signature=ab;cd&x=1 ! https://h/a?Signature=***&x=1",
            // nothing secret: unchanged
            "https://h:8080/dir/a.mp4?versionId=3&response-content-type=video%2Fmp4 ! https://h:8080/dir/a.mp4?versionId=3&response-content-type=video%2Fmp4",
            "https://h/keys/signature.txt ! https://h/keys/signature.txt",
            // JDBC, as JdbcUrls has always shown it
            "jdbc:sqlserver://h;user=u;password=s3cret;db=q ! jdbc:sqlserver://h;user=u;password=***;db=q",
            "jdbc:postgresql://u:s3cret@db/q?password=other ! jdbc:postgresql://u:***@db/q?password=***",
    })
    void redact_url_hidesOnlyTheCredentials(String url, String expected) {
        assertThat(SafeUrl.redact(url)).isEqualTo(expected);
        assertThat(SafeUrl.hasSecrets(url)).isEqualTo(!url.equals(expected));
    }

    @Test
    void redact_null_throwsNullPointerException() {
        assertThatThrownBy(() -> SafeUrl.redact(null)).isInstanceOf(NullPointerException.class).hasMessage("url");
    }

    @Test
    void secretsIn_presignedUrl_listsEachValueRawAndDecodedLongestFirst() {
        List<String> secrets = SafeUrl.secretsIn("https://u:a%21b@h/a?OSSAccessKeyId=ak&Signature=s%2Bg%3D&security-token=tok");

        assertThat(secrets).containsExactlyInAnyOrder("a%21b", "a!b", "s%2Bg%3D", "s+g=", "tok");
        assertThat(secrets.get(0)).isEqualTo("s%2Bg%3D");
    }

    @Test
    void scrub_libraryMessageQuotingTheUrlAndAValue_hidesBoth() {
        String url = "https://h/a?Signature=s%2Bg%3D";
        String message = "Circular redirect to 'https://h/b?Signature=other'; signature s+g= rejected";

        String scrubbed = SafeUrl.scrub(message, SafeUrl.secretsIn(url));

        assertThat(scrubbed).isEqualTo("Circular redirect to 'https://h/b?Signature=*** signature *** rejected");
        assertThat(SafeUrl.scrub(null, List.of("x"))).isEmpty();
    }

    // --- properties: no secret of a URL survives redaction --------------------------------------------------

    private static final List<String> SECRET_NAMES = List.of("Signature", "security-token", "x-oss-security-token",
            "x-oss-signature", "x-oss-credential", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token",
            "access_token", "token", "sig", "auth_key", "password", "key");
    private static final List<String> PUBLIC_NAMES = List.of("OSSAccessKeyId", "Expires", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "response-content-type", "versionId", "sv", "se");

    /** A URL's shape; the secret values are filled in separately, so two URLs can differ in them only. */
    record Shape(String scheme, String user, boolean withPassword, String host, String path, List<Param> params) {

        String url(List<String> secrets) {
            int next = 0;
            StringBuilder url = new StringBuilder(scheme).append("://");
            if (!user.isEmpty()) {
                url.append(user);
                if (withPassword) {
                    url.append(':').append(encode(secrets.get(next++ % secrets.size())));
                }
                url.append('@');
            }
            url.append(host).append(path);
            char separator = '?';
            for (Param p : params) {
                url.append(separator).append(p.name()).append('=');
                url.append(p.secret() ? encode(secrets.get(next++ % secrets.size())) : p.value());
                separator = '&';
            }
            return url.toString();
        }
    }

    record Param(String name, boolean secret, String value) {
    }

    @Property(tries = 300)
    void redact_anyUrl_showsNothingOfItsSecretValues(@ForAll("shapes") Shape shape,
            @ForAll("secretValues") List<String> some, @ForAll("secretValues") List<String> others) {
        // the redacted URL does not depend on the secrets at all: it carries no information about them
        assertThat(SafeUrl.redact(shape.url(some))).isEqualTo(SafeUrl.redact(shape.url(others)));
    }

    @Property(tries = 300)
    void redact_anyUrl_keepsNoMarkedSecretAndSecretsInFindsThemAll(@ForAll("shapes") Shape shape,
            @ForAll("secretValues") List<String> values) {
        List<String> marked = values.stream().map(v -> "Zq9" + v).toList();
        String url = shape.url(marked);

        String redacted = SafeUrl.redact(url);

        assertThat(redacted).doesNotContain("Zq9");
        List<String> found = SafeUrl.secretsIn(url);
        assertThat(SafeUrl.scrub("failed: " + url + " " + String.join(" ", found), found)).doesNotContain("Zq9");
    }

    @Provide
    Arbitrary<List<String>> secretValues() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(24).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<String> scheme = Arbitraries.of("http", "https", "HTTPS");
        Arbitrary<String> user = Arbitraries.strings().alpha().numeric().ofMaxLength(8).filter(SafeUrlTest::unmarked);
        Arbitrary<Boolean> withPassword = Arbitraries.of(true, false);
        Arbitrary<String> host = Arbitraries.of("h", "cdn.example.com:8080", "127.0.0.1:9", "[::1]:80");
        Arbitrary<String> path = Arbitraries.strings().alpha().numeric().withChars('.', '-', '/', '%', ';', '=')
                .ofMaxLength(20).filter(SafeUrlTest::unmarked).map(p -> "/" + p.replace("//", "/"));
        Arbitrary<Param> secret = Combinators.combine(Arbitraries.of(SECRET_NAMES), Arbitraries.of(true, false))
                .as((name, upper) -> new Param(upper ? name.toUpperCase(Locale.ROOT) : name, true, ""));
        Arbitrary<Param> open = Combinators.combine(Arbitraries.of(PUBLIC_NAMES),
                Arbitraries.strings().alpha().numeric().withChars('.', '-', '%').ofMaxLength(12).filter(SafeUrlTest::unmarked))
                .as((name, value) -> new Param(name, false, value));
        Arbitrary<List<Param>> params = Arbitraries.oneOf(secret, open).list().ofMaxSize(6);
        return Combinators.combine(scheme, user, withPassword, host, path, params).as(Shape::new);
    }

    private static boolean unmarked(String text) {
        return !text.contains("Zq9");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void shape_url_isWellFormedForTheProperties() {
        Shape shape = new Shape("https", "u", true, "h", "/a.mp4",
                new ArrayList<>(List.of(new Param("Expires", false, "1"), new Param("Signature", true, ""))));
        assertThat(shape.url(List.of("p w", "s=g"))).isEqualTo("https://u:p+w@h/a.mp4?Expires=1&Signature=s%3Dg");
    }
}
