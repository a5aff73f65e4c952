package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The overwrite rule of docs/cli.md: what happens when the target already holds an object at the key. */
class ExistingObjectTest {

    @TempDir
    Path dir;

    private CliHarness cli;
    private OssFixture oss;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir, dir.resolve("home"));
    }

    @AfterEach
    void tearDown() {
        if (oss != null) {
            oss.close();
        }
    }

    private Path stored(String key) {
        return dir.resolve("vodupload-store/media").resolve(key);
    }

    @Test
    void upload_localStoreHoldsTheSameFile_skipsWithOneLineAndExit0() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 5000, 1);
        assertThat(cli.run("upload", "clip.mp4").exitCode()).isZero();
        long modified = Files.getLastModifiedTime(stored("clip.mp4")).toMillis();

        CliHarness.Result r = cli.run("upload", "clip.mp4");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("skipped clip.mp4: already uploaded at " + stored("clip.mp4")
                + System.lineSeparator());
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.getLastModifiedTime(stored("clip.mp4")).toMillis()).isEqualTo(modified);
        assertThat(Files.mismatch(stored("clip.mp4"), file)).isEqualTo(-1L);
    }

    @Test
    void upload_localStoreHoldsTheSameFileWithJson_skippedIsTheOnlyEvent() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 5000, 1);
        assertThat(cli.run("upload", "clip.mp4").exitCode()).isZero();

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.eventNames()).containsExactly("skipped");
        JsonNode skipped = r.event("skipped");
        assertThat(skipped.get("file").asText()).isEqualTo(file.toRealPath().toString());
        assertThat(skipped.get("key").asText()).isEqualTo("clip.mp4");
        assertThat(skipped.get("reason").asText()).isEqualTo("already uploaded");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void upload_sameNameFromAnotherDirectory_failsWithObjectExistsAndKeepsTheFirst() throws Exception {
        Path first = TestFiles.random(dir.resolve("d1/clip.mp4"), 5000, 1);
        TestFiles.random(dir.resolve("d2/clip.mp4"), 6000, 2);
        assertThat(cli.run("upload", "d1/clip.mp4").exitCode()).isZero();

        CliHarness.Result r = cli.run("upload", "d2/clip.mp4", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.eventNames()).containsExactly("failed");
        assertThat(r.event("failed").get("code").asText()).isEqualTo("ObjectExists");
        assertThat(r.stderr()).contains("vodupload: upload failed: ObjectExists: " + stored("clip.mp4"))
                .contains("--overwrite");
        assertThat(Files.mismatch(stored("clip.mp4"), first)).isEqualTo(-1L);
    }

    @Test
    void upload_differentFileWithOverwrite_replacesTheObject() throws Exception {
        TestFiles.random(dir.resolve("d1/clip.mp4"), 5000, 1);
        Path second = TestFiles.random(dir.resolve("d2/clip.mp4"), 5000, 2); // same size: the CRC decides
        assertThat(cli.run("upload", "d1/clip.mp4").exitCode()).isZero();

        assertThat(cli.run("upload", "d2/clip.mp4").exitCode()).isEqualTo(Exit.FAILED);
        CliHarness.Result r = cli.run("upload", "d2/clip.mp4", "--overwrite");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("uploaded d2/clip.mp4");
        assertThat(Files.mismatch(stored("clip.mp4"), second)).isEqualTo(-1L);
    }

    @Test
    void upload_keyWithStore_namesTheObjectInTheLocalStore() throws Exception {
        Path file = TestFiles.random(dir.resolve("d2/clip.mp4"), 5000, 2);

        CliHarness.Result r = cli.run("upload", "d2/clip.mp4", "--store", "s", "--key", "d2/clip.mp4");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path stored = dir.resolve("s/media/d2/clip.mp4");
        assertThat(Files.mismatch(stored, file)).isEqualTo(-1L);
        assertThat(r.stdout()).contains("to " + stored);
    }

    @Test
    void upload_keyAlone_namesTheObjectInTheDefaultStore() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 5000, 2);

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--key", "2026/clip.mp4");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.mismatch(stored("2026/clip.mp4"), file)).isEqualTo(-1L);
    }

    @Test
    void upload_keyWithTickets_isConflictingTargets() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 5000, 2);
        String address = OssFixture.b64("{\"Endpoint\":\"http://127.0.0.1:9\",\"Bucket\":\"b\",\"FileName\":\"k\"}");

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--upload-address", address, "--upload-auth",
                OssFixture.b64(OssFixture.authJson()), "--key", "x.mp4");

        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("conflicting targets: --upload-address and --key");
    }

    private CliHarness ossCli() {
        oss = new OssFixture();
        return cli.env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
    }

    private String[] ossArgs(String file, String... more) {
        String[] base = {"upload", file, "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET, "--key", "v.mp4"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void upload_ossTargetHoldsTheFile_overwritesByDefaultWithoutAsking() throws Exception {
        CliHarness c = ossCli();
        TestFiles.random(dir.resolve("a.mp4"), 5000, 1);
        assertThat(c.run(ossArgs("a.mp4")).exitCode()).isZero();

        CliHarness.Result r = c.run(ossArgs("a.mp4", "--json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.eventNames()).endsWith("success");
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(2);
        assertThat(oss.server.stats().requests(OssOperation.HEAD_OBJECT)).isZero();
    }

    @Test
    void upload_ossTargetHoldsTheFileWithSkipExisting_skipsWithoutSending() throws Exception {
        CliHarness c = ossCli();
        Path file = TestFiles.random(dir.resolve("a.mp4"), 5000, 1);
        assertThat(c.run(ossArgs("a.mp4")).exitCode()).isZero();

        CliHarness.Result r = c.run(ossArgs("a.mp4", "--skip-existing", "--json"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.eventNames()).containsExactly("skipped");
        assertThat(r.event("skipped").get("key").asText()).isEqualTo("v.mp4");
        assertThat(r.event("skipped").get("file").asText()).isEqualTo(file.toRealPath().toString());
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(1);
    }

    @Test
    void upload_ossTargetHoldsAnotherFileWithSkipExisting_uploadsAndReplacesIt() throws Exception {
        CliHarness c = ossCli();
        TestFiles.random(dir.resolve("a.mp4"), 5000, 1);
        Path b = TestFiles.random(dir.resolve("b.mp4"), 5000, 2);
        assertThat(c.run(ossArgs("a.mp4")).exitCode()).isZero();

        CliHarness.Result r = c.run(ossArgs("b.mp4", "--skip-existing"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("uploaded b.mp4");
        assertThat(oss.object("v.mp4")).isEqualTo(Files.readAllBytes(b));
    }
}
