package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code vodupload} as a real process ({@code java -cp <test classpath> io.vodupload.cli.Main}) against the
 * testkit OSS server, stopped by SIGINT, SIGTERM and SIGKILL mid-upload. The server delays every request so
 * that the signal lands while parts are still in flight; the test waits on the process's JSON events, never
 * on a timer.
 */
class SignalSubprocessTest {

    private static final int PART = 100 * 1024;
    private static final int PARALLEL = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private OssFixture oss;
    private Path file;
    private Path checkpoints;
    private final List<CliProcess> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        oss = new OssFixture();
        file = TestFiles.random(dir.resolve("big.mp4"), 30L * PART + 999, 11);
        checkpoints = dir.resolve("checkpoints");
        oss.server.faults().delayEveryRequest(Duration.ofMillis(60));
    }

    @AfterEach
    void tearDown() {
        processes.forEach(CliProcess::destroy);
        oss.close();
    }

    private String[] args() {
        return new String[] {"upload", file.toString(), "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET,
            "--key", "big.mp4", "--part-size", "100KiB", "--parallel", String.valueOf(PARALLEL),
            "--checkpoint-dir", checkpoints.toString(), "--json"};
    }

    @Test
    void sigint_midUpload_exits130KeepsTheCheckpointAndTheSameCommandResumes() throws Exception {
        CliProcess child = start();
        child.awaitEvent(this::someConfirmedPart);
        assumeFalse(ignores(child.process, 2), "SIGINT is ignored in this environment (started in the background "
                + "without job control), so Ctrl-C cannot be simulated; the SIGTERM test covers the same path");
        signal(child.process, "INT");

        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).as(child.stderr()).isEqualTo(Exit.INTERRUPTED);
        assertThat(child.lastEvent().get("code").asText()).isEqualTo("Interrupted");
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);
        resumesAndFinishes(child);
    }

    @Test
    void sigterm_midUpload_exits130AndTheSameCommandResumes() throws Exception {
        CliProcess child = start();
        child.awaitEvent(this::someConfirmedPart);
        child.signal("TERM");

        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).as(child.stderr()).isEqualTo(Exit.INTERRUPTED);
        assertThat(child.stderr()).contains("interrupted: the upload is paused and its checkpoint kept");
        resumesAndFinishes(child);
    }

    @Test
    void sigkill_midUpload_rerunResumesAndSendsAgainAtMostThePartsInFlight() throws Exception {
        CliProcess child = start();
        child.awaitEvent(this::someConfirmedPart);
        child.process.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(child.process.exitValue()).isEqualTo(128 + 9);
        assertThat(TestFiles.countCheckpoints(checkpoints)).isEqualTo(1);

        JsonNode started = resumesAndFinishes(child);
        String uploadId = started.get("uploadId").asText();
        int resent = oss.server.stats().partAttempts(uploadId).values().stream().mapToInt(n -> n - 1).sum();
        // in flight at the kill, plus those stored while the last (coalesced) checkpoint write was on disk
        assertThat(resent).isLessThanOrEqualTo(2 * PARALLEL);
    }

    @Test
    void debug_subprocessWithRetriesAndRejectedCredentials_logsButNeverPrintsASecret() throws Exception {
        oss.server.faults().delayEveryRequest(Duration.ZERO);
        oss.server.faults().failOn(OssOperation.UPLOAD_PART, 2, 503, "ServiceUnavailable");
        oss.server.faults().expireTokenAfterParts(5);
        CliProcess child = start("--debug");
        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(child.process.exitValue()).as(child.stderr()).isEqualTo(Exit.CREDENTIALS_EXPIRED);
        assertThat(child.stderr()).contains("vodupload: debug: ").contains("there is no way to refresh them");
        assertThat(child.stdoutText() + child.stderr() + TestFiles.contentsUnder(checkpoints))
                .contains("\"event\":\"retry\"").contains("\"event\":\"tokenExpired\"")
                .doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
    }

    /** Reruns the same command (in-process) and checks that it resumed and the object is the file. */
    private JsonNode resumesAndFinishes(CliProcess interrupted) throws Exception {
        oss.server.faults().delayEveryRequest(Duration.ZERO);
        CliHarness cli = new CliHarness(dir, dir.resolve("home"))
                .env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
        CliHarness.Result again = cli.run(args());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode started = again.event("started");
        assertThat(started.get("resumed").asBoolean()).isTrue();
        assertThat(started.get("partsAlreadyDone").asInt()).isPositive();
        assertThat(started.get("uploadId").asText()).isEqualTo(interrupted.firstEvent().get("uploadId").asText());
        assertThat(oss.object("big.mp4")).isEqualTo(Files.readAllBytes(file));
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
        assertThat(oss.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(1);
        String everything = interrupted.stdoutText() + interrupted.stderr() + again.all()
                + TestFiles.contentsUnder(checkpoints);
        assertThat(everything).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
        return started;
    }

    /**
     * More than (parallel + 1) × part size uploaded: with at most {@code parallel} parts in flight, at least two
     * parts are confirmed, and the engine saves the first one's checkpoint before it confirms the second.
     */
    private boolean someConfirmedPart(JsonNode e) {
        return e.get("event").asText().equals("progress")
                && e.get("uploaded").asLong() > (long) (PARALLEL + 1) * PART;
    }

    private CliProcess start(String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(args()));
        command.addAll(List.of(extra));
        CliProcess p = CliProcess.start(dir, Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
                "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET, "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN), command);
        processes.add(p);
        return p;
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    /** Whether {@code process} ignores signal {@code number} (the SigIgn mask of /proc/PID/status). */
    private static boolean ignores(Process process, int number) throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << (number - 1))) != 0;
            }
        }
        return false;
    }
}
