package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssStall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a user sees from a real {@code vodupload} process: the local path it uploads to, a second upload of the
 * same file skipped and a different one refused, an empty file uploaded, the phase after the last byte with
 * an interrupt deferred until the upload is completed, and a rerun after the file changed.
 */
class UploadOutcomeSubprocessTest {

    private static final int PART = 100 * 1024;
    private static final Map<String, String> OSS_ENV = Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
            "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET, "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);

    @TempDir
    Path dir;

    private OssFixture oss;
    private final List<CliProcess> processes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        processes.forEach(CliProcess::destroy);
        if (oss != null) {
            oss.close();
        }
    }

    private CliProcess run(Map<String, String> env, String... args) throws Exception {
        CliProcess p = CliProcess.start(dir, env, List.of(args));
        processes.add(p);
        return p;
    }

    @Test
    void localStore_sameFileTwiceThenAnotherOfTheSameName_uploadsToThePathThenSkipsThenRefuses() throws Exception {
        Path sample = Files.copy(Path.of("..", "samples", "sample.mp4"), dir.resolve("sample.mp4"));
        TestFiles.random(dir.resolve("other/sample.mp4"), 4000, 5);
        Path stored = dir.resolve("vodupload-store").resolve("media").resolve("sample.mp4");

        CliProcess first = run(Map.of(), "upload", "sample.mp4");
        assertThat(first.awaitExit()).as(first.stderr()).isZero();
        assertThat(first.stderr()).contains("vodupload: uploading ").contains(" to " + stored)
                .doesNotContain("oss://");

        CliProcess again = run(Map.of(), "upload", "sample.mp4");
        assertThat(again.awaitExit()).as(again.stderr()).isZero();
        assertThat(again.stdoutText()).isEqualTo("skipped sample.mp4: already uploaded at " + stored + "\n");

        CliProcess other = run(Map.of(), "upload", "other/sample.mp4", "--json");
        assertThat(other.awaitExit()).isEqualTo(Exit.FAILED);
        assertThat(other.lastEvent().get("code").asText()).isEqualTo("ObjectExists");
        assertThat(Files.mismatch(stored, sample)).isEqualTo(-1L);
    }

    @Test
    void emptyFile_toTheLocalStoreAndToOss_uploadsAnEmptyObjectWithCrcZero() throws Exception {
        Files.createFile(dir.resolve("empty.mp4"));
        oss = new OssFixture();

        CliProcess local = run(Map.of(), "upload", "empty.mp4", "--json");
        assertThat(local.awaitExit()).as(local.stderr()).isZero();
        JsonNode success = local.lastEvent();
        assertThat(success.get("event").asText()).isEqualTo("success");
        assertThat(success.get("size").asLong()).isZero();
        assertThat(success.get("crc64").asText()).isEqualTo("0");
        assertThat(dir.resolve("vodupload-store/media/empty.mp4")).isEmptyFile();

        for (String transport : List.of("http", "oss")) {
            CliProcess remote = run(OSS_ENV, "upload", "empty.mp4", "--endpoint", oss.endpoint(), "--bucket",
                    OssFixture.BUCKET, "--key", "empty-" + transport + ".mp4", "--transport", transport);
            assertThat(remote.awaitExit()).as(remote.stderr()).isZero();
            assertThat(remote.stdoutText()).contains("uploaded empty.mp4 (0 B)").contains("crc64 0");
            assertThat(oss.object("empty-" + transport + ".mp4")).isEmpty();
        }
    }

    @Test
    void completing_lastByteSentThenSigterm_showsThePhaseSaysOnceItWaitsAndSucceeds() throws Exception {
        oss = new OssFixture();
        Path file = TestFiles.random(dir.resolve("big.mp4"), 5L * PART + 17, 3);
        OssStall stall = oss.server.faults().stallNext(OssOperation.COMPLETE_MULTIPART);
        CliProcess child = run(OSS_ENV, "upload", "big.mp4", "--endpoint", oss.endpoint(), "--bucket",
                OssFixture.BUCKET, "--key", "big.mp4", "--part-size", "100KiB",
                "--checkpoint-dir", dir.resolve("checkpoints").toString());

        String phase = child.awaitStderr("completing, verifying CRC-64");
        assertThat(phase).contains("100%").doesNotContain("ETA");
        assertThat(stall.awaitHeld(Duration.ofSeconds(60))).isTrue();
        child.signal("TERM"); // while CompleteMultipartUpload is held
        child.awaitStderr("it will be honoured after completing");
        stall.release();

        assertThat(child.awaitExit()).as(child.stderr()).isZero();
        assertThat(oss.object("big.mp4")).isEqualTo(Files.readAllBytes(file));
        String stderr = child.stderr();
        assertThat(stderr.indexOf("honoured after completing")).isEqualTo(stderr.lastIndexOf("honoured after completing"));
        assertThat(child.stdoutText()).contains("uploaded big.mp4");
    }

    @Test
    void rerun_fileChangedSinceTheCheckpoint_saysSoOnceAndStartsOver() throws Exception {
        oss = new OssFixture();
        oss.server.faults().delayEveryRequest(Duration.ofMillis(60));
        Path file = TestFiles.random(dir.resolve("big.mp4"), 20L * PART, 4);
        Path checkpoints = dir.resolve("checkpoints");
        String[] args = {"upload", "big.mp4", "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET, "--key",
            "big.mp4", "--part-size", "100KiB", "--parallel", "2", "--checkpoint-dir", checkpoints.toString()};
        CliHarness cli = new CliHarness(dir, dir.resolve("home"));
        OSS_ENV.forEach(cli::env);
        List<String> withJson = new ArrayList<>(List.of(args));
        withJson.add("--json");
        CliHarness.Running first = cli.start(withJson.toArray(String[]::new));
        first.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > 3L * PART,
                Duration.ofSeconds(60));
        cli.interrupts.fire();
        assertThat(first.await().exitCode()).isEqualTo(Exit.INTERRUPTED);
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);

        TestFiles.random(file, 20L * PART, 99); // same length, new bytes and modification time
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        oss.server.faults().delayEveryRequest(Duration.ZERO);
        CliProcess rerun = run(OSS_ENV, args);

        assertThat(rerun.awaitExit()).as(rerun.stderr()).isZero();
        String stderr = rerun.stderr();
        assertThat(stderr).contains("vodupload: the file changed since the checkpoint; starting over");
        assertThat(stderr.indexOf("the file changed")).isEqualTo(stderr.lastIndexOf("the file changed"));
        assertThat(stderr).doesNotContain("resuming");
        assertThat(oss.object("big.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
    }
}
