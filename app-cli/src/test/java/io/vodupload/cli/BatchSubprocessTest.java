package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code vodupload upload DIR -r} of many files as a real child process against the testkit OSS server: the
 * batch on the embedded SQLite queue, worked in-process with {@code --jobs} threads. Part sizes and files are
 * small so the whole class runs in seconds.
 */
class BatchSubprocessTest {

    private static final int PART = 100 * 1024;
    private static final int PARALLEL = 2;

    @TempDir
    Path dir;

    private OssFixture oss;
    private Path source;
    private Path checkpoints;
    private final List<CliProcess> processes = new ArrayList<>();

    @BeforeEach
    void setUp() {
        oss = new OssFixture();
        source = dir.resolve("media");
        checkpoints = dir.resolve("checkpoints");
    }

    @AfterEach
    void tearDown() {
        processes.forEach(CliProcess::destroy);
        oss.close();
    }

    @Test
    void upload_200SmallAnd5LargeFilesWithJobs4_everyObjectIsByteIdenticalAndSentOnce()
            throws Exception {
        for (int i = 0; i < 200; i++) {
            TestFiles.random(source.resolve("small/s" + i + ".bin"), 1000 + 37L * i, i);
        }
        for (int i = 0; i < 5; i++) {
            TestFiles.random(source.resolve("large/l" + i + ".mp4"), 5L * PART + 1234 * i, 1000 + i);
        }

        CliHarness.Result run = child().run(args("--jobs", "4", "--json"));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<JsonNode> events = run.events();
        assertThat(events.get(0).get("event").asText()).isEqualTo("batchStarted");
        assertThat(events.get(0).get("files").asInt()).isEqualTo(205);
        JsonNode finished = events.get(events.size() - 1);
        assertThat(finished.get("event").asText()).isEqualTo("batchFinished");
        assertThat(finished.get("succeeded").asInt()).isEqualTo(205);
        assertThat(finished.get("failed").asInt()).isZero();
        assertThat(finished.get("skipped").asInt()).isZero();
        assertThat(finished.get("seconds").isNumber()).isTrue();
        Map<String, Integer> terminal = terminalEvents(events);
        assertThat(terminal).hasSize(205).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(events).filteredOn(e -> !e.get("event").asText().startsWith("batch"))
                .allSatisfy(e -> assertThat(e.has("file") && e.has("key")).as(e.toString()).isTrue());
        long bytes = 0;
        for (int i = 0; i < 200; i++) {
            Path f = source.resolve("small/s" + i + ".bin");
            assertThat(oss.object("in/small/s" + i + ".bin")).isEqualTo(Files.readAllBytes(f));
            bytes += Files.size(f);
        }
        for (int i = 0; i < 5; i++) {
            Path f = source.resolve("large/l" + i + ".mp4");
            assertThat(oss.object("in/large/l" + i + ".mp4")).isEqualTo(Files.readAllBytes(f));
            bytes += Files.size(f);
        }
        assertThat(finished.get("bytes").asLong()).isEqualTo(bytes);
        assertThat(oss.server.stats().requests(OssOperation.COMPLETE_MULTIPART)).isEqualTo(5);
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(200);
        assertThat(run.all()).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
    }

