package io.vodupload.adapters.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.ManualSleeper;
import io.vodupload.testkit.http.HttpFileServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** No credential of a URL survives into what the source shows: describe(), toString() and every failure. */
class UrlSourceSecretsTest {

    private static final List<String> NAMES = List.of("Signature", "security-token", "x-oss-security-token",
            "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "access_token", "token", "sig");
    private static final byte[] BYTES = new byte[5000];
    private static HttpFileServer server;

    @BeforeContainer
    static void start() throws IOException {
        server = HttpFileServer.start().serve("/a.mp4", BYTES, "video/mp4")
                .redirect("/loop1", "/loop2?Signature=loopSecretZq9").redirect("/loop2", "/loop1");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<List<String>> secrets() {
        // marked, so that a survivor is found whatever else the text holds
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20).map(s -> "Zq9" + s).list().ofMinSize(1).ofMaxSize(4);
    }

    private static String url(String path, String password, List<String> secrets) {
        StringBuilder url = new StringBuilder("http://viewer:").append(encode(password)).append("@127.0.0.1:")
                .append(server.port()).append(path).append("?OSSAccessKeyId=ak&Expires=1");
        for (int i = 0; i < secrets.size(); i++) {
            url.append('&').append(NAMES.get(i * 3 % NAMES.size())).append('=').append(encode(secrets.get(i)));
        }
        return url.toString();
    }

    @Property(tries = 60)
    void everythingShown_anyCredentials_holdsNoneOfThem(@ForAll("secrets") List<String> secrets,
            @ForAll("secrets") List<String> passwords) throws IOException {
        List<String> shown = new ArrayList<>();
        for (String path : List.of("/missing", "/loop1", "/a.mp4")) {
            UrlSource source = UrlSource.builder(URI.create(url(path, passwords.get(0), secrets)))
                    .maxResumes(1).sleeper(new ManualSleeper(new ManualClock(Instant.EPOCH))).build();
            shown.add(source.describe());
            shown.add(source.toString());
            if (path.equals("/a.mp4")) {
                server.cutAfter(path, 100).ranges(false);
                try (InputStream body = source.open().body()) {
                    shown.add(String.valueOf(catchThrowable(body::readAllBytes)));
                } finally {
                    server.ranges(true);
                }
            } else {
                Throwable failure = catchThrowable(source::open);
                assertThat(failure).isInstanceOf(IOException.class);
                shown.add(String.valueOf(failure));
                shown.add(String.valueOf(failure.getCause()));
            }
        }

        assertThat(shown).allSatisfy(text -> assertThat(text).doesNotContain("Zq9"));
        assertThat(shown).anySatisfy(text -> assertThat(text).contains("answered 404"));
        assertThat(shown).anySatisfy(text -> assertThat(text).contains("redirects in a loop"));
        assertThat(shown).anySatisfy(text -> assertThat(text).contains("does not support ranges"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
