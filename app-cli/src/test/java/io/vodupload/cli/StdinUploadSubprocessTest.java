package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.oss.OssOperation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vodupload upload -}: standard input through a pipe into a real child process, against the testkit
 * OSS server (a real socket) and the local store.
 */
class StdinUploadSubprocessTest {

    private static final int KIB = 1024;

    @TempDir
    Path dir;

    private OssFixture oss;
    private ChildCli cli;

    @BeforeEach
    void setUp() {
        oss = new OssFixture();
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString())
                .env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private String[] ossArgs(String key, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("upload", "-", "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--key", key, "--part-size", "100KiB", "--json"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static List<JsonNode> events(CliHarness.Result r) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : r.stdout().lines().toList()) {
            events.add(CliHarness.MAPPER.readTree(line));
        }
        return events;
    }

    @Test
    void upload_stdinOfUnknownLengthOverSeveralParts_isStoredWithNullTotalsUntilTheEnd() throws Exception {
        byte[] data = bytes(450 * KIB + 17);

        CliHarness.Result r = cli.stdin(data).run(ossArgs("piped.bin"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("piped.bin")).isEqualTo(data);
        List<JsonNode> events = events(r);
        JsonNode started = events.get(0);
        assertThat(started.get("event").asText()).isEqualTo("started");
        assertThat(started.get("file").asText()).isEqualTo("-");
        assertThat(started.get("size").isNull()).as("size unknown: " + started).isTrue();
        assertThat(events).filteredOn(e -> e.get("event").asText().equals("progress"))
                .last().satisfies(p -> assertThat(p.get("total").asLong()).isEqualTo(data.length));
        JsonNode success = events.get(events.size() - 1);
        assertThat(success.get("event").asText()).isEqualTo("success");
        assertThat(success.get("size").asLong()).isEqualTo(data.length);
        assertThat(oss.server.stats().requests(OssOperation.UPLOAD_PART)).isEqualTo(5);
        assertThat(oss.server.uploadIds()).isEmpty();
    }

    @Test
    void upload_stdinWithinOnePartWithItsSize_isOnePutObject() throws Exception {
        byte[] data = bytes(60 * KIB);

        CliHarness.Result r = cli.stdin(data).run(ossArgs("small.bin", "--size", "60KiB"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("small.bin")).isEqualTo(data);
        assertThat(events(r).get(0).get("size").asLong()).isEqualTo(data.length);
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(1);
        assertThat(oss.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isZero();
    }

    @Test
    void upload_stdinWithItsSizeOverSeveralParts_reportsTheTotalFromTheStart() throws Exception {
        byte[] data = bytes(300 * KIB + 1);

        CliHarness.Result r = cli.stdin(data).run(ossArgs("known.bin", "--size", String.valueOf(data.length)));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("known.bin")).isEqualTo(data);
        assertThat(events(r)).filteredOn(e -> e.get("event").asText().equals("progress"))
                .allSatisfy(p -> assertThat(p.get("total").asLong()).isEqualTo(data.length));
    }

    @Test
    void upload_connectionResetMidPart_sendsThePartAgainFromItsBuffer() throws Exception {
        byte[] data = bytes(350 * KIB);
        oss.server.storageFaults().resetConnectionOnNext(Operation.UPLOAD_PART);

        CliHarness.Result r = cli.stdin(data).run(ossArgs("retried.bin"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.object("retried.bin")).isEqualTo(data);
        assertThat(oss.server.stats().requests(OssOperation.UPLOAD_PART)).as("4 parts, one sent twice")
                .isEqualTo(5);
        assertThat(r.stdout()).contains("\"event\":\"retry\"");
    }

    @Test
    void upload_storageRefusesAPart_failsAndLeavesNoMultipartUploadBehind() throws Exception {
        byte[] data = bytes(350 * KIB);
        oss.server.storageFaults().failNext(Operation.UPLOAD_PART, 403, "AccessDenied");

        CliHarness.Result r = cli.stdin(data).run(ossArgs("refused.bin"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.stdout()).contains("\"code\":\"AccessDenied\"");
        assertThat(oss.server.stats().requests(OssOperation.ABORT_MULTIPART)).isEqualTo(1);
        assertThat(oss.server.uploadIds()).as("no orphaned multipart upload").isEmpty();
    }

    @Test
    void upload_stdinShorterThanItsSize_failsStreamSizeMismatchAndAborts() throws Exception {
        byte[] data = bytes(250 * KIB);

        CliHarness.Result r = cli.stdin(data).run(ossArgs("short.bin", "--size", "300KiB"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.stdout()).contains("\"code\":\"StreamSizeMismatch\"");
        assertThat(r.stderr()).contains("standard input ended after 256000 bytes, but its size was given as 307200");
        assertThat(oss.server.uploadIds()).isEmpty();
        assertThat(oss.server.object(OssFixture.BUCKET, "short.bin")).isEmpty();
    }

    @Test
    void upload_dashWithoutKey_exits2WithOneLine() throws Exception {
        CliHarness.Result r = cli.stdin(bytes(10)).run("upload", "-", "--store", "s");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr().strip().lines()).containsExactly(
                "vodupload: upload - needs --key KEY: standard input has no file name");
    }

    @Test
    void upload_stdinToTheLocalStore_storesItAndWritesNoCheckpoint() throws Exception {
        byte[] data = bytes(230 * KIB);

        CliHarness.Result r = cli.stdin(data).run("upload", "-", "--store", "s", "--key", "dir/in.bin",
                "--part-size", "100KiB");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("uploaded standard input (");
        assertThat(Files.readAllBytes(dir.resolve("s/media/dir/in.bin"))).isEqualTo(data);
        assertThat(dir.resolve("home/.vodupload")).as("no checkpoint directory").doesNotExist();
    }

    @Test
    void upload_stdinOverAnObjectOfTheLocalStore_needsOverwrite() throws Exception {
        cli.stdin(bytes(10)).run("upload", "-", "--store", "s", "--key", "k");

        CliHarness.Result again = cli.stdin(bytes(20)).run("upload", "-", "--store", "s", "--key", "k");
        CliHarness.Result replaced = cli.stdin(bytes(20)).run("upload", "-", "--store", "s", "--key", "k",
                "--overwrite");

        assertThat(again.exitCode()).as(again.toString()).isEqualTo(Exit.FAILED);
        assertThat(again.stderr()).contains("ObjectExists", "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("s/media/k"))).isEqualTo(bytes(20));
    }

    @Test
    void upload_sizeWithAFile_exits2() throws Exception {
        TestFiles.random(dir.resolve("f.bin"), 100, 1);

        CliHarness.Result r = cli.run("upload", "f.bin", "--store", "s", "--size", "100");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("--size goes with - (standard input)");
    }
}
