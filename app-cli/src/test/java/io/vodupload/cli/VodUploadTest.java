package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.StsGrant;
import io.vodupload.testkit.vod.TicketIssuer;
import io.vodupload.testkit.vod.TicketRequest;
import io.vodupload.testkit.vod.UploadLocation;
import io.vodupload.testkit.vod.VodAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code --vod-region} target, {@code create-upload} and {@code refresh-upload}, against the fake VOD
 * OpenAPI whose tickets point at the testkit OSS server (and whose STS credentials that server accepts).
 */
class VodUploadTest {

    private static final String APP_AK = "LTAI-app-server-key";
    private static final String APP_SECRET = "AppServerSecret-0099887766";

    @TempDir
    Path dir;

    private OssFixture oss;
    private FakeVodServer vod;
    private final List<String> grantedSecrets = new CopyOnWriteArrayList<>();
    private CliHarness cli;

    @BeforeEach
    void setUp() {
        oss = new OssFixture("cn-shanghai"); // the region VOD's UploadAuth names
        AtomicInteger grants = new AtomicInteger();
        vod = FakeVodServer.builder().accessKey(APP_AK, APP_SECRET).ticketIssuer(new TicketIssuer() {
            @Override
            public UploadLocation locate(TicketRequest request) {
                return new UploadLocation(oss.endpoint(), OssFixture.BUCKET, "sv/" + request.mediaId() + "."
                        + request.extension());
            }

            @Override
            public StsGrant grant(TicketRequest request, UploadLocation location) {
                int n = grants.incrementAndGet();
                String secret = "GrantedSecret-" + n + "-qwertyuiop";
                String token = "GrantedToken-" + n + "-asdfghjkl";
                grantedSecrets.add(secret);
                grantedSecrets.add(token);
                oss.server.credentials().add(OssCredentials.sts("STS.granted" + n, secret, token));
                return new StsGrant("STS.granted" + n, secret, token, Duration.ofHours(1));
            }
        }).start();
        cli = new CliHarness(dir, dir.resolve("home")).env("VODUPLOAD_ACCESS_KEY_ID", APP_AK)
                .env("VODUPLOAD_ACCESS_KEY_SECRET", APP_SECRET);
    }

    @AfterEach
    void tearDown() {
        vod.close();
        oss.close();
    }

    private String vodEndpoint() {
        return "http://127.0.0.1:" + vod.port();
    }

