package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Network failures, from a real process: one line, the code once, where and after how many attempts. */
class NetworkErrorSubprocessTest {

    @TempDir
    Path dir;

    private ChildCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new ChildCli(dir).env("HOME", dir.resolve("home").toString())
                .env("VODUPLOAD_ACCESS_KEY_ID", "AK").env("VODUPLOAD_ACCESS_KEY_SECRET", "SK-secret-value");
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
    }

    @Test
    void upload_connectionRefused_saysWhatWhereAndAttemptsOnce() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b",
                "--key", "k", "--max-retries", "1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.stderr().lines().filter(l -> l.contains("upload failed"))).containsExactly(
                "vodupload: upload failed: connection refused by 127.0.0.1:9 (PutObject oss://b/k) after 2 attempts");
        assertThat(r.all()).doesNotContain("SK-secret-value");
    }

    @Test
    void upload_hostThatDoesNotResolve_failsFastWithoutRetrying() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--endpoint", "http://vodupload-test.invalid", "--bucket",
                "b", "--key", "k", "--path-style", "--max-retries", "4");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.FAILED);
        assertThat(r.stderr().lines().filter(l -> l.contains("upload failed"))).containsExactly(
                "vodupload: upload failed: host vodupload-test.invalid not found (PutObject oss://b/k) (not retried)");
        assertThat(r.stderr()).doesNotContain("retrying");
    }
}
