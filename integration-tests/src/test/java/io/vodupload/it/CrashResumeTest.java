package io.vodupload.it;

import static io.vodupload.it.TestFiles.KIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.local.JsonFileCheckpointStore;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.Crc64;
import io.vodupload.testkit.oss.OssOperation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault matrix, crash: a child JVM uploading with the JSON-file checkpoint store is killed with SIGKILL
 * mid-upload; a new JVM resumes the same multipart upload from the checkpoint on disk and finishes it.
 * What was sent again is at most what was in flight when the first JVM died: parallelism × part size.
 */
class CrashResumeTest {

    private static final long PART_SIZE = 100L * KIB;
    private static final int PARTS = 32;
    private static final long SIZE = PARTS * PART_SIZE - 1234; // a short last part
    private static final int PARALLELISM = 3;
    private static final int KILL_AFTER_PARTS = 6;
    /** Real time, by nature: slow enough that the first JVM is still busy when the test kills it. */
    private static final Duration DELAY = Duration.ofMillis(100);

    @TempDir
    Path dir;

    @Test
    void upload_childJvmKilledWithSigkill_newJvmResumesAndResendsAtMostWhatWasInFlight() throws Exception {
        Path file = TestFiles.random(dir.resolve("crash.bin"), SIZE, 71);
        Path checkpoints = dir.resolve("checkpoints");
        String key = "crash/resumed.bin";
        try (Rig rig = Rig.start()) {
            rig.server.faults().delayEveryRequest(DELAY);

            Child first = Child.start(rig, file, key, checkpoints, dir.resolve("first.err"));
            String started = first.awaitLine(l -> l.startsWith("STARTED"));
            assertThat(started).contains("resumed=false");
            String uploadId = started.replaceAll(".*uploadId=(\\S+).*", "$1");
            first.awaitLine(l -> l.startsWith("CHECKPOINT ")
                    && Integer.parseInt(l.substring("CHECKPOINT ".length())) >= KILL_AFTER_PARTS);
            first.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally
            assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
            assertThat(first.lines).as("the first JVM never finished").noneMatch(l -> l.startsWith("SUCCESS"));

            List<Checkpoint> left = new JsonFileCheckpointStore(checkpoints).list();
            assertThat(left).as("the checkpoint the dead JVM left").singleElement()
                    .satisfies(cp -> assertThat(cp.uploadId()).isEqualTo(uploadId));
            int partsOnDisk = left.get(0).parts().size();
            assertThat(partsOnDisk).isBetween(KILL_AFTER_PARTS, PARTS - 1);
            assertThat(rig.server.uploadIds()).contains(uploadId);

            rig.server.faults().delayEveryRequest(Duration.ZERO);
            Child second = Child.start(rig, file, key, checkpoints, dir.resolve("second.err"));
            String resumed = second.awaitLine(l -> l.startsWith("STARTED"));
            String outcome = second.awaitLine(l -> l.startsWith("SUCCESS") || l.startsWith("FAILED"));
            String callbacks = second.awaitLine(l -> l.startsWith("CALLBACKS"));
            assertThat(second.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(second.process.exitValue()).isZero();

            assertThat(resumed).contains("resumed=true", "uploadId=" + uploadId);
            int alreadyDone = Integer.parseInt(resumed.replaceAll(".*alreadyDone=(\\d+).*", "$1"));
            assertThat(alreadyDone).as("parts the new JVM took as done").isGreaterThanOrEqualTo(partsOnDisk);
            assertThat(outcome).isEqualTo("SUCCESS crc64=" + Crc64.toUnsignedString(Digest.of(file).crc64()));
            assertThat(callbacks).isEqualTo("CALLBACKS OK");

            Map<Integer, Integer> attempts = rig.server.stats().partAttempts(uploadId);
            assertThat(attempts).as("parts of the one multipart upload").hasSize(PARTS);
            int sentAgain = attempts.values().stream().mapToInt(n -> n - 1).sum();
            System.out.printf("crash/resume: %d parts checkpointed at the kill, %d taken as done, %d sent again, "
                    + "%d bytes received for a %d-byte file%n", partsOnDisk, alreadyDone, sentAgain,
                    rig.server.stats().bytesReceived(), SIZE);
            // the parts in flight at the kill, plus those stored while the last checkpoint write was on disk
            // (checkpoint writes run off the engine lock and coalesce: at most one round of parallel parts)
            assertThat(sentAgain * PART_SIZE).as("bytes sent again (whole parts, an upper bound)")
                    .isLessThanOrEqualTo(2L * PARALLELISM * PART_SIZE);
            // the same bound from the bytes the server read, less the file and the Complete XML (~100 bytes a part)
            assertThat(rig.server.stats().bytesReceived() - SIZE).as("bytes received beyond the file")
                    .isLessThanOrEqualTo(2L * PARALLELISM * PART_SIZE + PARTS * 100L + 1024);
            assertThat(rig.server.stats().requests(OssOperation.INITIATE_MULTIPART)).isEqualTo(1);
            assertThat(rig.server.uploadIds()).isEmpty();
            assertThat(new JsonFileCheckpointStore(checkpoints).list()).as("checkpoints after success").isEmpty();
            rig.assertSignedOnlyWith(Rig.Signature.V4);
            rig.assertObjectEquals(key, file);
        }
    }

    /** A running {@link UploadChild}, its standard output read line by line on a daemon thread. */
    private static final class Child {
        final Process process;
        final List<String> lines = new ArrayList<>();
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        queue.add(line);
                    }
                } catch (IOException e) {
                    // the process died: nothing more to read
                }
                queue.add("<EOF>");
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Rig rig, Path file, String key, Path checkpoints, Path stderr) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    UploadChild.class.getName(),
                    rig.server.endpoint().toString(), rig.server.region(), Rig.BUCKET, key, file.toString(),
                    checkpoints.toString(), Long.toString(PART_SIZE), Integer.toString(PARALLELISM))
                    .redirectError(stderr.toFile());
            Process process = pb.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(Rig.childCredentials().getBytes(StandardCharsets.UTF_8));
            }
            return new Child(process);
        }

        /** The first line from now on that matches, within a minute; fails on end of output. */
        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (true) {
                String line = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("the child said nothing wanted within a minute; it said: " + lines);
                }
                if (line.equals("<EOF>")) {
                    throw new AssertionError("the child ended without the line wanted; it said: " + lines);
                }
                lines.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }
    }
}
