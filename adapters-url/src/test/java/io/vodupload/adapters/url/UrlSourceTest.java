package io.vodupload.adapters.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.StreamSource;
import io.vodupload.testkit.ManualClock;
import io.vodupload.testkit.ManualSleeper;
import io.vodupload.testkit.http.HttpFileServer;
import io.vodupload.testkit.http.HttpFileServer.Request;
import io.vodupload.testkit.http.HttpFileServer.Validators;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlSourceTest {

    private static final String PATH = "/media/clip%20one.mp4";
    private static final String SECRETS = "?OSSAccessKeyId=LTAIvisible&Expires=1700000000&Signature=sIgSeCrEt%2B1"
            + "&security-token=tOkSeCrEt";

    private final byte[] bytes = new byte[300_000];
    private final ManualSleeper sleeper = new ManualSleeper(new ManualClock(Instant.parse("2026-12-05T00:00:00Z")));
    private HttpFileServer server;

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(bytes);
        server = HttpFileServer.start().serve(PATH, bytes, "video/mp4");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private UrlSource source(String pathAndQuery) {
        return UrlSource.builder(server.uri(pathAndQuery)).sleeper(sleeper).build();
    }

    private static byte[] readAll(StreamSource.Opened opened) throws IOException {
        try (InputStream body = opened.body()) {
            return body.readAllBytes();
        }
    }

    @Test
    void open_servedFile_readsEveryByteWithSizeAndType() throws IOException {
        StreamSource.Opened opened = source(PATH + SECRETS).open();

        assertThat(opened.size()).hasValue(bytes.length);
        assertThat(opened.contentType()).hasValue("video/mp4");
        assertThat(readAll(opened)).isEqualTo(bytes);
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(PATH + SECRETS);
            assertThat(r.range()).isEmpty();
        });
    }

    @Test
    void open_lengthUnknown_sizeIsEmptyAndEveryByteComes() throws IOException {
        server.lengthKnown(false);

        StreamSource.Opened opened = source(PATH).open();

        assertThat(opened.size()).isEmpty();
        assertThat(readAll(opened)).isEqualTo(bytes);
    }

    @Test
    void open_redirects_followsThemToTheFile() throws IOException {
        server.redirect("/a", server.uri("/b?Signature=hop").toString()).redirect("/b", PATH);

        assertThat(readAll(source("/a").open())).isEqualTo(bytes);
        assertThat(server.requests()).extracting(Request::target).containsExactly("/a", "/b?Signature=hop", PATH);
    }

    @Test
    void open_redirectLoop_failsNamingTheLoopRedacted() {
        server.redirect("/a", "/b?Signature=loopSecret").redirect("/b", "/a");

        assertThatThrownBy(() -> source("/a" + SECRETS).open()).isInstanceOf(IOException.class)
                .hasMessageContaining("redirects in a loop")
                .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt", "loopSecret");
    }

    @Test
    void open_moreRedirectsThanAllowed_failsSayingSo() {
        server.redirect("/1", "/2").redirect("/2", "/3").redirect("/3", PATH);
        UrlSource source = UrlSource.builder(server.uri("/1")).maxRedirects(2).sleeper(sleeper).build();

        assertThatThrownBy(source::open).isInstanceOf(IOException.class)
                .hasMessageContaining("redirected more than 2 times");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void open_notFound_failsNamingTheStatusAndTheRedactedUrl() {
        URI url = URI.create("http://reader:pAsSwOrD@127.0.0.1:" + server.port() + "/missing.mp4" + SECRETS);

        assertThatThrownBy(() -> UrlSource.of(url).open()).isInstanceOf(IOException.class)
                .hasMessageContaining("answered 404")
                .hasMessageContaining("http://reader:***@127.0.0.1:" + server.port() + "/missing.mp4?OSSAccessKeyId=LTAIvisible")
                .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt", "pAsSwOrD");
    }

    @Test
    void open_serverError_failsNamingTheStatus() {
        server.failNext(PATH, 503);

        assertThatThrownBy(() -> source(PATH).open()).hasMessageContaining("answered 503");
    }

    @Test
    void open_nothingListening_failsWithTheRedactedUrl() throws IOException {
        int port = server.port();
        server.close();

        assertThatThrownBy(() -> UrlSource.builder(URI.create("http://u:pAsSwOrD@127.0.0.1:" + port + "/a" + SECRETS))
                .connectTimeout(Duration.ofSeconds(2)).build().open())
                .isInstanceOf(IOException.class).hasMessageStartingWith("GET http://u:***@127.0.0.1:" + port)
                .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt", "pAsSwOrD");
    }

    @Test
    void open_userInfo_sendsBasicToItsOriginOnlyNotAfterARedirectElsewhere() throws IOException {
        try (HttpFileServer other = HttpFileServer.start().serve("/x.mp4", bytes, "video/mp4")) {
            server.redirect("/away", other.uri("/x.mp4").toString());
            URI url = URI.create("http://reader:p%40ss@127.0.0.1:" + server.port() + "/away");

            assertThat(readAll(UrlSource.of(url).open())).isEqualTo(bytes);

            String basic = "Basic " + Base64.getEncoder().encodeToString("reader:p@ss".getBytes(StandardCharsets.UTF_8));
            assertThat(server.requests()).singleElement().extracting(Request::authorization).isEqualTo(Optional.of(basic));
            assertThat(other.requests()).singleElement().extracting(Request::authorization).isEqualTo(Optional.empty());
        }
    }

    @Test
    void read_cutMidBody_resumesWithRangeAndIfRangeOnTheETag() throws IOException {
        server.cutAfter(PATH, 100_000);

        byte[] read = readAll(source(PATH + SECRETS).open());

        assertThat(read).isEqualTo(bytes);
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).range()).hasValue("bytes=100000-");
        assertThat(requests.get(1).ifRange()).hasValueSatisfying(tag -> assertThat(tag).startsWith("\"v1-"));
        assertThat(requests.get(1).status()).isEqualTo(206);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void read_cutTwiceWithLengthUnknown_resumesEachTime() throws IOException {
        server.lengthKnown(false).cutAfter(PATH, 50_000).cutAfter(PATH, 70_000);

        assertThat(readAll(source(PATH).open())).isEqualTo(bytes);
        assertThat(server.requests()).extracting(r -> r.range().orElse("-"))
                .containsExactly("-", "bytes=50000-", "bytes=120000-");
        // each resume gained bytes, so each starts the back-off anew
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void read_lastModifiedOnly_resumesWithTheDate() throws IOException {
        server.validators(Validators.LAST_MODIFIED_ONLY).cutAfter(PATH, 1000);

        assertThat(readAll(source(PATH).open())).isEqualTo(bytes);
        assertThat(server.requests().get(1).ifRange()).hasValueSatisfying(d -> assertThat(d).endsWith("GMT"));
    }

    @Test
    void read_weakETag_resumesWithTheLastModifiedInstead() throws IOException {
        server.validators(Validators.WEAK_ETAG_AND_LAST_MODIFIED).cutAfter(PATH, 1000);

        assertThat(readAll(source(PATH).open())).isEqualTo(bytes);
        assertThat(server.requests().get(1).ifRange()).hasValueSatisfying(d -> assertThat(d).endsWith("GMT"));
    }

    @Test
    void read_sourceChangedWhileCut_failsSayingTheSourceChanged() throws IOException {
        server.cutAfterAndChange(PATH, 100_000, "other bytes".getBytes(StandardCharsets.US_ASCII));
        StreamSource.Opened opened = source(PATH + SECRETS).open();

        assertThatThrownBy(() -> readAll(opened)).isInstanceOf(IOException.class)
                .hasMessageContaining("broke off at byte 100000")
                .hasMessageContaining("the source changed")
                .hasMessageNotContainingAny("sIgSeCrEt", "tOkSeCrEt");
        assertThat(server.requests().get(1).status()).isEqualTo(200);
    }

    @Test
    void read_sourceChangedWithLastModifiedOnly_failsSayingTheSourceChanged() throws IOException {
        server.validators(Validators.LAST_MODIFIED_ONLY)
                .cutAfterAndChange(PATH, 10, "other bytes".getBytes(StandardCharsets.US_ASCII));
        StreamSource.Opened opened = source(PATH).open();

        assertThatThrownBy(() -> readAll(opened)).hasMessageContaining("the source changed (its Last-Modified is now");
    }

    @Test
    void read_serverWithoutRanges_failsSayingSoAndSplicesNothing() throws IOException {
        server.ranges(false).cutAfter(PATH, 100_000);
        StreamSource.Opened opened = source(PATH).open();
        byte[] buffer = new byte[bytes.length];
        int[] got = {0};

        assertThatThrownBy(() -> {
            try (InputStream body = opened.body()) {
                int n;
                while ((n = body.read(buffer, got[0], buffer.length - got[0])) > 0) {
                    got[0] += n;
                }
            }
        }).hasMessageContaining("the server does not support ranges");
        assertThat(got[0]).isEqualTo(100_000);
    }

    @Test
    void read_noValidator_failsWithoutAskingAgain() throws IOException {
        server.validators(Validators.NONE).cutAfter(PATH, 1000);
        StreamSource.Opened opened = source(PATH).open();

        assertThatThrownBy(() -> readAll(opened)).hasMessageContaining("neither a strong ETag nor a Last-Modified");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void read_serverErrorsWhileResuming_retriesWithGrowingBackOff() throws IOException {
        server.cutAfter(PATH, 1000).failNext(PATH, 503).failNext(PATH, 500);

        assertThat(readAll(source(PATH).open())).isEqualTo(bytes);
        assertThat(server.requests()).extracting(Request::status).containsExactly(200, 503, 500, 206);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @Test
    void read_moreFailuresThanMaxResumes_givesUpSayingHowOften() throws IOException {
        server.cutAfter(PATH, 1000).failNext(PATH, 503).failNext(PATH, 503).failNext(PATH, 503);
        UrlSource source = UrlSource.builder(server.uri(PATH)).maxResumes(2)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(150)).sleeper(sleeper).build();
        StreamSource.Opened opened = source.open();

        assertThatThrownBy(() -> readAll(opened)).hasMessageContaining("gave up after 2 resume tries")
                .hasMessageContaining("503");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    }

    @Test
    void read_maxResumesZero_failsAtTheFirstCut() throws IOException {
        server.cutAfter(PATH, 1000);
        StreamSource.Opened opened = UrlSource.builder(server.uri(PATH)).maxResumes(0).sleeper(sleeper).build().open();

        assertThatThrownBy(() -> readAll(opened)).hasMessageContaining("gave up after 0 resume tries");
        assertThat(server.requests()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(value = {
            "http://h/media/clip%20one.mp4?Signature=x, clip one.mp4",
            "http://h/a+b.mp4, a+b.mp4",
            "http://h/v/%E8%A7%86%E9%A2%91.mp4, 视频.mp4",
            "http://h/dir/, ''",
            "http://h/, ''",
            "http://h, ''",
            "http://h/a%2Fb, ''",
            "http://h/.., ''",
            "http://h/%00x, ''",
    })
    void fileName_urlPath_isTheLastSegmentDecoded(String url, String expected) {
        assertThat(UrlSource.of(URI.create(url)).fileName()).isEqualTo(
                expected.isEmpty() ? Optional.empty() : Optional.of(expected));
    }

    @Test
    void describe_urlWithCredentials_showsThemRedacted() {
        UrlSource source = UrlSource.of(URI.create("HTTPS://u:pAsSwOrD@cdn.example.com/a.mp4" + SECRETS));

        assertThat(source.describe()).isEqualTo("https://u:***@cdn.example.com/a.mp4?OSSAccessKeyId=LTAIvisible"
                + "&Expires=1700000000&Signature=***&security-token=***");
        assertThat(source.toString()).contains(source.describe());
    }

    @Test
    void builder_notAnHttpUrl_isRejectedRedacted() {
        assertThatThrownBy(() -> UrlSource.of(URI.create("ftp://u:pAsSwOrD@h/a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an http or https URL: ftp://u:***@h/a");
        assertThatThrownBy(() -> UrlSource.builder(URI.create("http://h/a")).maxRedirects(51))
                .hasMessage("maxRedirects out of 0..50: 51");
        assertThatThrownBy(() -> UrlSource.builder(URI.create("http://h/a")).readTimeout(Duration.ZERO))
                .hasMessage("readTimeout <= 0: PT0S");
    }

    @Test
    void isUrl_arguments_recognisesHttpAndHttpsOnly() {
        assertThat(UrlSource.isUrl("https://h/a")).isTrue();
        assertThat(UrlSource.isUrl("HTTP://h/a")).isTrue();
        assertThat(UrlSource.isUrl("./https://a")).isFalse();
        assertThat(UrlSource.isUrl("video.mp4")).isFalse();
        assertThat(UrlSource.isUrl("-")).isFalse();
    }
}
