package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code $HOME}, when set, is the home (Java's {@code user.home} comes from the password database). */
class HomeSubprocessTest {

    @TempDir
    Path dir;

    @Test
    void checkpointsList_homeSet_usesTheCheckpointDirectoryUnderHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("elsewhere-home"));
        CliHarness.Result r = new ChildCli(dir).env("HOME", home.toString()).run("checkpoints", "list");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).contains("no checkpoints in " + home.resolve(".vodupload").resolve("checkpoints"));
    }

    @Test
    void upload_homeSet_keepsAnInterruptedUploadsCheckpointUnderHome() throws Exception {
        Path home = Files.createDirectories(dir.resolve("h"));
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
        CliHarness.Result r = new ChildCli(dir).env("HOME", home.toString()).run("upload", "clip.mp4", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("checkpoints in " + home.resolve(".vodupload").resolve("checkpoints"));
    }
}
