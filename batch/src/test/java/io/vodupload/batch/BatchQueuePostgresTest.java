package io.vodupload.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue on a real PostgreSQL shared by several workers (queues opened separately, as processes would). */
@ExtendWith(EmbeddedPostgresExtension.class)
class BatchQueuePostgresTest extends BatchQueueContract {

    @Override
    String newUrl() {
        return EmbeddedPostgresExtension.newDatabaseUrl();
    }

    @Test
    void twoWorkers_shareOneBatch_eachFileRunsOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("f" + i + ".mp4");
        }
        queue.submit(batch("shared", keys.toArray(String[]::new)));
        BatchQueue other = open(url);
        // no file finishes until both workers have started one: both take part
        CountDownLatch bothStarted = new CountDownLatch(2);
        FakeUploader first = firstWaitsFor(bothStarted);
        FakeUploader second = firstWaitsFor(bothStarted);

        CompletableFuture<WorkResult> a = CompletableFuture.supplyAsync(() -> work(queue, first));
        CompletableFuture<WorkResult> b = CompletableFuture.supplyAsync(() -> work(other, second));
        WorkResult ra = a.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        WorkResult rb = b.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

        List<String> all = new ArrayList<>(first.keys());
        all.addAll(second.keys());
        assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(first.keys()).isNotEmpty();
        assertThat(second.keys()).isNotEmpty();
        assertThat(ra.succeeded() + rb.succeeded()).isEqualTo(40);
        assertThat(queue.status(Optional.of("shared")).succeeded()).isEqualTo(40);
    }

    /** Every file waits until both workers have started one (each counts down once, on its first file). */
    private static FakeUploader firstWaitsFor(CountDownLatch bothStarted) {
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        return new FakeUploader().otherwise((task, context) -> {
            if (first.getAndSet(false)) {
                bothStarted.countDown();
            }
            assertThat(bothStarted.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("both workers started").isTrue();
            return new FileOutcome.Succeeded(task.file().length(), Optional.empty());
        });
    }

    private static WorkResult work(BatchQueue q, FakeUploader uploader) {
        try {
            return q.work(FAST, uploader, BatchListener.NONE);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void deadWorker_itsFileIsTakenOverWithTheSameVideoId() throws Exception {
        queue.submit(batch("b1", "big.mp4"));
        WorkOptions shortHeartbeat = FAST.withHeartbeat(Duration.ofMillis(200)).withMissedHeartbeats(4);
        CountDownLatch started = new CountDownLatch(1);
        FakeUploader dying = new FakeUploader().otherwise((task, context) -> {
            context.videoId("video-of-the-dead");
            started.countDown();
            new CountDownLatch(1).await(); // until the simulated death interrupts it
            throw new AssertionError("unreachable");
        });
        Worker doomed = queue.worker(shortHeartbeat, dying, BatchListener.NONE);
        CompletableFuture.runAsync(doomed::run);
        await(started);
        doomed.simulateDeath();
        assertThat(statusOf("b1", "big.mp4")).isEqualTo(FileStatus.RUNNING);

        BatchQueue survivor = open(url);
        FakeUploader taker = new FakeUploader();
        WorkResult result = survivor.work(shortHeartbeat, taker, BatchListener.NONE);

        assertThat(taker.calls()).extracting(FakeUploader.Call::videoId).containsExactly(Optional.of("video-of-the-dead"));
        assertThat(taker.calls()).extracting(FakeUploader.Call::attempt).containsExactly(2);
        assertThat(result.succeeded()).isEqualTo(1);
        assertThat(statusOf("b1", "big.mp4")).isEqualTo(FileStatus.SUCCEEDED);
        assertThat(new HashSet<>(dying.keys())).containsExactly("big.mp4");
    }
}
