package io.vodupload.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFileServerTest {

    private static final byte[] BYTES = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private HttpFileServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpFileServer.start().serve("/d/a.mp4", BYTES, "video/mp4");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String target, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(target));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void get_servedFile_answersBytesWithValidatorsAndType() throws Exception {
        HttpResponse<byte[]> response = get("/d/a.mp4?Signature=x");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BYTES);
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).startsWith("\"v1-"));
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(20);
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.target()).isEqualTo("/d/a.mp4?Signature=x"));
    }

    @Test
    void get_rangeWithCurrentIfRange_answers206FromThatByte() throws Exception {
        String etag = get("/d/a.mp4").headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> response = get("/d/a.mp4", "Range", "bytes=5-", "If-Range", etag);

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(BYTES, 5, 20));
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 5-19/20");
    }

    @Test
    void get_rangeWithStaleIfRange_answersTheNewFileWith200() throws Exception {
        String etag = get("/d/a.mp4").headers().firstValue("ETag").orElseThrow();
        server.change("/d/a.mp4", "changed".getBytes(StandardCharsets.US_ASCII));

        HttpResponse<byte[]> response = get("/d/a.mp4", "Range", "bytes=5-", "If-Range", etag);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("changed");
        assertThat(response.headers().firstValue("ETag")).isNotEqualTo(etag);
    }

    @Test
    void get_rangesOff_answersTheWholeFileWith200() throws Exception {
        server.ranges(false);

        HttpResponse<byte[]> response = get("/d/a.mp4", "Range", "bytes=5-");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(BYTES);
        assertThat(response.headers().firstValue("Accept-Ranges")).isEmpty();
    }

    @Test
    void get_cutAfter_dropsTheConnectionOnceThenServesWhole() throws Exception {
        server.cutAfter("/d/a.mp4", 7);

        assertThatThrownBy(() -> get("/d/a.mp4")).isInstanceOf(IOException.class);
        assertThat(get("/d/a.mp4").body()).isEqualTo(BYTES);
    }

    @Test
    void get_cutAfterWithLengthUnknown_dropsTheChunkedBodyToo() throws Exception {
        server.lengthKnown(false).cutAfter("/d/a.mp4", 7);

        assertThatThrownBy(() -> get("/d/a.mp4")).isInstanceOf(IOException.class);
        HttpResponse<byte[]> whole = get("/d/a.mp4");
        assertThat(whole.body()).isEqualTo(BYTES);
        assertThat(whole.headers().firstValue("Content-Length")).isEmpty();
    }

    @Test
    void get_cutAfterAndChange_servesTheNewVersionAfterTheCut() throws Exception {
        String before = get("/d/a.mp4").headers().firstValue("ETag").orElseThrow();
        server.cutAfterAndChange("/d/a.mp4", 3, "new".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> get("/d/a.mp4")).isInstanceOf(IOException.class);
        HttpResponse<byte[]> after = get("/d/a.mp4");
        assertThat(after.body()).asString(StandardCharsets.US_ASCII).isEqualTo("new");
        assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(before);
    }

    @Test
    void get_redirectAndFailNext_answer302And500() throws Exception {
        server.redirect("/r", "/d/a.mp4").failNext("/d/a.mp4", 500);

        HttpResponse<byte[]> redirect = get("/r");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/d/a.mp4");
        assertThat(get("/d/a.mp4").statusCode()).isEqualTo(500);
        assertThat(get("/d/a.mp4").statusCode()).isEqualTo(200);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void get_validatorsLastModifiedOnly_sendsNoETagAndHonoursTheDateInIfRange() throws Exception {
        server.validators(HttpFileServer.Validators.LAST_MODIFIED_ONLY);
        HttpResponse<byte[]> first = get("/d/a.mp4");
        assertThat(first.headers().firstValue("ETag")).isEmpty();
        String date = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(get("/d/a.mp4", "Range", "bytes=18-", "If-Range", date).statusCode()).isEqualTo(206);
        assertThat(get("/d/a.mp4", "Range", "bytes=20-").statusCode()).isEqualTo(416);
    }
}
