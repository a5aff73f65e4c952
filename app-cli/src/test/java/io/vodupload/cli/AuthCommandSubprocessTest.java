package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code --auth-command} as a real process: the command runs when the server expires the token, and vodupload
 * ends everything it started on a signal, caps what it reads from it and times it out.
 */
class AuthCommandSubprocessTest {

    @TempDir
    Path dir;

    private OssFixture oss;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        oss = new OssFixture();
        file = TestFiles.random(dir.resolve("movie.mp4"), 800 * 1024 + 3, 9);
        oss.server.faults().expireTokenAfterParts(2);
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    private Subprocess start(String authCommand, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
                "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET, "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN));
        env.putAll(extraEnv);
        return Subprocess.start(dir, env, List.of("upload", file.toString(), "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--key", "movie.mp4", "--part-size", "100KiB", "--parallel", "1",
                "--checkpoint-dir", dir.resolve("checkpoints").toString(), "--auth-command", authCommand));
    }

    @Test
    void signal_whileTheAuthCommandRuns_itsWholeProcessGroupEnds() throws Exception {
        Path ready = dir.resolve("ready");
        Process mkfifo = new ProcessBuilder("mkfifo", ready.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();

        // sleep is forked before the shell writes its pid, so it exists when the test reads the FIFO
        try (Subprocess child = start("sleep 1000 & echo $! > ready; wait", Map.of())) {
            // the FIFO blocks until the command writes to it: no polling, no sleeping
            CompletableFuture<String> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return Files.readString(ready).trim();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long sleepPid = Long.parseLong(started.get(60, TimeUnit.SECONDS));
            List<ProcessHandle> spawned = child.process.descendants().toList();
            assertThat(spawned).as("the shell and sleep").extracting(ProcessHandle::pid).contains(sleepPid);

            child.process.destroy(); // SIGTERM, as Ctrl-C ends in the same shutdown path
            assertThat(child.waitFor(Duration.ofSeconds(30))).isEqualTo(Exit.INTERRUPTED);

            for (ProcessHandle h : spawned) {
                h.onExit().get(10, TimeUnit.SECONDS);
                assertThat(h.isAlive()).as("%s %s", h.pid(), h.info().command()).isFalse();
            }
        }
    }

    @Test
    void authCommand_endlessOutput_exits3WithOneLine() throws Exception {
        try (Subprocess child = start("yes", Map.of())) {
            int code = child.waitFor(Duration.ofSeconds(60));

            assertThat(code).as(child.stderr()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
            assertThat(child.stderr().lines().filter(l -> l.contains("--auth-command"))).singleElement().asString()
                    .startsWith("vodupload: ").contains("--auth-command printed more than 64 KiB");
            assertThat(child.stderr()).doesNotContain("\tat ").doesNotContain("OutOfMemoryError")
                    .doesNotContain("y\ny\n");
        }
    }

    @Test
    void authCommand_hangs_timesOutExits3AndLeavesNothingRunning() throws Exception {
        try (Subprocess child = start("echo $$ > sh.pid; exec sleep 1000", Map.of(
                "VODUPLOAD_AUTH_COMMAND_TIMEOUT", "2"))) {
            int code = child.waitFor(Duration.ofSeconds(60));

            assertThat(code).as(child.stderr()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
            assertThat(child.stderr()).contains("--auth-command did not finish within 2 s")
                    .doesNotContain("\tat ");
            long pid = Long.parseLong(Files.readString(dir.resolve("sh.pid")).trim());
            ProcessHandle h = ProcessHandle.of(pid).orElse(null);
            if (h != null) {
                h.onExit().get(10, TimeUnit.SECONDS);
                assertThat(h.isAlive()).as("the timed-out command").isFalse();
            }
        }
    }
}
