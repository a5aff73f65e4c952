package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code TargetResolver}'s rule for {@code --key} with the embedded local store: the object goes to
 * {@code <store>/media/<key>}, with {@code --store} or the default store, and the dry run says so.
 */
class TargetResolverTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(dir, dir.resolve("home"));
    }

    @Test
    void resolve_storeWithKey_putsTheObjectAtStoreMediaKey() throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), 5000, 3);

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--store", "s", "--key", "2026/05/take1.mp4");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        Path stored = dir.resolve("s/media/2026/05/take1.mp4");
        assertThat(Files.mismatch(stored, file)).isEqualTo(-1L);
        assertThat(dir.resolve("s/media/clip.mp4")).doesNotExist();
    }

    @Test
    void resolve_storeWithoutKey_usesTheFilesName() throws Exception {
        Path file = TestFiles.random(dir.resolve("in/clip.mp4"), 5000, 4);

        CliHarness.Result r = cli.run("upload", "in/clip.mp4", "--store", "s");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.mismatch(dir.resolve("s/media/clip.mp4"), file)).isEqualTo(-1L);
    }

    @Test
    void resolve_storeWithKeyDryRun_namesTheKeyAndWritesNothing() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 5000, 5);

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--store", "s", "--key", "a/b.mp4", "--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("the local store " + dir.resolve("s") + ", object media/a/b.mp4");
        assertThat(dir.resolve("s/media/a/b.mp4")).doesNotExist();
    }

    @Test
    void resolve_storeWithAKeyOutsideTheStore_isExit2NamingTheKey() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 5000, 6);

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--store", "s", "--key", "../escape.mp4");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("../escape.mp4");
        assertThat(dir.resolve("s/escape.mp4")).doesNotExist();
        assertThat(dir.resolve("escape.mp4")).doesNotExist();
    }

    @Test
    void resolve_storeWithKeyAndBucket_isStillConflictingTargets() throws Exception {
        TestFiles.random(dir.resolve("clip.mp4"), 5000, 7);

        CliHarness.Result r = cli.run("upload", "clip.mp4", "--store", "s", "--key", "k", "--bucket", "b");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("conflicting targets: --store and --bucket");
    }
}
