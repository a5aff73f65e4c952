package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.http.HttpFileServer;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.VodAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vodupload upload https://...}: a real child process downloads from the testkit file server and
 * uploads into the testkit OSS server or the local store. The URL carries a password, a presigned
 * {@code Signature} and a {@code security-token}; none of them may appear in stdout, stderr (with
 * {@code --debug}), or any file the run leaves (checkpoints, the local store, databases).
 */
class UrlUploadSubprocessTest {

    private static final int KIB = 1024;
    private static final String PATH = "/vod/clip%20one.mp4";
    private static final List<String> SECRETS = List.of("pAsSwOrD", "sIgSeCrEt", "tOkSeCrEt");
    private static final String CREDENTIALS = "?OSSAccessKeyId=LTAIvisible&Expires=1764931200&Signature=sIgSeCrEt%2B"
            + "&security-token=tOkSeCrEt";

    @TempDir
    Path dir;

    private OssFixture oss;
    private HttpFileServer files;
    private ChildCli cli;
    private final byte[] bytes = new byte[350 * KIB + 17];

    @BeforeEach
    void setUp() throws IOException {
        new Random(15).nextBytes(bytes);
        oss = new OssFixture();
        files = HttpFileServer.start().serve(PATH, bytes, "video/mp4");
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString())
                .env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
    }

    @AfterEach
    void tearDown() {
        files.close();
        oss.close();
    }

    private String url(String path) {
        return "http://viewer:pAsSwOrD@127.0.0.1:" + files.port() + path + CREDENTIALS;
    }

    private String[] ossArgs(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("upload", url, "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--part-size", "100KiB", "--json"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<JsonNode> events(CliHarness.Result r) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            events.add(CliHarness.MAPPER.readTree(line));
        }
        return events;
    }

    /** Every secret is absent from the run's output and from every file under the test's directory. */
    private void assertNoSecretLeft(CliHarness.Result r) throws IOException {
        assertThat(r.stdout() + r.stderr()).doesNotContain(SECRETS);
        List<Path> left;
        try (Stream<Path> walk = Files.walk(dir)) {
            left = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : left) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(text).as(file.toString()).doesNotContain(SECRETS);
        }
    }

    @Test
    void upload_presignedUrlCutMidDownload_resumesWithRangeAndStoresItUnderItsFileName() throws Exception {
        files.cutAfter(PATH, 120 * KIB);

        CliHarness.Result r = cli.run(ossArgs(url(PATH), "--debug"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("clip one.mp4")).isEqualTo(bytes);
        assertThat(oss.server.object(OssFixture.BUCKET, "clip one.mp4").orElseThrow().contentType())
                .isEqualTo("video/mp4");
        assertThat(files.requests()).extracting(req -> req.range().orElse("-"))
                .containsExactly("-", "bytes=" + 120 * KIB + "-");
        List<JsonNode> events = events(r);
        assertThat(events.get(0).get("event").asText()).isEqualTo("started");
        assertThat(events.get(0).get("file").asText()).isEqualTo("http://viewer:***@127.0.0.1:" + files.port() + PATH
                + "?OSSAccessKeyId=LTAIvisible&Expires=1764931200&Signature=***&security-token=***");
        assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("success");
        assertThat(r.stderr()).contains("holds credentials and is visible in the process list");
        assertThat(oss.server.uploadIds()).isEmpty();
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlReplacedMidDownload_exits1SayingSoWithNoMultipartUploadLeft() throws Exception {
        byte[] other = bytes.clone();
        other[0] ^= 1;
        files.cutAfterAndChange(PATH, 220 * KIB, other);

        CliHarness.Result r = cli.run(ossArgs(url(PATH), "--key", "k.mp4"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        JsonNode failed = events(r).get(events(r).size() - 1);
        assertThat(failed.get("event").asText()).isEqualTo("failed");
        assertThat(failed.get("message").asText()).contains("the source changed");
        assertThat(r.stderr()).contains("the source changed");
        assertThat(oss.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(1);
        assertThat(oss.server.uploadIds()).as("multipart uploads left open").isEmpty();
        assertThat(oss.server.object(OssFixture.BUCKET, "k.mp4")).isEmpty();
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlToTheLocalStore_storesItAndKeepsNoSecret() throws Exception {
        CliHarness.Result r = cli.run("upload", url(PATH), "--store", dir.resolve("store").toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("store").resolve("media").resolve("clip one.mp4"))).isEqualTo(bytes);
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlWithoutAFileNameAndNoKey_exits2AskingForAKey() throws Exception {
        CliHarness.Result r = cli.run(ossArgs(url("/")));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("--key").contains("no file name");
        assertThat(files.requests()).isEmpty();
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlNotFound_exits1NamingTheStatus() throws Exception {
        CliHarness.Result r = cli.run(ossArgs(url("/missing.mp4")));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.stderr()).contains("answered 404");
        assertThat(oss.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isZero();
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlInABatch_exits2() throws Exception {
        Files.write(dir.resolve("a.mp4"), new byte[10]);

        CliHarness.Result r = cli.run("upload", "a.mp4", url(PATH), "--store", dir.resolve("store").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(files.requests()).isEmpty();
        assertNoSecretLeft(r);
    }

    @Test
    void upload_urlToVodRegion_oneCreateUploadVideoNamedAfterTheUrlsFileAndTheBytesUnderItsKey() throws Exception {
        oss.close();
        oss = new OssFixture("cn-shanghai");
        List<String> granted = new ArrayList<>();
        try (FakeVodServer vod = FakeVodServer.builder().accessKey("LTAI-app", "AppSecret-556677")
                .ticketIssuer(oss.vodIssuer(granted)).start()) {
            CliHarness.Result r = new ChildCli(dir).env("HOME", dir.resolve("home").toString())
                    .env("VODUPLOAD_ACCESS_KEY_ID", "LTAI-app").env("VODUPLOAD_ACCESS_KEY_SECRET", "AppSecret-556677")
                    .run("upload", url(PATH), "--vod-region", "cn-shanghai", "--vod-endpoint",
                            "http://127.0.0.1:" + vod.port(), "--part-size", "100KiB", "--json");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
            assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                    .containsEntry("FileName", "clip one.mp4").containsEntry("Title", "clip one");
            List<JsonNode> events = events(r);
            JsonNode success = events.get(events.size() - 1);
            assertThat(success.get("event").asText()).isEqualTo("success");
            String key = vod.location(success.get("videoId").asText()).orElseThrow().objectKey();
            assertThat(key).endsWith(".mp4");
            assertThat(oss.object(key)).isEqualTo(bytes);
            assertThat(oss.server.uploadIds()).isEmpty();
            assertThat(granted).isNotEmpty();
            assertThat(r.stdout() + r.stderr()).doesNotContain("AppSecret-556677").doesNotContain(granted);
            assertNoSecretLeft(r);
        }
    }
}