    @Test
    void upload_oneKeyRefusedForGood_exits1TheOthersSucceedAndTheSummaryNamesIt() throws Exception {
        for (int i = 0; i < 6; i++) {
            TestFiles.random(source.resolve("f" + i + ".bin"), 2000 + i, i);
        }
        Files.createDirectories(source.resolve(".hidden"));
        TestFiles.random(source.resolve(".hidden/h.bin"), 100, 99);
        oss.server.faults().refuseKey("in/f3.bin", 400, "InvalidArgument");

        CliHarness.Result run = child().run(args("--jobs", "2"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Exit.FAILED);
        for (int i = 0; i < 6; i++) {
            if (i != 3) {
                assertThat(oss.object("in/f" + i + ".bin")).isEqualTo(Files.readAllBytes(source.resolve("f" + i + ".bin")));
            }
        }
        assertThat(oss.server.object(OssFixture.BUCKET, "in/f3.bin")).isEmpty();
        assertThat(run.stdout()).contains("5 uploaded").contains("1 failed")
                .contains("failed: " + source.resolve("f3.bin") + " (key in/f3.bin): InvalidArgument")
                .contains("not selected: 1 hidden");
        assertThat(run.stderr()).contains("upload failed: " + source.resolve("f3.bin"));
    }

    @Test
    void upload_interruptedMidBatch_exits130WithBatchFinishedAndTheRerunSendsNoFinishedFileAgain() throws Exception {
        int small = 8;
        for (int i = 0; i < small; i++) {
            TestFiles.random(source.resolve("s" + i + ".bin"), 3000 + i, i);
        }
        for (int i = 0; i < 2; i++) {
            TestFiles.random(source.resolve("l" + i + ".mp4"), 14L * PART + 77 * i, 500 + i);
        }
        oss.server.faults().delayEveryRequest(Duration.ofMillis(40));
        List<String> command = new ArrayList<>(List.of(args("--jobs", "3", "--json")));
        CliProcess first = CliProcess.start(dir, credentials(), command);
        processes.add(first);
        // some files done, and a large one with parts stored: then Ctrl-C
        first.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("key").asText().startsWith("in/l")
                && e.get("uploaded").asLong() > (long) (PARALLEL + 1) * PART);
        first.signal(signalFor(first.process));
        assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(first.process.exitValue()).as(first.stderr()).isEqualTo(Exit.INTERRUPTED);
        List<JsonNode> firstEvents = events(first.stdoutText());
        JsonNode finished = firstEvents.get(firstEvents.size() - 1);
        assertThat(finished.get("event").asText()).isEqualTo("batchFinished");
        assertThat(terminalEvents(firstEvents)).hasSize(small + 2)
                .allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        Set<String> done = new HashSet<>();
        firstEvents.stream().filter(e -> e.get("event").asText().equals("success"))
                .forEach(e -> done.add(e.get("key").asText()));
        assertThat(done).isNotEmpty();
        // the parts the server received in the first run, by upload
        Map<String, Set<Integer>> sentBefore = new HashMap<>();
        firstEvents.stream().filter(e -> e.get("event").asText().equals("started") && !e.get("uploadId").isNull())
                .forEach(e -> sentBefore.put(e.get("uploadId").asText(),
                        new HashSet<>(oss.server.stats().partAttempts(e.get("uploadId").asText()).keySet())));
        Set<String> resumed = new HashSet<>();

        oss.server.faults().delayEveryRequest(Duration.ZERO);
        oss.server.stats().reset();
        CliHarness.Result again = child().run(args("--jobs", "3", "--json"));

        assertThat(again.exitCode()).as(again.stderr()).isZero();
        List<JsonNode> events = again.events();
        for (JsonNode e : events) {
            String name = e.get("event").asText();
            if (name.equals("started")) {
                assertThat(done).as("started again").doesNotContain(e.get("key").asText());
                if (e.get("resumed").asBoolean()) {
                    assertThat(e.get("partsAlreadyDone").asInt()).isPositive();
                    resumed.add(e.get("uploadId").asText());
                }
            }
            if (name.equals("skipped")) {
                assertThat(done).contains(e.get("key").asText());
            }
        }
        int smallDone = (int) done.stream().filter(k -> k.endsWith(".bin")).count();
        // each small file not finished in the first run is sent once, the finished ones never
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(small - smallDone);
        assertThat(resumed).as("a large file resumed from its stored parts").isNotEmpty();
        for (String uploadId : resumed) {
            Set<Integer> resentParts = new HashSet<>(oss.server.stats().partAttempts(uploadId).keySet());
            resentParts.retainAll(sentBefore.getOrDefault(uploadId, Set.of()));
            // re-sent: parts the first run had sent whose answer the pause did not wait for
            assertThat(resentParts).as("parts of " + uploadId + " sent in both runs").hasSizeLessThanOrEqualTo(PARALLEL);
        }
        for (int i = 0; i < small; i++) {
            assertThat(oss.object("in/s" + i + ".bin")).isEqualTo(Files.readAllBytes(source.resolve("s" + i + ".bin")));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(oss.object("in/l" + i + ".mp4")).isEqualTo(Files.readAllBytes(source.resolve("l" + i + ".mp4")));
        }
    }

    /**
     * SIGINT, the Ctrl-C of a terminal; where this process was started without job control SIGINT is ignored
     * by its children, so SIGTERM (the same shutdown path) stands in.
     */
    private static String signalFor(Process p) throws IOException {
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        if (Files.exists(status)) {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                    return (mask & 2L) != 0 ? "TERM" : "INT";
                }
            }
        }
        return "INT";
    }

    /** Terminal events (success, failed, skipped) per key. */
    static Map<String, Integer> terminalEvents(List<JsonNode> events) {
        Map<String, Integer> count = new HashMap<>();
        for (JsonNode e : events) {
            String name = e.get("event").asText();
            if (name.equals("success") || name.equals("failed") || name.equals("skipped")) {
                count.merge(e.get("key").asText(), 1, Integer::sum);
            }
        }
        return count;
    }

    static List<JsonNode> events(String stdout) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                events.add(CliHarness.MAPPER.readTree(line));
            }
        }
        return events;
    }

    private String[] args(String... extra) {
        List<String> a = new ArrayList<>(List.of("upload", source.toString(), "-r", "--endpoint", oss.endpoint(),
                "--bucket", OssFixture.BUCKET, "--key-prefix", "in/", "--part-size", "100KiB",
                "--parallel", String.valueOf(PARALLEL), "--checkpoint-dir", checkpoints.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private Map<String, String> credentials() {
        return Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK, "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET,
                "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN, "HOME", dir.resolve("home").toString());
    }

    private ChildCli child() {
        ChildCli child = new ChildCli(dir);
        credentials().forEach(child::env);
        return child;
    }
}
