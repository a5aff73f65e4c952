package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The CLI end to end against the testkit OSS server, in-process: the OSS and ticket target forms. */
class OssUploadTest {

    private static final int PART = 100 * 1024;

    @TempDir
    Path dir;

    private OssFixture oss;
    private CliHarness cli;
    private Path file;
    private Path checkpoints;

    @BeforeEach
    void setUp() throws Exception {
        oss = new OssFixture();
        cli = new CliHarness(dir, dir.resolve("home"));
        file = TestFiles.random(dir.resolve("movie.mp4"), 10 * PART + 4321, 42);
        checkpoints = dir.resolve("home/.vodupload/checkpoints");
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    private CliHarness withEnvCredentials() {
        return cli.env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
    }

    private String[] ossArgs(String... more) {
        String[] base = {"upload", "movie.mp4", "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET,
            "--key", "videos/movie.mp4", "--part-size", "100KiB"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void upload_ossTargetWithEnvironmentCredentials_objectIsByteIdenticalAndEventsHaveTheContractShape() throws Exception {
        CliHarness.Result r = withEnvCredentials().run(ossArgs("--json", "--parallel", "3"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("videos/movie.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(r.eventNames()).first().isEqualTo("started");
        assertThat(r.eventNames()).last().isEqualTo("success");
        assertThat(r.eventNames()).containsOnly("started", "progress", "success");
        JsonNode started = r.event("started");
        assertThat(started.get("file").asText()).isEqualTo(file.toRealPath().toString());
        assertThat(started.get("size").asLong()).isEqualTo(Files.size(file));
        assertThat(started.get("bucket").asText()).isEqualTo(OssFixture.BUCKET);
        assertThat(started.get("key").asText()).isEqualTo("videos/movie.mp4");
        assertThat(started.get("uploadId").asText()).isNotBlank();
        assertThat(started.get("resumed").asBoolean()).isFalse();
        assertThat(started.get("partsAlreadyDone").asInt()).isZero();
        long last = -1;
        for (JsonNode e : r.events()) {
            if (e.get("event").asText().equals("progress")) {
                assertThat(e.get("uploaded").asLong()).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(Files.size(file));
                assertThat(e.get("total").asLong()).isEqualTo(Files.size(file));
                last = e.get("uploaded").asLong();
            }
        }
        assertThat(last).isEqualTo(Files.size(file));
        JsonNode success = r.event("success");
        assertThat(success.get("crc64").asText())
                .isEqualTo(Long.toUnsignedString(oss.server.object(OssFixture.BUCKET, "videos/movie.mp4").get().crc64()));
        assertThat(success.has("videoId")).isFalse();
        assertThat(r.stderr()).isEmpty();
        assertThat(oss.server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(11);
    }

    @Test
    void upload_secretsAsFlags_warnedButNeverPrintedNorCheckpointed() throws Exception {
        oss.server.faults().expireAllCredentials(); // fail after the checkpoint exists... no: fail at once
        oss.server.faults().clear();
        oss.server.faults().failNext(OssOperation.COMPLETE_MULTIPART, 500, "InternalError");
        oss.server.faults().failOn(OssOperation.UPLOAD_PART, 3, 503, "ServiceUnavailable");

        CliHarness.Result r = cli.run(ossArgs("--access-key-id", OssFixture.AK, "--access-key-secret",
                OssFixture.SECRET, "--security-token", OssFixture.TOKEN, "--json", "--debug"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("warning: --access-key-secret holds a secret and is visible in the process list")
                .contains("warning: --security-token holds a secret");
        assertThat(r.eventNames()).contains("retry", "retryResume");
        assertNoSecrets(r);
    }

    @Test
    void upload_transportOss_uploadsThroughAliyunSdkOss() throws Exception {
        oss.server.faults().failOn(OssOperation.UPLOAD_PART, 2, 503, "ServiceUnavailable");
        CliHarness.Result r = withEnvCredentials().run(ossArgs("--transport", "oss", "--parallel", "2", "--json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("videos/movie.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(r.eventNames()).contains("retry", "retryResume").last().isEqualTo("success");
        assertNoSecrets(r);
    }

    @Test
    void upload_ticketForm_uploadsToTheAddress() throws Exception {
        CliHarness.Result r = cli.env("VODUPLOAD_UPLOAD_AUTH", OssFixture.b64(OssFixture.authJson()))
                .run("upload", "movie.mp4", "--upload-address", oss.uploadAddress("sv/abc/movie.mp4"),
                        "--part-size", "100KiB");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("sv/abc/movie.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(r.stdout()).contains("uploaded movie.mp4 (1004.2 KiB) to oss://media-test/sv/abc/movie.mp4 at " + oss.endpoint());
        assertThat(r.stderr()).doesNotContain("warning"); // the auth came from the environment
        assertNoSecrets(r);
    }

    @Test
    void upload_tokenExpiresWithAuthCommand_refreshesAndNeverResendsFinishedParts() throws Exception {
        oss.acceptFreshCredentials();
        Files.writeString(dir.resolve("fresh.b64"),
                OssFixture.b64(OssFixture.authJson(OssFixture.FRESH_AK, OssFixture.FRESH_SECRET, OssFixture.FRESH_TOKEN)));
        oss.server.faults().expireTokenAfterParts(3);

        CliHarness.Result r = cli.run("upload", "movie.mp4", "--upload-address", oss.uploadAddress("m.mp4"),
                "--upload-auth", OssFixture.b64(OssFixture.authJson()), "--part-size", "100KiB", "--parallel", "1",
                "--auth-command", "cat fresh.b64", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.eventNames()).contains("tokenExpired").last().isEqualTo("success");
        assertThat(oss.object("m.mp4")).isEqualTo(Files.readAllBytes(file));
        String uploadId = r.event("started").get("uploadId").asText();
        Map<Integer, Integer> attempts = oss.server.stats().partAttempts(uploadId);
        assertThat(attempts.get(1)).isEqualTo(1);
        assertThat(attempts.get(2)).isEqualTo(1);
        assertThat(attempts.get(3)).isEqualTo(1);
        assertThat(attempts.values()).allMatch(n -> n <= 2);
        assertNoSecrets(r);
        assertThat(r.all()).doesNotContain(OssFixture.FRESH_SECRET).doesNotContain(OssFixture.FRESH_TOKEN);
    }

    @Test
    void upload_tokenExpiresWithAuthCommandPrintingJson_refreshes() throws Exception {
        oss.acceptFreshCredentials();
        Files.writeString(dir.resolve("fresh.json"),
                OssFixture.authJson(OssFixture.FRESH_AK, OssFixture.FRESH_SECRET, OssFixture.FRESH_TOKEN));
        oss.server.faults().expireTokenAfterParts(2);

        CliHarness.Result r = withEnvCredentials().run(ossArgs("--auth-command", "cat fresh.json", "--json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.eventNames()).contains("tokenExpired");
        assertThat(oss.object("videos/movie.mp4")).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void upload_tokenExpiresWithoutAnyWayToRefresh_exits3KeepsTheCheckpointAndResumesLater() throws Exception {
        oss.server.faults().expireTokenAfterParts(4);
        String address = oss.uploadAddress("x.mp4");

        CliHarness.Result r = cli.run("upload", "movie.mp4", "--upload-address", address, "--upload-auth",
                OssFixture.b64(OssFixture.authJson()), "--part-size", "100KiB", "--parallel", "1", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
        assertThat(r.eventNames()).contains("tokenExpired").last().isEqualTo("failed");
        assertThat(r.event("failed").get("code").asText()).isEqualTo("CredentialsExpired");
        assertThat(r.stderr()).contains("give --auth-command");
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);
        assertNoSecrets(r);

        // later, with fresh credentials, the same upload resumes from the checkpoint
        oss.acceptFreshCredentials();
        CliHarness.Result again = cli.run("upload", "movie.mp4", "--upload-address", address, "--upload-auth",
                OssFixture.b64(OssFixture.authJson(OssFixture.FRESH_AK, OssFixture.FRESH_SECRET, OssFixture.FRESH_TOKEN)),
                "--part-size", "100KiB", "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.event("started").get("resumed").asBoolean()).isTrue();
        assertThat(again.event("started").get("partsAlreadyDone").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(oss.object("x.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
    }

    @Test
    void upload_authCommandFails_exits3NamingWhy() throws Exception {
        oss.server.faults().expireTokenAfterParts(2);
        CliHarness.Result r = withEnvCredentials().run(ossArgs("--auth-command", "exit 7"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
        assertThat(r.stderr()).contains("--auth-command exited with status 7");
    }

    @Test
    void upload_serverRejectsForGood_exits1WithTheServerCode() throws Exception {
        CliHarness.Result r = cli.env("VODUPLOAD_ACCESS_KEY_ID", "NoSuchKey").env("VODUPLOAD_ACCESS_KEY_SECRET", "x")
                .run(ossArgs("--json"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.event("failed").get("code").asText()).isEqualTo("InvalidAccessKeyId");
        assertThat(r.stderr().lines().filter(l -> l.startsWith("vodupload: upload failed: InvalidAccessKeyId")))
                .hasSize(1);
    }

    @Test
    void upload_interrupted_exits130KeepsTheCheckpointAndTheSameCommandResumes() throws Exception {
        // slow enough that the upload is far from done when the awaited progress arrives, even on a loaded
        // machine: progress counts confirmed parts, so it moves in steps of whole rounds of requests
        oss.server.faults().delayEveryRequest(Duration.ofMillis(400));
        CliHarness.Running running = withEnvCredentials().start(ossArgs("--json", "--parallel", "3"));
        // more than parallel x part size uploaded means at least one part is confirmed (and checkpointed)
        running.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > 3 * PART,
                Duration.ofSeconds(30));
        cli.interrupts.fire();
        CliHarness.Result r = running.await();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.INTERRUPTED);
        assertThat(r.event("failed").get("code").asText()).isEqualTo("Interrupted");
        assertThat(r.stderr()).contains("interrupted: the upload is paused and its checkpoint kept in " + checkpoints);
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);
        assertThat(oss.server.object(OssFixture.BUCKET, "videos/movie.mp4")).isEmpty();

        oss.server.faults().delayEveryRequest(Duration.ZERO);
        CliHarness.Result again = cli.run(ossArgs("--json"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode started = again.event("started");
        assertThat(started.get("resumed").asBoolean()).isTrue();
        assertThat(started.get("partsAlreadyDone").asInt()).isPositive();
        assertThat(started.get("uploadId").asText()).isEqualTo(r.event("started").get("uploadId").asText());
        assertThat(oss.object("videos/movie.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
    }

    @Test
    void upload_noResume_startsAfreshEvenWithACheckpoint() throws Exception {
        oss.server.faults().expireTokenAfterParts(3);
        CliHarness.Result first = withEnvCredentials().run(ossArgs("--json", "--parallel", "1"));
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);

        oss.acceptFreshCredentials();
        CliHarness.Result again = new CliHarness(dir, dir.resolve("home"))
                .env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.FRESH_AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.FRESH_SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.FRESH_TOKEN).run(ossArgs("--json", "--no-resume"));
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.event("started").get("resumed").asBoolean()).isFalse();
        assertThat(again.event("started").get("uploadId").asText())
                .isNotEqualTo(first.event("started").get("uploadId").asText());
        assertThat(oss.server.uploadIds()).doesNotContain(first.event("started").get("uploadId").asText());
        assertThat(oss.object("videos/movie.mp4")).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void checkpoints_listAndRemove_seeAndForgetTheUnfinishedUpload() throws Exception {
        oss.server.faults().expireTokenAfterParts(2);
        assertThat(withEnvCredentials().run(ossArgs("--parallel", "1")).exitCode()).isEqualTo(Exit.CREDENTIALS_EXPIRED);

        CliHarness.Result list = cli.run("checkpoints", "list", "--json");
        assertThat(list.exitCode()).isZero();
        JsonNode cp = list.events().isEmpty() ? null : CliHarness.MAPPER.readTree(list.stdout().lines().findFirst().get());
        assertThat(cp).isNotNull();
        assertThat(cp.get("file").asText()).isEqualTo(file.toRealPath().toString());
        assertThat(cp.get("bucket").asText()).isEqualTo(OssFixture.BUCKET);
        assertThat(cp.get("partsDone").asInt()).isGreaterThanOrEqualTo(2);
        CliHarness.Result human = cli.run("checkpoints", "list");
        assertThat(human.stdout()).contains(cp.get("fingerprint").asText()).contains("oss://media-test/videos/movie.mp4");

        CliHarness.Result remove = cli.run("checkpoints", "remove", cp.get("fingerprint").asText().substring(0, 10));
        assertThat(remove.exitCode()).as(remove.toString()).isZero();
        assertThat(remove.stderr()).contains("removed 1 checkpoint");
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
    }

    private void assertNoSecrets(CliHarness.Result r) throws Exception {
        assertThat(r.all()).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
        String stored = TestFiles.contentsUnder(dir.resolve("home"));
        assertThat(stored).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).isNotEmpty();
    }
}
