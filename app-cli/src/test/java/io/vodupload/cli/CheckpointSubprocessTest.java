package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checkpoints and the embedded local store under abuse, with {@code vodupload} as real processes: two
 * processes on one checkpoint, a damaged checkpoint, a checkpoint directory that cannot be written, a
 * staging directory replaced by a symbolic link, abandoned staging, an object path that is a link.
 * A process is frozen with SIGSTOP (or killed with SIGKILL) right after one of its JSON events, so
 * nothing waits on a timer.
 */
class CheckpointSubprocessTest {

    private static final int PART = 100 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Path file;
    private Path store;
    private Path checkpoints;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        file = TestFiles.random(dir.resolve("big.mp4"), 16L * 1024 * 1024 + 999, 7);
        store = dir.resolve("store");
        checkpoints = dir.resolve("checkpoints");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            if (p.isAlive()) {
                signal(p, "CONT");
                p.destroyForcibly();
            }
        }
    }

    @Test
    void upload_secondProcessOnTheSameCheckpoint_exits1UploadInProgressNamingTheFirstWhichSucceeds() throws Exception {
        Child first = start("upload", file.toString(), "--store", store.toString(), "--checkpoint-dir",
                checkpoints.toString(), "--part-size", "100KiB", "--parallel", "1", "--json");
        first.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > 2L * PART);
        signal(first.process, "STOP"); // frozen mid-upload, holding its checkpoint lock

        Child second = start("upload", file.toString(), "--store", store.toString(), "--checkpoint-dir",
                checkpoints.toString(), "--part-size", "100KiB", "--parallel", "1", "--json");
        second.await();

        assertThat(second.exitCode()).as(second.stderr()).isEqualTo(Exit.FAILED);
        assertThat(second.stderr()).contains("UploadInProgress").contains("pid " + first.process.pid());
        JsonNode failed = second.lastEvent();
        assertThat(failed.get("event").asText()).isEqualTo("failed");
        assertThat(failed.get("code").asText()).isEqualTo("UploadInProgress");

        signal(first.process, "CONT");
        first.await();
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(Files.mismatch(store.resolve("media").resolve("big.mp4"), file)).isEqualTo(-1L);
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
        assertThat(stagingEntries()).isEmpty();
    }

    @Test
    void upload_checkpointWithOverflowingOffset_warnsOnceDiscardsItAndUploads() throws Exception {
        Path checkpoint = leaveCheckpoint();
        ObjectNode json = (ObjectNode) CliHarness.MAPPER.readTree(checkpoint.toFile());
        ObjectNode part = (ObjectNode) json.get("parts").get(0);
        part.put("offset", Long.MAX_VALUE);
        part.put("size", 10);
        CliHarness.MAPPER.writeValue(checkpoint.toFile(), json);

        Child rerun = start(args());
        rerun.await();

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        List<String> warnings = rerun.stderr().lines().filter(l -> l.contains("warning")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("vodupload: warning: discarded checkpoint ")
                .contains(checkpoint.getFileName().toString());
        assertThat(rerun.stderr()).doesNotContain("FileUnreadable");
        assertThat(Files.mismatch(store.resolve("media").resolve("big.mp4"), file)).isEqualTo(-1L);

        Child again = start(args());
        again.await();
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stderr()).doesNotContain("warning");
    }

    @Test
    void upload_checkpointDirCannotBeCreated_warnsOnceAtTheStartAndTheInterruptClaimsNoCheckpoint() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path unwritable = blocker.resolve("checkpoints");
        Child child = start("upload", file.toString(), "--store", store.toString(), "--checkpoint-dir",
                unwritable.toString(), "--part-size", "100KiB", "--parallel", "1", "--json");
        child.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > PART);
        child.process.destroy(); // SIGTERM, handled like Ctrl-C
        child.await();

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(Exit.INTERRUPTED);
        List<String> warnings = child.stderr().lines().filter(l -> l.contains("warning")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("cannot write checkpoints in " + unwritable)
                .contains("this upload cannot resume");
        List<JsonNode> events = child.events(); // every stdout line is one JSON object
        assertThat(events.get(0).get("event").asText()).isEqualTo("warning");
        assertThat(events.get(0).get("code").asText()).isEqualTo("CheckpointUnavailable");
        assertThat(events.stream().filter(e -> e.get("event").asText().equals("warning"))).hasSize(1);
        assertThat(child.stderr()).doesNotContain("checkpoint kept").contains("no checkpoint was written");
    }

    @Test
    void upload_stagingDirectoryReplacedByALinkOutside_writesNothingOutsideAndSucceeds() throws Exception {
        leaveCheckpoint();
        Path staging = single(stagingEntries());
        Path outside = Files.createDirectories(dir.resolve("outside"));
        try (Stream<Path> files = Files.list(staging)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.copy(p, outside.resolve(p.getFileName()));
            }
        }
        List<String> before = listing(outside);
        deleteTree(staging);
        Files.createSymbolicLink(staging, outside);

        Child rerun = start(args());
        rerun.await();

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(listing(outside)).isEqualTo(before);
        assertThat(Files.mismatch(store.resolve("media").resolve("big.mp4"), file)).isEqualTo(-1L);
        assertThat(stagingEntries()).isEmpty();
    }

    @Test
    void checkpointsRemoveAll_abortsTheStagedPartsOfTheLocalStore() throws Exception {
        leaveCheckpoint();
        assertThat(stagingEntries()).hasSize(1);

        Child remove = start("checkpoints", "remove", "--all", "--checkpoint-dir", checkpoints.toString());
        remove.await();

        assertThat(remove.exitCode()).as(remove.stderr()).isZero();
        assertThat(TestFiles.countCheckpoints(checkpoints)).isZero();
        assertThat(stagingEntries()).isEmpty();
    }

    @Test
    void upload_noResume_abortsTheStagedPartsItAbandons() throws Exception {
        leaveCheckpoint();
        Path abandoned = single(stagingEntries());

        List<String> args = new ArrayList<>(List.of(args()));
        args.add("--no-resume");
        Child rerun = start(args.toArray(String[]::new));
        rerun.await();

        assertThat(rerun.exitCode()).as(rerun.stderr()).isZero();
        assertThat(abandoned).doesNotExist();
        assertThat(stagingEntries()).isEmpty();
        assertThat(Files.mismatch(store.resolve("media").resolve("big.mp4"), file)).isEqualTo(-1L);
    }

    @Test
    void upload_objectPathIsALinkOutsideTheStore_exits2SayingSo() throws Exception {
        Path small = TestFiles.random(dir.resolve("small.mp4"), 1000, 3);
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createDirectories(store.resolve("media"));
        Files.createSymbolicLink(store.resolve("media").resolve("small.mp4"), outside.resolve("small.mp4"));

        Child child = start("upload", small.toString(), "--store", store.toString(), "--checkpoint-dir",
                checkpoints.toString());
        child.await();

        assertThat(child.exitCode()).as(child.stderr()).isEqualTo(Exit.USAGE);
        assertThat(child.stderr()).contains("InvalidObjectName").contains("symbolic link");
        assertThat(listing(outside)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private String[] args() {
        return new String[] {"upload", file.toString(), "--store", store.toString(), "--checkpoint-dir",
            checkpoints.toString(), "--part-size", "100KiB", "--parallel", "1", "--json"};
    }

    /** Starts an upload, kills it (SIGKILL) after a few parts, and returns the checkpoint it left. */
    private Path leaveCheckpoint() throws Exception {
        Child child = start(args());
        child.awaitEvent(e -> e.get("event").asText().equals("progress") && e.get("uploaded").asLong() > 3L * PART);
        signal(child.process, "STOP");
        child.process.destroyForcibly();
        assertThat(child.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        try (Stream<Path> files = Files.list(checkpoints)) {
            return single(files.filter(p -> p.getFileName().toString().endsWith(".json")).toList());
        }
    }

    private List<Path> stagingEntries() throws IOException {
        Path uploads = store.resolve(".vodupload").resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(uploads)) {
            return entries.toList();
        }
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> !p.equals(directory))
                    .map(p -> directory.relativize(p) + " " + p.toFile().length()).sorted().toList();
        }
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Child start(String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderr.toFile());
        pb.environment().put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        processes.add(p);
        return new Child(p, stderr);
    }

    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A running child: its stdout lines arrive on a queue, read by a daemon thread. */
    private static final class Child {
        final Process process;
        private final Path stderrFile;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private boolean ended;

        Child(Process process, Path stderrFile) {
            this.process = process;
            this.stderrFile = stderrFile;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
                lines.add("<eof>");
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        void awaitEvent(Predicate<JsonNode> wanted) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || line.equals("<eof>")) {
                    throw new AssertionError("the process ended or went quiet before the event; stdout:\n"
                            + String.join("\n", seen) + "\nstderr:\n" + stderr());
                }
                seen.add(line);
                if (wanted.test(CliHarness.MAPPER.readTree(line))) {
                    return;
                }
            }
        }

        void await() throws Exception {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the process ended").isTrue();
            while (!ended) {
                String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                if (line == null || line.equals("<eof>")) {
                    ended = true;
                } else {
                    seen.add(line);
                }
            }
        }

        int exitCode() {
            return process.exitValue();
        }

        List<JsonNode> events() throws IOException {
            List<JsonNode> events = new ArrayList<>();
            for (String line : seen) {
                events.add(CliHarness.MAPPER.readTree(line)); // throws when a line is not JSON
            }
            return events;
        }

        JsonNode lastEvent() throws IOException {
            List<JsonNode> events = events();
            return events.get(events.size() - 1);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile);
        }
    }
}