    @Test
    void upload_vodRegion_createsTheVideoUploadsAndRefreshesWhenTheTokenExpires() throws Exception {
        Path file = TestFiles.random(dir.resolve("holiday.mp4"), 900_000, 5);
        oss.server.faults().expireTokenAfterParts(3);

        CliHarness.Result r = cli.run("upload", "holiday.mp4", "--vod-region", "cn-shanghai", "--vod-endpoint",
                vodEndpoint(), "--title", "Holiday", "--tags", "sea,sun", "--part-size", "100KiB", "--parallel", "2",
                "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(vod.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                .containsEntry("Title", "Holiday").containsEntry("FileName", "holiday.mp4").containsEntry("Tags", "sea,sun");
        assertThat(r.eventNames()).contains("tokenExpired");
        JsonNode success = r.event("success");
        String videoId = success.get("videoId").asText();
        assertThat(success.get("key").asText()).isEqualTo("sv/" + videoId + ".mp4");
        assertThat(oss.object("sv/" + videoId + ".mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(r.all()).doesNotContain(APP_SECRET);
        grantedSecrets.forEach(s -> assertThat(r.all()).doesNotContain(s));
        String stored = TestFiles.contentsUnder(dir.resolve("home"));
        assertThat(stored).doesNotContain(APP_SECRET);
        grantedSecrets.forEach(s -> assertThat(stored).doesNotContain(s));
    }

    @Test
    void upload_vodRegionBatch_createsOneVideoPerFileTitledByItsBaseName() throws Exception {
        Path a = TestFiles.random(dir.resolve("clips/beach.mp4"), 150_000, 21);
        Path b = TestFiles.random(dir.resolve("clips/hills.mp4"), 120_000, 22);

        CliHarness.Result r = cli.run("upload", "clips", "-r", "--vod-region", "cn-shanghai", "--vod-endpoint",
                vodEndpoint(), "--jobs", "1", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(2);
        assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow().get("Title")).isIn("beach", "hills");
        List<JsonNode> successes = r.events().stream().filter(e -> e.get("event").asText().equals("success")).toList();
        assertThat(successes).hasSize(2);
        for (JsonNode success : successes) {
            Path source = Path.of(success.get("file").asText());
            assertThat(source).isIn(a, b);
            String videoId = success.get("videoId").asText();
            assertThat(oss.object(vod.location(videoId).orElseThrow().objectKey())).isEqualTo(Files.readAllBytes(source));
        }
        assertThat(r.all()).doesNotContain(APP_SECRET);
        grantedSecrets.forEach(s -> assertThat(r.all()).doesNotContain(s));
    }

    @Test
    void upload_vodRegionRerunAfterFailure_refreshesTheSameVideoAndResumes() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 700_000, 6);
        oss.server.faults().failOn(io.vodupload.testkit.oss.OssOperation.UPLOAD_PART, 4, 403, "AccessDenied");
        String[] args = {"upload", "clip.mp4", "--vod-region", "cn-shanghai", "--vod-endpoint", vodEndpoint(),
            "--title", "Clip", "--part-size", "100KiB", "--parallel", "1", "--json"};

        CliHarness.Result first = cli.run(args);
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(Exit.FAILED);
        assertThat(first.event("failed").get("code").asText()).isEqualTo("AccessDenied");

        CliHarness.Result again = cli.run(args);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(vod.calls(VodAction.REFRESH_UPLOAD_VIDEO)).isEqualTo(1);
        assertThat(again.event("started").get("resumed").asBoolean()).isTrue();
        assertThat(again.event("started").get("partsAlreadyDone").asInt()).isEqualTo(3);
        assertThat(again.event("started").get("key").asText()).isEqualTo(first.event("started").get("key").asText());
        assertThat(again.event("success").get("key").asText()).isEqualTo("sv/" + again.event("success").get("videoId").asText() + ".mp4");
        assertThat(TestFiles.countCheckpoints(dir.resolve("home/.vodupload/checkpoints"))).isZero();
    }

    @Test
    void upload_vodImage_usesCreateUploadImage() throws Exception {
        Path file = TestFiles.random(dir.resolve("cover.png"), 50_000, 8);
        CliHarness.Result r = cli.run("upload", "cover.png", "--vod-region", "cn-shanghai", "--vod-endpoint",
                vodEndpoint(), "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(vod.calls(VodAction.CREATE_UPLOAD_IMAGE)).isEqualTo(1);
        assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_IMAGE).orElseThrow()).containsEntry("ImageExt", "png");
        assertThat(r.event("success").has("videoId")).isFalse();
        assertThat(oss.object(r.event("success").get("key").asText())).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void createUploadThenRefreshUpload_printTicketsAClientCanUpload() throws Exception {
        CliHarness.Result created = cli.run("create-upload", "--vod-region", "cn-shanghai", "--vod-endpoint",
                vodEndpoint(), "--title", "T", "--file-name", "a.mp4");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode ticket = CliHarness.MAPPER.readTree(created.stdout());
        assertThat(ticket.get("VideoId").asText()).isNotBlank();
        assertThat(ticket.get("UploadAddress").asText()).isNotBlank();
        assertThat(ticket.get("UploadAuth").asText()).isNotBlank();
        assertThat(created.stderr()).isEmpty();

        CliHarness.Result refreshed = cli.run("refresh-upload", "--vod-region", "cn-shanghai", "--vod-endpoint",
                vodEndpoint(), "--video-id", ticket.get("VideoId").asText());
        assertThat(refreshed.exitCode()).as(refreshed.toString()).isZero();
        JsonNode fresh = CliHarness.MAPPER.readTree(refreshed.stdout());
        assertThat(fresh.get("VideoId").asText()).isEqualTo(ticket.get("VideoId").asText());
        assertThat(fresh.get("UploadAddress").asText()).isEqualTo(ticket.get("UploadAddress").asText());
        assertThat(fresh.get("UploadAuth").asText()).isNotEqualTo(ticket.get("UploadAuth").asText());

        // a client uploads with the printed tickets
        Path file = TestFiles.random(dir.resolve("a.mp4"), 300_000, 9);
        CliHarness.Result upload = new CliHarness(dir, dir.resolve("home")).run("upload", "a.mp4", "--upload-address",
                fresh.get("UploadAddress").asText(), "--upload-auth", fresh.get("UploadAuth").asText(), "--json");
        assertThat(upload.exitCode()).as(upload.toString()).isZero();
        assertThat(oss.object(upload.event("success").get("key").asText())).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void refreshUpload_unknownVideo_exits1WithVodsCode() {
        CliHarness.Result r = cli.run("refresh-upload", "--vod-region", "cn-shanghai", "--vod-endpoint", vodEndpoint(),
                "--video-id", "nope", "--json");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.event("failed").get("code").asText()).startsWith("InvalidVideo");
        assertThat(r.all()).doesNotContain(APP_SECRET);
    }

    @Test
    void upload_vodWithoutAccessKey_exits2() throws Exception {
        TestFiles.random(dir.resolve("c.mp4"), 1000, 1);
        CliHarness.Result r = new CliHarness(dir, dir.resolve("home")).run("upload", "c.mp4", "--vod-region",
                "cn-shanghai", "--title", "T");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("no AccessKey for VOD (--vod-region): set VODUPLOAD_ACCESS_KEY_ID");
    }
}
