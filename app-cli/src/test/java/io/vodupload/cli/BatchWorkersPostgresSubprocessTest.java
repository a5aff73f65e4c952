package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scale-out end to end: a batch submitted to a real PostgreSQL ({@code --submit-only}), three
 * {@code vodupload worker} JVMs on it, one of them SIGKILLed mid-file. Another worker takes the file over
 * once the dead one has missed its heartbeats and resumes it from the parts stored in the same database.
 *
 * <p>The workers run with {@code --heartbeat 0.5} (dead after six missed heartbeats: 3 s) instead of the
 * default 5 s, so the takeover happens within the test's time; nothing else differs from production.
 */
class BatchWorkersPostgresSubprocessTest {

    private static final int PART = 100 * 1024;
    private static final int PARTS = 12;
    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    private OssFixture oss;
    private String url;
    private final List<CliProcess> processes = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        oss = new OssFixture();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE workers");
        }
        url = postgres.getJdbcUrl("postgres", "workers");
    }

    @AfterEach
    void tearDown() {
        processes.forEach(CliProcess::destroy);
        oss.close();
    }

    @Test
    void threeWorkers_oneKilledMidFile_anotherFinishesItFromItsStoredPartsAndNoneIsCompletedTwice() throws Exception {
        Path source = dir.resolve("media");
        int files = 6;
        for (int i = 0; i < files; i++) {
            TestFiles.random(source.resolve("v" + i + ".mp4"), (long) PARTS * PART - 999 * i, 70 + i);
        }
        long t0 = System.nanoTime();
        ChildCli submitter = new ChildCli(dir).env("HOME", dir.resolve("home").toString());
        CliHarness.Result submitted = submitter.run("upload", source.toString(), "-r", "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--key-prefix", "batch/", "--part-size", "100KiB", "--parallel", "2",
                "--queue", url, "--submit-only");
        assertThat(submitted.exitCode()).as(submitted.all()).isZero();
        String batchId = submitted.stdout().trim();
        assertThat(batchId).matches("[0-9a-f]{16}");
        assertThat(submitted.all()).doesNotContain(url);

        oss.server.faults().delayEveryRequest(Duration.ofMillis(50));
        // the first worker gets well into a file, the two others join, and the first dies without a word
        CliProcess victim = worker(0);
        JsonNode progress = victim.awaitEvent(e -> e.get("event").asText().equals("progress")
                && e.get("uploaded").asLong() >= 3L * PART);
        String killedKey = progress.get("key").asText();
        System.out.printf("workers test: submitted and first worker mid-file after %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
        List<CliProcess> workers = List.of(victim, worker(1), worker(2));
        victim.process.destroyForcibly();
        assertThat(victim.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        oss.server.faults().delayEveryRequest(Duration.ofMillis(5));

        List<JsonNode> survivors = new ArrayList<>();
        for (CliProcess w : workers.subList(1, 3)) {
            assertThat(w.awaitExit()).as(w.stderr()).isZero();
            survivors.addAll(BatchSubprocessTest.events(w.stdoutText()));
        }

        System.out.printf("workers test: survivors done after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        for (int i = 0; i < files; i++) {
            assertThat(oss.object("batch/v" + i + ".mp4")).isEqualTo(Files.readAllBytes(source.resolve("v" + i + ".mp4")));
        }
        assertThat(oss.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).as("one completion per file")
                .isEqualTo(files);
        JsonNode takeover = survivors.stream().filter(e -> e.get("event").asText().equals("started")
                && e.get("key").asText().equals(killedKey)).findFirst()
                .orElseThrow(() -> new AssertionError("no survivor started " + killedKey));
        assertThat(takeover.get("resumed").asBoolean()).as(takeover.toString()).isTrue();
        assertThat(takeover.get("partsAlreadyDone").asInt()).isPositive();
        assertThat(survivors.stream().filter(e -> e.get("event").asText().equals("success")).count())
                .isGreaterThanOrEqualTo(1);

        CliHarness.Result status = submitter.run("queue", "status", "--queue", url, "--json");
        assertThat(status.exitCode()).as(status.all()).isZero();
        JsonNode counts = CliHarness.MAPPER.readTree(status.stdout());
        assertThat(counts.get("succeeded").asInt()).isEqualTo(files);
        assertThat(counts.get("pending").asInt()).isZero();
        assertThat(counts.get("failed").asInt()).isZero();
        assertThat(counts.get("files")).hasSize(files);
        assertThat(counts.get("files").get(0).get("status").asText()).isEqualTo("succeeded");
    }

    private CliProcess worker(int n) throws IOException {
        CliProcess p = CliProcess.start(dir, Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
                "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET, "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN,
                "VODUPLOAD_QUEUE", url, "HOME", dir.resolve("home" + n).toString()),
                List.of("worker", "--jobs", "1", "--heartbeat", "0.5", "--json"));
        processes.add(p);
        return p;
    }
}
