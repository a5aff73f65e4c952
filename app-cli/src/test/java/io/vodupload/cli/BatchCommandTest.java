package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code vodupload upload PATH...} of several files in-process, to the embedded local store (the default
 * target) with the embedded SQLite queue, and {@code vodupload queue}: what is refused before anything is
 * sent, the overwrite rule, a changed file, and the queue's status.
 */
class BatchCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir, dir.resolve("home"));
        TestFiles.random(dir.resolve("d/a.mp4"), 3000, 1);
        TestFiles.random(dir.resolve("d/sub/b.mp4"), 4000, 2);
        TestFiles.random(dir.resolve("d/.cache/c.mp4"), 10, 3);
        TestFiles.random(dir.resolve("e/a.mp4"), 10, 4);
        TestFiles.random(dir.resolve("one.mp4"), 10, 5);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
            Arguments.of(new String[] {"upload", "d"}, "d: is a directory; add --recursive"),
            Arguments.of(new String[] {"upload", "d", "-r", "--key", "k"}, "--key"),
            Arguments.of(new String[] {"upload", "d", "e", "-r"}, "a.mp4 <- "),
            Arguments.of(new String[] {"upload", "d", "-r", "--upload-address", "eyJ9", "--upload-auth", "eyJ9"},
                "--upload-address/--upload-auth name one object: give one FILE"),
            Arguments.of(new String[] {"upload", "d", "-r", "--queue", "jdbc:sqlite:" + "q.db"},
                "the local store is this machine's"),
            Arguments.of(new String[] {"upload", "d", "-r", "--submit-only", "--endpoint", "http://127.0.0.1:9",
                "--bucket", "b", "--access-key-id", "AK", "--access-key-secret", "SK"}, "--submit-only needs --queue"),
            Arguments.of(new String[] {"upload", "d", "-r", "--jobs", "0"}, "--jobs must be 1..64: 0"),
            Arguments.of(new String[] {"upload", "d", "-r", "--max-connections", "0"},
                "--max-connections must be 1..1024: 0"),
            Arguments.of(new String[] {"upload", "d", "-r", "--endpoint", "http://127.0.0.1:9"},
                "the OSS target needs --endpoint and --bucket; missing --bucket"),
            Arguments.of(new String[] {"upload", "d", "-r", "--dry-run"}, "--dry-run takes one FILE")
        );
    }

    @ParameterizedTest
    @MethodSource("refused")
    void upload_badBatchInput_exits2BeforeAnythingIsSent(String[] args, String expected) {
        CliHarness.Result r = cli.run(args);

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains(expected);
        assertThat(dir.resolve("vodupload-store")).doesNotExist();
        assertThat(dir.resolve("home/.vodupload/checkpoints/batches.db")).doesNotExist();
    }

    @Test
    void upload_directoryToTheLocalStore_storesEachFileUnderItsKeyAndTheSameCommandSkipsThem() throws Exception {
        CliHarness.Result r = cli.run("upload", "d", "one.mp4", "-r", "--key-prefix", "p/");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path media = dir.resolve("vodupload-store/media");
        assertThat(Files.mismatch(media.resolve("p/a.mp4"), dir.resolve("d/a.mp4"))).isEqualTo(-1L);
        assertThat(Files.mismatch(media.resolve("p/sub/b.mp4"), dir.resolve("d/sub/b.mp4"))).isEqualTo(-1L);
        assertThat(Files.mismatch(media.resolve("p/one.mp4"), dir.resolve("one.mp4"))).isEqualTo(-1L);
        assertThat(media.resolve("p/.cache/c.mp4")).doesNotExist();
        assertThat(r.stdout()).contains("uploaded " + dir.resolve("d/a.mp4"))
                .contains(") to " + media.resolve("p/a.mp4").toRealPath())
                .containsPattern("batch [0-9a-f]{16}: 3 uploaded \\(6\\.8 KiB\\), 0 failed, 0 skipped in ")
                .contains("not selected: 1 hidden");
        assertThat(dir.resolve("home/.vodupload/checkpoints/batches.db")).exists();

        CliHarness.Result again = cli.run("upload", "d", "one.mp4", "-r", "--key-prefix", "p/", "--json");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode finished = again.events().get(again.events().size() - 1);
        assertThat(finished.get("event").asText()).isEqualTo("batchFinished");
        assertThat(finished.get("skipped").asInt()).isEqualTo(3);
        assertThat(finished.get("succeeded").asInt()).isZero();
        assertThat(finished.get("bytes").asLong()).isZero();
        assertThat(again.events().get(0).get("bytes").asLong()).isEqualTo(7010);
    }

    @Test
    void upload_aFileThisBatchWroteChanged_isUploadedAgainButAnObjectItDidNotWriteIsNotReplaced() throws Exception {
        assertThat(cli.run("upload", "d", "-r").exitCode()).isZero();
        TestFiles.random(dir.resolve("d/a.mp4"), 3500, 11); // changed since this batch uploaded it
        Path media = dir.resolve("vodupload-store/media");
        TestFiles.random(dir.resolve("d/new.mp4"), 500, 12);
        TestFiles.random(media.resolve("new.mp4"), 600, 13); // not this batch's: the overwrite rule applies

        CliHarness.Result r = cli.run("upload", "d", "-r", "--json");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(Files.mismatch(media.resolve("a.mp4"), dir.resolve("d/a.mp4"))).isEqualTo(-1L);
        assertThat(r.events()).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("failed");
            assertThat(e.get("key").asText()).isEqualTo("new.mp4");
            assertThat(e.get("code").asText()).isEqualTo("ObjectExists");
        });
        assertThat(r.events()).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("skipped");
            assertThat(e.get("key").asText()).isEqualTo("sub/b.mp4");
        });
        assertThat(Files.size(media.resolve("new.mp4"))).isEqualTo(600);

        CliHarness.Result status = cli.run("queue", "status", "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode s = CliHarness.MAPPER.readTree(status.stdout());
        assertThat(s.get("succeeded").asInt()).isEqualTo(2);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        assertThat(s.get("files")).anySatisfy(f -> {
            assertThat(f.get("key").asText()).isEqualTo("new.mp4");
            assertThat(f.get("status").asText()).isEqualTo("failed");
            assertThat(f.get("error").asText()).contains("ObjectExists");
        });
    }

    @Test
    void upload_oneFile_keepsTheSingleFilePathWithNoDatabase() throws Exception {
        CliHarness.Result r = cli.run("upload", "one.mp4", "--key-prefix", "x/");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).startsWith("uploaded one.mp4 (10 B) to ");
        assertThat(dir.resolve("vodupload-store/media/x/one.mp4")).exists();
        assertThat(dir.resolve("home/.vodupload/checkpoints/batches.db")).doesNotExist();
    }
}
