package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static io.vodupload.examples.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.adapters.vod.VodApiClient;
import io.vodupload.ports.Credentials;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.StsGrant;
import io.vodupload.testkit.vod.TicketIssuer;
import io.vodupload.testkit.vod.TicketRequest;
import io.vodupload.testkit.vod.UploadLocation;
import io.vodupload.testkit.vod.VodAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app server against the fake VOD OpenAPI, which hands out places in the testkit OSS server and registers
 * the STS credentials it grants there; a client gets its tickets from the app server and uploads with
 * {@link SeedFlowExample}.
 */
@Timeout(120)
class AppServerExampleTest {

    private static final String APP_KEY = "app-server-key";
    private static final String APP_SECRET = "app-server-secret";

    @TempDir
    Path dir;

    private final OssServer oss = OssServer.builder().bucket(BUCKET).region("cn-shanghai").start();
    private final List<String> grantedSecrets = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private FakeVodServer vod;
    private VodApiClient vodClient;
    private AppServerExample appServer;

    @BeforeEach
    void start() throws IOException {
        AtomicInteger grants = new AtomicInteger();
        vod = FakeVodServer.builder().accessKey(APP_KEY, APP_SECRET).region("cn-shanghai").ticketIssuer(new TicketIssuer() {
            @Override
            public UploadLocation locate(TicketRequest request) {
                return new UploadLocation(oss.endpoint().toString(), BUCKET,
                        "sv/" + request.mediaId() + "." + request.extension());
            }

            @Override
            public StsGrant grant(TicketRequest request, UploadLocation location) {
                int n = grants.incrementAndGet();
                String secret = "granted-secret-" + n;
                String token = "granted-token-" + n;
                grantedSecrets.add(secret);
                oss.credentials().add(OssCredentials.sts("STS.granted" + n, secret, token));
                return new StsGrant("STS.granted" + n, secret, token, Duration.ofHours(1));
            }
        }).start();
        vodClient = VodApiClient.builder().endpoint(vod.endpoint()).credentials(Credentials.of(APP_KEY, APP_SECRET))
                .build();
        appServer = AppServerExample.start(vodClient, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        appServer.close();
        vodClient.close();
        vod.close();
        oss.close();
    }

    @Test
    void clientUploadsWithTheAppServersTickets_tokenExpiryRefreshedThroughIt_objectWhereVodSaid() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("holiday.mp4"), 4 * MIB, 6);
        oss.faults().expireTokenAfterParts(2);

        JsonNode tickets = post("upload-tickets?title=Holiday%20in%20Hangzhou&fileName=holiday.mp4", 200);
        String videoId = tickets.get("VideoId").asText();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SeedFlowExample.Outcome outcome = SeedFlowExample.upload(file, tickets.get("UploadAddress").asText(),
                tickets.get("UploadAuth").asText(),
                () -> post("upload-tickets/" + videoId + "/refresh", 200).get("UploadAuth").asText(),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.callbacks()).contains("onUploadTokenExpired").last().isEqualTo("onUploadSuccess");
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(vod.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                .containsEntry("Title", "Holiday in Hangzhou").containsEntry("FileName", "holiday.mp4");
        String key = vod.location(videoId).orElseThrow().objectKey();
        assertThat(oss.object(BUCKET, key).orElseThrow().bytes()).isEqualTo(Files.readAllBytes(file));
        grantedSecrets.forEach(secret -> assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(secret));
    }

    @Test
    void createTickets_withoutTitle_400MissingParameterAndVodNotCalled() throws Exception {
        JsonNode answer = post("upload-tickets?fileName=holiday.mp4", 400);

        assertThat(answer.get("Code").asText()).isEqualTo("MissingParameter");
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isZero();
    }

    @Test
    void refreshTickets_videoVodDoesNotKnow_502WithVodsCodeOnly() throws Exception {
        JsonNode answer = post("upload-tickets/no-such-video/refresh", 502);

        assertThat(answer.get("Code").asText()).isEqualTo("InvalidVideo.NotFound");
        assertThat(answer.size()).as("the code, not VOD's message").isEqualTo(1);
    }

    private JsonNode post(String pathAndQuery, int expectedStatus) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(appServer.endpoint() + pathAndQuery))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(expectedStatus);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
