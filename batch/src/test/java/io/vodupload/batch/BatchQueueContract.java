package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database the queue runs on must do, run against SQLite and PostgreSQL by the subclasses.
 * Time passes for real (db-scheduler polls and beats on its own threads), but nothing sleeps to wait:
 * latches and {@link #awaitTrue} with a deadline.
 */
abstract class BatchQueueContract {

    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Fast polling and no retry delay: the tests wait on latches, not on the clock. */
    static final WorkOptions FAST = WorkOptions.defaults().withPollingInterval(Duration.ofMillis(50))
            .withRetryDelay(Duration.ZERO);

    final List<BatchQueue> opened = new ArrayList<>();
    BatchQueue queue;
    String url;

    /** A JDBC URL of a new, empty database. */
    abstract String newUrl() throws Exception;

    @BeforeEach
    void openQueue() throws Exception {
        url = newUrl();
        queue = open(url);
    }

    @AfterEach
    void closeQueues() {
        opened.forEach(BatchQueue::close);
    }

    BatchQueue open(String jdbcUrl) {
        BatchQueue q = BatchQueue.open(jdbcUrl, new Properties(), Clock.systemUTC());
        opened.add(q);
        return q;
    }

    static BatchFile file(String key) {
        return new BatchFile("/data/" + key, key, 100 + key.length(), 1_000L, 2_000L, Map.of("title", key));
    }

    static BatchSubmission batch(String batchId, String... keys) {
        List<BatchFile> files = new ArrayList<>();
        for (String key : keys) {
            files.add(file(key));
        }
        return new BatchSubmission(batchId, Map.of("bucket", "b", "partSize", "8388608"), files);
    }

    int scheduledTasks() throws SQLException {
        return count("SELECT COUNT(*) FROM vodupload_scheduled_tasks");
    }

    int count(String sql, Object... parameters) throws SQLException {
        try (Connection c = queue.database().connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        Instant end = Instant.now().plus(DEADLINE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("latch within deadline").isTrue();
    }

    FileStatus statusOf(String batchId, String key) {
        return queue.status(Optional.of(batchId)).files().stream().filter(f -> f.key().equals(key)).findFirst()
                .orElseThrow().status();
    }

    @Test
    void submit_twice_schedulesEachFileOnce() throws Exception {
        SubmitResult first = queue.submit(batch("b1", "a.mp4", "b.mp4", "c.mp4"));
        SubmitResult second = queue.submit(batch("b1", "a.mp4", "b.mp4", "c.mp4"));

        assertThat(first.scheduled()).isEqualTo(3);
        assertThat(second.scheduled()).isEqualTo(3);
        assertThat(second.skipped()).isEmpty();
        assertThat(scheduledTasks()).isEqualTo(3);
        assertThat(queue.status(Optional.of("b1")).pending()).isEqualTo(3);

        FakeUploader uploader = new FakeUploader();
        WorkResult result = queue.work(FAST, uploader, BatchListener.NONE);

        assertThat(uploader.keys()).containsExactlyInAnyOrder("a.mp4", "b.mp4", "c.mp4");
        assertThat(result).isEqualTo(new WorkResult(3, 0, false));
        assertThat(scheduledTasks()).isZero();
        assertThat(queue.status(Optional.of("b1")).succeeded()).isEqualTo(3);
    }

    @Test
    void submit_afterSuccess_skipsUnchangedAndReschedulesChanged() throws Exception {
        queue.submit(batch("b1", "same.mp4", "changed.mp4"));
        queue.work(FAST, new FakeUploader(), BatchListener.NONE);

        BatchFile changed = new BatchFile("/data/changed.mp4", "changed.mp4", 999, 1_000L, 3_000L, Map.of());
        SubmitResult again = queue.submit(new BatchSubmission("b1", Map.of("bucket", "b"),
                List.of(file("same.mp4"), changed)));

        assertThat(again.skipped()).containsExactly(file("same.mp4"));
        assertThat(again.scheduled()).isEqualTo(1);
        assertThat(statusOf("b1", "changed.mp4")).isEqualTo(FileStatus.PENDING);
        FakeUploader uploader = new FakeUploader();
        queue.work(FAST, uploader, BatchListener.NONE);
        assertThat(uploader.keys()).containsExactly("changed.mp4");
        assertThat(uploader.calls().get(0).attempt()).isEqualTo(1);
    }

    @Test
    void work_retryableFailures_failsAfterMaxAttemptsWithoutReschedule() throws Exception {
        queue.submit(batch("b1", "bad.mp4", "good.mp4"));
        FakeUploader uploader = new FakeUploader().on("bad.mp4", (task, context) -> FakeUploader.retryable("Boom"));
        List<Boolean> lasts = new java.util.concurrent.CopyOnWriteArrayList<>();
        BatchListener listener = new BatchListener() {
            @Override
            public void fileFinished(FileTask task, FileOutcome outcome, boolean last) {
                if (task.file().key().equals("bad.mp4")) {
                    lasts.add(last);
                }
            }
        };

        WorkResult result = queue.work(FAST.withMaxAttempts(3), uploader, listener);

        assertThat(uploader.calls().stream().filter(c -> c.key().equals("bad.mp4")).map(FakeUploader.Call::attempt))
                .containsExactly(1, 2, 3);
        assertThat(lasts).containsExactly(false, false, true);
        assertThat(result).isEqualTo(new WorkResult(1, 1, false));
        assertThat(scheduledTasks()).isZero();
        FileState bad = queue.status(Optional.of("b1")).files().stream().filter(f -> f.key().equals("bad.mp4"))
                .findFirst().orElseThrow();
        assertThat(bad.status()).isEqualTo(FileStatus.FAILED);
        assertThat(bad.error()).contains("Boom: scripted failure Boom");
    }

    @Test
    void work_nonRetryableFailure_failsAtOnce() throws Exception {
        queue.submit(batch("b1", "refused.mp4"));
        FakeUploader uploader = new FakeUploader().otherwise((task, context) ->
                new FileOutcome.Failed("InvalidArgument", "the key is refused", false, Optional.empty()));

        WorkResult result = queue.work(FAST.withMaxAttempts(5), uploader, BatchListener.NONE);

        assertThat(uploader.calls()).hasSize(1);
        assertThat(result.failed()).isEqualTo(1);
        assertThat(statusOf("b1", "refused.mp4")).isEqualTo(FileStatus.FAILED);
    }

    @Test
    void work_uploaderThrows_countsAsRetryableFailureWithoutItsMessage() throws Exception {
        queue.submit(batch("b1", "x.mp4"));
        FakeUploader uploader = new FakeUploader().otherwise((task, context) -> {
            throw new IllegalStateException("secret-looking text s3cr3t");
        });

        queue.work(FAST.withMaxAttempts(2), uploader, BatchListener.NONE);

        assertThat(uploader.calls()).hasSize(2);
        FileState state = queue.status(Optional.empty()).files().get(0);
        assertThat(state.status()).isEqualTo(FileStatus.FAILED);
        assertThat(state.error().orElseThrow()).startsWith("UploaderError").doesNotContain("s3cr3t");
    }

    @Test
    void work_videoIdOfAFailedAttempt_isGivenToTheNextAttempt() throws Exception {
        queue.submit(batch("b1", "clip.mp4"));
        FakeUploader uploader = new FakeUploader().otherwise((task, context) -> {
            if (task.attempt() == 1) {
                context.videoId("video-1");
                return FakeUploader.retryable("RequestTimeout");
            }
            return new FileOutcome.Succeeded(10, task.videoId());
        });

        queue.work(FAST, uploader, BatchListener.NONE);

        assertThat(uploader.calls()).extracting(FakeUploader.Call::videoId)
                .containsExactly(Optional.empty(), Optional.of("video-1"));
        assertThat(statusOf("b1", "clip.mp4")).isEqualTo(FileStatus.SUCCEEDED);
    }

    @Test
    void work_onlyBatch_runsOnlyThatBatchsFiles() throws Exception {
        queue.submit(batch("first", "a.mp4", "b.mp4"));
        queue.submit(batch("second", "c.mp4", "d.mp4"));
        FakeUploader uploader = new FakeUploader();

        WorkResult result = queue.work(FAST.withOnlyBatch("second"), uploader, BatchListener.NONE);

        assertThat(uploader.calls()).extracting(FakeUploader.Call::batchId).containsOnly("second");
        assertThat(uploader.keys()).containsExactlyInAnyOrder("c.mp4", "d.mp4");
        assertThat(result.succeeded()).isEqualTo(2);
        assertThat(queue.status(Optional.of("first")).pending()).isEqualTo(2);

        FakeUploader all = new FakeUploader();
        queue.work(FAST, all, BatchListener.NONE);
        assertThat(all.keys()).containsExactlyInAnyOrder("a.mp4", "b.mp4");
    }

    @Test
    void work_batchIdThatPrefixesAnother_doesNotRunTheOther() throws Exception {
        queue.submit(batch("ab", "x.mp4"));
        queue.submit(batch("a", "y.mp4"));
        FakeUploader uploader = new FakeUploader();

        queue.work(FAST.withOnlyBatch("a"), uploader, BatchListener.NONE);

        assertThat(uploader.keys()).containsExactly("y.mp4");
    }

    @Test
    void work_interrupted_releasesItsFileAtOnceForTheNextWorker() throws Exception {
        queue.submit(batch("b1", "long.mp4"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        FakeUploader blocking = new FakeUploader().otherwise((task, context) -> {
            started.countDown();
            never.await();
            throw new AssertionError("not interrupted");
        });
        AtomicReference<WorkResult> result = new AtomicReference<>();
        // the default heartbeat: a takeover would take 30 s and more, so only a release lets the next worker in
        WorkOptions options = WorkOptions.defaults().withPollingInterval(Duration.ofMillis(50));
        Thread worker = new Thread(() -> {
            try {
                result.set(queue.work(options, blocking, BatchListener.NONE));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        worker.start();
        await(started);
        assertThat(statusOf("b1", "long.mp4")).isEqualTo(FileStatus.RUNNING);

        Instant interruptedAt = Instant.now();
        worker.interrupt();
        worker.join(DEADLINE.toMillis());

        assertThat(worker.isAlive()).isFalse();
        assertThat(result.get().interrupted()).isTrue();
        assertThat(statusOf("b1", "long.mp4")).isEqualTo(FileStatus.PENDING);
        assertThat(count("SELECT COUNT(*) FROM vodupload_scheduled_tasks WHERE picked = ?", false)).isEqualTo(1);
        FakeUploader next = new FakeUploader();
        queue.work(options, next, BatchListener.NONE);
        assertThat(next.calls()).extracting(FakeUploader.Call::attempt).containsExactly(1);
        assertThat(Duration.between(interruptedAt, Instant.now())).isLessThan(options.heartbeat()
                .multipliedBy(options.missedHeartbeats()));
    }

    @Test
    void statusRetryFailedCancel_moveFilesBetweenStates() throws Exception {
        queue.submit(batch("b1", "fails.mp4", "ok.mp4"));
        queue.work(FAST.withMaxAttempts(1), new FakeUploader().on("fails.mp4",
                (task, context) -> FakeUploader.retryable("Boom")), BatchListener.NONE);
        queue.submit(batch("b2", "waiting.mp4"));

        QueueStatus before = queue.status(Optional.empty());
        assertThat(List.of(before.pending(), before.running(), before.succeeded(), before.failed(), before.canceled()))
                .containsExactly(1, 0, 1, 1, 0);
        assertThat(before.files()).extracting(FileState::key).containsExactly("fails.mp4", "ok.mp4", "waiting.mp4");

        assertThat(queue.retryFailed(Optional.of("b1"))).isEqualTo(1);
        assertThat(statusOf("b1", "fails.mp4")).isEqualTo(FileStatus.PENDING);
        assertThat(scheduledTasks()).isEqualTo(2);

        assertThat(queue.cancel(Optional.of("b2"))).isEqualTo(1);
        assertThat(statusOf("b2", "waiting.mp4")).isEqualTo(FileStatus.CANCELED);
        assertThat(scheduledTasks()).isEqualTo(1);

        FakeUploader uploader = new FakeUploader();
        queue.work(FAST, uploader, BatchListener.NONE);
        assertThat(uploader.keys()).containsExactly("fails.mp4");

        assertThat(queue.submit(batch("b2", "waiting.mp4")).scheduled()).isEqualTo(1);
        assertThat(statusOf("b2", "waiting.mp4")).isEqualTo(FileStatus.PENDING);
        assertThat(queue.cancel(Optional.empty())).isEqualTo(1);
        assertThat(queue.retryFailed(Optional.empty())).isZero();
    }

    @Test
    void submit_storesTaskDataAsJsonWithoutSecrets() throws Exception {
        queue.submit(batch("b1", "a.mp4"));

        byte[] data;
        try (Connection c = queue.database().connection();
             PreparedStatement s = c.prepareStatement("SELECT task_data FROM vodupload_scheduled_tasks");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            data = rows.getBytes(1);
        }
        JsonNode json = new ObjectMapper().readTree(data);
        assertThat(json.get("source").asText()).isEqualTo("/data/a.mp4");
        assertThat(json.get("key").asText()).isEqualTo("a.mp4");
        assertThat(json.get("settings").get("bucket").asText()).isEqualTo("b");
        assertThat(json.get("vodInfo").get("title").asText()).isEqualTo("a.mp4");
    }

    @Test
    void submit_settingThatLooksLikeASecret_isRefused() {
        for (String name : List.of("accessKeySecret", "securityToken", "uploadAuth", "dbPassword")) {
            BatchSubmission submission = new BatchSubmission("b1", Map.of(name, "x"), List.of(file("a.mp4")));
            assertThatThrownBy(() -> queue.submit(submission)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name).hasMessageNotContaining("=x");
        }
    }

    @Test
    void work_listenerThatThrows_doesNotStopTheFile() throws Exception {
        queue.submit(batch("b1", "a.mp4"));
        BatchListener throwing = new BatchListener() {
            @Override
            public void fileStarted(FileTask task) {
                throw new IllegalStateException("listener bug");
            }
        };

        WorkResult result = queue.work(FAST, new FakeUploader(), throwing);

        assertThat(result.succeeded()).isEqualTo(1);
    }

    @Test
    void work_follow_takesFilesSubmittedLaterUntilInterrupted() throws Exception {
        FakeUploader uploader = new FakeUploader();
        CompletableFuture<WorkResult> follower = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                follower.complete(queue.work(FAST.withFollow(true), uploader, BatchListener.NONE));
            } catch (Throwable t) {
                follower.completeExceptionally(t);
            }
        });
        worker.start();

        queue.submit(batch("later", "a.mp4"));
        awaitTrue("the follower uploads the file submitted later", () -> uploader.keys().contains("a.mp4"));
        awaitTrue("the file is recorded", () -> statusOf("later", "a.mp4") == FileStatus.SUCCEEDED);
        worker.interrupt();

        assertThat(follower.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new WorkResult(1, 0, true));
    }
}
