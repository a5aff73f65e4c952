package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The default target: the embedded local store. */
class LocalStoreUploadTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir, dir.resolve("home"));
    }

    @Test
    void upload_noTarget_goesToVoduploadStoreInTheWorkingDirectoryAndSaysWhere() throws Exception {
        Path sample = Files.copy(Path.of("..", "samples", "sample.mp4"), dir.resolve("sample.mp4"));

        CliHarness.Result r = cli.run("upload", "sample.mp4");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path stored = dir.resolve("vodupload-store").resolve("media").resolve("sample.mp4");
        assertThat(stored).exists();
        assertThat(Files.mismatch(stored, sample)).isEqualTo(-1L);
        assertThat(r.stdout()).contains("uploaded sample.mp4 (291.4 KiB) to " + stored).contains("crc64 ");
        assertThat(r.stderr()).contains("vodupload: uploading ");
        // the run leaves no checkpoint behind once it succeeded
        assertThat(TestFiles.countCheckpoints(dir.resolve("home/.vodupload/checkpoints"))).isZero();
    }

    @Test
    void upload_storeDirWithSmallPartsAndJson_multipartIntoThatDirectory() throws Exception {
        Path file = TestFiles.random(dir.resolve("in/data.bin"), 1_000_000, 7);

        CliHarness.Result r = cli.run("upload", "in/data.bin", "--store", "elsewhere", "--part-size", "100KiB",
                "--parallel", "3", "--json");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path stored = dir.resolve("elsewhere/media/data.bin");
        assertThat(Files.mismatch(stored, file)).isEqualTo(-1L);
        assertThat(r.eventNames()).startsWith("started").endsWith("progress", "success");
        assertThat(r.event("started").get("uploadId").isTextual()).isTrue();
        assertThat(r.event("started").get("bucket").asText()).isEqualTo("media");
        assertThat(r.event("success").get("size").asLong()).isEqualTo(1_000_000);
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void upload_quiet_printsNothing() throws Exception {
        TestFiles.random(dir.resolve("a.mp4"), 5000, 3);
        CliHarness.Result r = cli.run("upload", "a.mp4", "--quiet");
        assertThat(r.exitCode()).isZero();
        assertThat(r.all()).isEmpty();
    }

    @Test
    void upload_emptyFile_storesAnEmptyObject() throws Exception {
        Files.createFile(dir.resolve("empty.mp4"));
        CliHarness.Result r = cli.run("upload", "empty.mp4");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(dir.resolve("vodupload-store/media/empty.mp4")).isEmptyFile();
        assertThat(r.stdout()).contains("uploaded empty.mp4 (0 B)").contains("crc64 0");
    }
}
