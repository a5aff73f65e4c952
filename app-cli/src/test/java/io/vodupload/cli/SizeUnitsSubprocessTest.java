package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/** {@code --part-size} in the units ossutil and aws users type, from a real process. */
class SizeUnitsSubprocessTest {

    @TempDir
    Path dir;

    private ChildCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString());
        TestFiles.random(dir.resolve("clip.mp4"), 300 * 1024, 3);
    }

    @ParameterizedTest
    @CsvSource({"16M, 16.0 MiB", "16MB, 16.0 MiB", "16m, 16.0 MiB", "1.5GiB, 1.5 GiB", "100k, 100.0 KiB"})
    void upload_partSizeInAnyUnit_isAcceptedAsBinary(String size, String shown) throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--part-size", size, "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("part size " + shown);
    }

    @Test
    void upload_partSizeTooLarge_echoesWhatWasTyped() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--part-size", "6GiB");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr().lines()).containsExactly("vodupload: --part-size 6GiB is above 5 GiB");
    }

    @Test
    void upload_partSizeTooSmall_echoesWhatWasTyped() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--part-size", "0.5k");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr().lines()).containsExactly("vodupload: --part-size 0.5k is below 100 KiB");
    }
}
