package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.TARGET;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.QueuedFileStatus;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.Ticket;
import io.vodupload.ports.TicketSource;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.InMemoryQueueStore;
import io.vodupload.testkit.StorageFaults.Operation;
import io.vodupload.testkit.memory.Gate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

class UploadQueueTest {

    private static final long MS = WAIT.toMillis();

    @TempDir
    Path dir;

    private Fixture f;
    private final List<UploadQueue> queues = new ArrayList<>();
    private final InMemoryQueueStore store = new InMemoryQueueStore();
    private final Recorder recorder = new Recorder();

    private Fixture fixture() {
        if (f == null) {
            f = new Fixture(dir);
        }
        return f;
    }

    @AfterEach
    void closeQueues() {
        queues.forEach(UploadQueue::close);
        if (f != null) {
            f.storage.clear();  // opens any gate still held
        }
    }

    private UploadQueue.Builder builder() {
        return UploadQueue.builder(fixture().uploader()).config(Fixture.config().build())
                .credentials(CredentialsProvider.fixed(OLD)).store(store).callback(recorder);
    }

    private UploadQueue queue(UploadQueue.Builder builder) {
        UploadQueue queue = builder.build();
        queues.add(queue);
        return queue;
    }

    private static StorageTarget target(String key) {
        return TARGET.withKey(key);
    }

    private byte[] stored(String key) {
        return f.storage.objectBytes(target(key)).orElseThrow(() -> new AssertionError("no object " + key));
    }

    private static List<QueuedFileStatus> statuses(UploadQueue queue) {
        return queue.listFiles().stream().map(QueuedFileInfo::status).toList();
    }

    @Test
    void addFile_thenStart_uploadsEveryFileInOrderAndTellsTheQueueFinished() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder());
        List<Path> files = List.of(f.file("a.bin", 3L * PART, 1), f.file("b.bin", PART / 2, 2),
                f.file("c.bin", 2L * PART + 7, 3));
        List<String> ids = new ArrayList<>();
        for (Path file : files) {
            ids.add(queue.addFile(file, target(file.getFileName().toString())).id());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(statuses(queue)).containsOnly(QueuedFileStatus.READY);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isZero();

        queue.start();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(3, 0, 0));
        for (Path file : files) {
            assertThat(stored(file.getFileName().toString())).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(queue.listFiles()).extracting(QueuedFileInfo::id).containsExactlyElementsOf(ids);
        assertThat(queue.listFiles()).allSatisfy(i -> {
            assertThat(i.status()).isEqualTo(QueuedFileStatus.SUCCEEDED);
            assertThat(i.bytesUploaded()).isEqualTo(i.totalBytes()).isEqualTo(Files.size(i.source()));
            assertThat(i.errorCode()).isEmpty();
        });
        assertThat(store.list()).isEqualTo(queue.listFiles());
        recorder.assertEachFileStartedOnceThenSucceeded(ids);
    }

    @Test
    void start_callbacksOfOneFile_comeInOrderWithItsInfo() throws Exception {
        Fixture f = fixture();
        QueueCallback callback = mock(QueueCallback.class);
        UploadQueue queue = queue(builder().callback(callback));
        String id = queue.addFile(f.file(2L * PART), target("one.bin")).id();

        queue.start();

        verify(callback, timeout(MS)).onQueueFinished(new QueueCounts(1, 0, 0));
        InOrder order = inOrder(callback);
        order.verify(callback).onUploadStarted(argThat(i -> i.id().equals(id)
                && i.status() == QueuedFileStatus.UPLOADING && i.totalBytes() == 2L * PART));
        order.verify(callback).onUploadProgress(argThat(i -> i.id().equals(id)), eq(2L * PART), eq(2L * PART));
        order.verify(callback).onUploadSucceed(argThat(i -> i.status() == QueuedFileStatus.SUCCEEDED),
                any(UploadResult.class));
        order.verify(callback).onQueueFinished(new QueueCounts(1, 0, 0));
        verify(callback, never()).onUploadFailed(any(), any(), any());
    }

    @Test
    void start_manyFiles_neverMoreThanFilesInFlightNorTheConnectionBudget() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder().filesInFlight(2).maxConnections(3)
                .config(Fixture.config().parallelism(4).build()));
        recorder.watch(queue);
        for (int i = 0; i < 5; i++) {
            queue.addFile(f.file("f" + i + ".bin", 3L * PART, i), target("f" + i + ".bin"));
        }
        Gate held = f.storage.holdPart(1);

        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();
        // the held file keeps its slot; the other slot carries the other four files one after another
        recorder.await(r -> r.succeeded.size() == 4);
        assertThat(statuses(queue)).containsOnly(QueuedFileStatus.SUCCEEDED, QueuedFileStatus.UPLOADING)
                .filteredOn(s -> s == QueuedFileStatus.UPLOADING).hasSize(1);
        held.open();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(5, 0, 0));
        assertThat(recorder.maxUploading.get()).isBetween(1, 2);
        assertThat(queue.fileConfig().parallelism()).isEqualTo(1);
        assertThat(f.storage.statistics().maxConcurrentPartUploads()).isLessThanOrEqualTo(3);
    }

    @Test
    void start_eightFilesOfFourParts_runOnTheUploadersPoolWithinTheConnectionBudgetAndNoThreadOfTheQueues()
            throws Exception {
        Fixture f = fixture();
        Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
        HoldingStorage storage = new HoldingStorage(f.storage, 16);
        Uploader uploader = Uploader.builder(storage).checkpointStore(f.checkpoints).clock(f.clock)
                .sleeper(f.sleeper).seed(42).build();
        UploadQueue queue = queue(UploadQueue.builder(uploader).credentials(CredentialsProvider.fixed(OLD))
                .callback(recorder).filesInFlight(8).maxConnections(16)
                .config(Fixture.config().parallelism(4).build()));
        for (int i = 0; i < 8; i++) {
            queue.addFile(f.file("t" + i + ".bin", 3L * PART, i), target("t" + i + ".bin"));
        }

        queue.start();
        assertThat(storage.arrived.await(MS, TimeUnit.MILLISECONDS)).as("16 parts held at once").isTrue();
        List<Thread> during = threadsBesides(baseline);
        storage.release.countDown();
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(8, 0, 0));

        // 16 parts in flight, at most one start per file besides, one callback thread: never 8 x 4 = 32
        assertThat(during).extracting(Thread::getName).noneMatch(n -> n.contains("queue"));
        assertThat(during).hasSizeBetween(16 + 1, 16 + 8 + 1);
        assertThat(f.storage.statistics().maxConcurrentPartUploads()).isLessThanOrEqualTo(16);
        queue.close();
        uploader.close();
        for (Thread t : threadsBesides(baseline)) {
            t.join(MS);
        }
        assertThat(threadsBesides(baseline)).as("threads left after close").isEmpty();
    }

    @Test
    void start_uploaderOnAGivenExecutor_everyFileStartsAndUploadsOnItsThreadsAlone() throws Exception {
        Fixture f = fixture();
        Set<Thread> baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
        AtomicInteger made = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "application-pool-" + made.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (Uploader uploader = Uploader.builder(f.storage).checkpointStore(f.checkpoints).clock(f.clock)
                .sleeper(f.sleeper).seed(42).executor(pool).build()) {
            UploadQueue queue = queue(UploadQueue.builder(uploader).credentials(CredentialsProvider.fixed(OLD))
                    .callback(recorder).filesInFlight(8).maxConnections(16)
                    .config(Fixture.config().parallelism(4).build()));
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                files.add(f.file("e" + i + ".bin", 3L * PART, 10 + i));
                queue.addFile(files.get(i), target("e" + i + ".bin"));
            }

            queue.start();

            assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(8, 0, 0));
            for (Path file : files) {
                assertThat(stored(file.getFileName().toString())).isEqualTo(Files.readAllBytes(file));
            }
            // the application's three threads did all the work; besides them only the uploader's callback thread
            assertThat(made.get()).isEqualTo(3);
            assertThat(threadsBesides(baseline)).extracting(Thread::getName).singleElement().asString()
                    .contains("callback");
            queue.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Thread> threadsBesides(Set<Thread> baseline) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !baseline.contains(t) && t.isAlive() && t.getName().startsWith("vodupload-")).toList();
    }

    @Test
    void builder_budget_splitsPartsPerFileAndRefusesAnImpossibleBudget() {
        Uploader uploader = fixture().uploader();
        UploadConfig eight = Fixture.config().parallelism(8).build();

        assertThat(UploadQueue.builder(uploader).config(eight).filesInFlight(8).maxConnections(16).build()
                .fileConfig().parallelism()).isEqualTo(2);
        assertThat(UploadQueue.builder(uploader).config(eight).filesInFlight(2).maxConnections(64).build()
                .fileConfig().parallelism()).isEqualTo(8);
        UploadConfig adaptive = UploadQueue.builder(uploader).config(Fixture.config().maxParallelism(16).build())
                .filesInFlight(2).maxConnections(16).build().fileConfig();
        assertThat(adaptive.parallelism()).isEqualTo(2); // starts where it did
        assertThat(adaptive.maxParallelism()).isEqualTo(8); // grows only within its share of the budget
        assertThat(UploadQueue.builder(uploader).config(eight).filesInFlight(8).maxConnections(16).build()
                .fileConfig().adaptive()).isFalse();
        assertThatThrownBy(() -> UploadQueue.builder(uploader).filesInFlight(4).maxConnections(3).build())
                .isInstanceOf(InvalidUploadException.class).hasMessageContaining("maxConnections < filesInFlight (4): 3");
        assertThatThrownBy(() -> UploadQueue.builder(uploader).filesInFlight(0).build())
                .isInstanceOf(InvalidUploadException.class).hasMessageContaining("filesInFlight out of 1..64: 0");
    }

    @Test
    void start_oneFileRefusedForGood_othersSucceedAndItIsFailedWithTheServerCode() throws Exception {
        Fixture f = fixture();
        f.storage.onlyBuckets("vod-bucket");
        UploadQueue queue = queue(builder().filesInFlight(1));
        queue.addFile(f.file("a.bin", PART, 1), target("a.bin"));
        String bad = queue.addFile(f.file("b.bin", 2L * PART, 2),
                StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "no-such-bucket", "b.bin")).id();
        queue.addFile(f.file("c.bin", 2L * PART, 3), target("c.bin"));

        queue.start();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 1, 0));
        QueuedFileInfo failed = queue.file(bad).orElseThrow();
        assertThat(failed.status()).isEqualTo(QueuedFileStatus.FAILED);
        assertThat(failed.errorCode()).contains("NoSuchBucket");
        assertThat(store.list()).filteredOn(i -> i.id().equals(bad)).singleElement()
                .extracting(QueuedFileInfo::errorCode).isEqualTo(failed.errorCode());
        assertThat(stored("c.bin")).isEqualTo(Files.readAllBytes(dir.resolve("c.bin")));
    }

    @Test
    void retryFailed_afterTheCauseIsFixed_uploadsOnlyTheFailedFile() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder());
        queue.addFile(f.file("a.bin", PART, 1), target("a.bin"));
        Path late = dir.resolve("late.bin");
        String missing = queue.addFile(late, target("late.bin")).id();
        queue.start();
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 1, 0));
        assertThat(queue.file(missing).orElseThrow().errorCode()).contains("FileNotFound");
        int putsBefore = f.storage.statistics().requests(Operation.PUT_OBJECT);

        f.file("late.bin", PART / 3, 9);
        assertThat(queue.retryFailed()).isEqualTo(1);

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
        assertThat(stored("late.bin")).isEqualTo(Files.readAllBytes(late));
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isEqualTo(putsBefore + 1);
        assertThat(queue.retryFailed()).isZero();
    }

    @Test
    void pauseOneFile_inFlight_givesUpItsSlotAndResumeFinishesIt() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder().filesInFlight(1).config(Fixture.config().parallelism(1).build()));
        Path a = f.file("a.bin", 3L * PART, 1);
        String first = queue.addFile(a, target("a.bin")).id();
        queue.addFile(f.file("b.bin", 2L * PART, 2), target("b.bin"));
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        assertThat(queue.pause(first)).isTrue();
        held.open();

        recorder.await(r -> r.succeeded.size() == 1);
        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.PAUSED, QueuedFileStatus.SUCCEEDED);
        assertThat(recorder.finished).isEmpty();
        assertThat(queue.pause(first)).isFalse();
        assertThat(queue.resume(first)).isTrue();
        assertThat(queue.resume(first)).isFalse();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
        assertThat(stored("a.bin")).isEqualTo(Files.readAllBytes(a));
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(2);  // once per file: a's part 1 kept
    }

    @Test
    void pauseOneFile_ready_isSkippedUntilResumed() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder());
        String a = queue.addFile(f.file("a.bin", PART, 1), target("a.bin")).id();
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));

        assertThat(queue.pause(a)).isTrue();
        queue.start();

        recorder.await(r -> r.succeeded.size() == 1);
        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.PAUSED, QueuedFileStatus.SUCCEEDED);
        assertThat(f.storage.objectBytes(target("a.bin"))).isEmpty();
        queue.resume(a);
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
    }

    @Test
    void stopThenStart_fileInFlight_goesBackToReadyAndContinuesWithoutResendingItsParts() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder().filesInFlight(1).config(Fixture.config().parallelism(1).build()));
        Path a = f.file("a.bin", 3L * PART, 1);
        queue.addFile(a, target("a.bin"));
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        queue.stop();
        held.open();

        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.READY, QueuedFileStatus.READY);
        assertThat(store.list()).extracting(QueuedFileInfo::status)
                .containsExactly(QueuedFileStatus.READY, QueuedFileStatus.READY);
        queue.start();
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
        assertThat(stored("a.bin")).isEqualTo(Files.readAllBytes(a));
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(1);
    }

    @Test
    void pauseThenResume_wholeQueue_marksFilesInFlightPausedThenFinishes() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder().filesInFlight(1).config(Fixture.config().parallelism(1).build()));
        queue.addFile(f.file("a.bin", 3L * PART, 1), target("a.bin"));
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        queue.pause();
        held.open();

        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.PAUSED, QueuedFileStatus.READY);
        queue.resume();
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
    }

    @Test
    void cancel_readyAndInFlightFiles_areCanceledTheOthersSucceed() throws Exception {
        Fixture f = fixture();
        QueueCallback callback = mock(QueueCallback.class);
        UploadQueue queue = queue(builder().callback(callback).filesInFlight(1)
                .config(Fixture.config().parallelism(1).build()));
        String a = queue.addFile(f.file("a.bin", 3L * PART, 1), target("a.bin")).id();
        String b = queue.addFile(f.file("b.bin", PART, 2), target("b.bin")).id();
        String c = queue.addFile(f.file("c.bin", PART, 3), target("c.bin")).id();
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        assertThat(queue.cancel(b)).isTrue();
        verify(callback).onUploadCanceled(argThat(i -> i.id().equals(b)));  // at once, on this thread
        assertThat(queue.cancel(a)).isTrue();
        held.open();

        verify(callback, timeout(MS)).onQueueFinished(new QueueCounts(1, 0, 2));
        verify(callback).onUploadCanceled(argThat(i -> i.id().equals(a)));
        verify(callback).onUploadSucceed(argThat(i -> i.id().equals(c)), any());
        assertThat(queue.cancel(a)).isFalse();
        assertThat(f.storage.objectBytes(target("a.bin"))).isEmpty();
        assertThat(f.storage.uploadsInProgress()).isEmpty();
        assertThat(f.checkpoints.list()).isEmpty();
    }

    @Test
    void cancel_wholeQueue_cancelsEveryFileNotEnded() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder().filesInFlight(1).config(Fixture.config().parallelism(1).build()));
        queue.addFile(f.file("a.bin", 3L * PART, 1), target("a.bin"));
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        queue.cancel();
        held.open();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(0, 0, 2));
        assertThat(store.list()).extracting(QueuedFileInfo::status).containsOnly(QueuedFileStatus.CANCELED);
    }

    @Test
    void deleteFile_andClearFiles_removeFromTheListAndTheStore() throws Exception {
        Fixture f = fixture();
        UploadQueue queue = queue(builder());
        String a = queue.addFile(f.file("a.bin", PART, 1), target("a.bin")).id();
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));
        String c = queue.addFile(f.file("c.bin", PART, 3), target("c.bin")).id();

        assertThat(queue.deleteFile(a)).isTrue();
        assertThat(queue.deleteFile(a)).isFalse();
        assertThat(queue.deleteFile("no-such-id")).isFalse();

        assertThat(queue.listFiles()).extracting(QueuedFileInfo::id).doesNotContain(a).hasSize(2);
        assertThat(store.list()).extracting(QueuedFileInfo::id).doesNotContain(a).hasSize(2);
        assertThat(queue.file(c)).isPresent();
        queue.clearFiles();
        assertThat(queue.listFiles()).isEmpty();
        assertThat(store.list()).isEmpty();
        String d = queue.addFile(f.file("d.bin", PART, 4), target("d.bin")).id();
        assertThat(d).isNotIn(a, c);
    }

    @Test
    void deleteFile_inFlight_cancelsItsUploadAndTellsNothingMoreAboutIt() throws Exception {
        Fixture f = fixture();
        QueueCallback callback = mock(QueueCallback.class);
        UploadQueue queue = queue(builder().callback(callback).filesInFlight(1)
                .config(Fixture.config().parallelism(1).build()));
        String a = queue.addFile(f.file("a.bin", 3L * PART, 1), target("a.bin")).id();
        queue.addFile(f.file("b.bin", PART, 2), target("b.bin"));
        Gate held = f.storage.holdPart(2);
        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();

        assertThat(queue.deleteFile(a)).isTrue();
        held.open();

        verify(callback, timeout(MS)).onQueueFinished(new QueueCounts(1, 0, 0));
        verify(callback, never()).onUploadCanceled(any());
        assertThat(f.storage.objectBytes(target("a.bin"))).isEmpty();
    }

    @Test
    void ticketedFiles_ticketsAreOpenedOnlyWhenEachFileStarts() throws Exception {
        Fixture f = fixture();
        RecordingTickets tickets = new RecordingTickets();
        UploadQueue queue = queue(builder().ticketSource(tickets).filesInFlight(1)
                .config(Fixture.config().parallelism(1).build()));
        String a = queue.addFile(f.file("a.mp4", 2L * PART, 1), Map.of("Title", "A")).id();
        String b = queue.addFile(f.file("b.mp4", PART, 2), Map.of("Title", "B")).id();
        Gate held = f.storage.holdPart(2);
        assertThat(tickets.opened).isEmpty();

        queue.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();
        assertThat(tickets.opened).containsExactly(a);
        assertThat(queue.file(a).orElseThrow().videoId()).contains("video-" + a);
        assertThat(queue.file(b).orElseThrow().target()).isEmpty();
        held.open();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(2, 0, 0));
        assertThat(tickets.opened).containsExactly(a, b);
        assertThat(f.storage.objectBytes(tickets.target(b))).isPresent();
        assertThat(queue.file(b).orElseThrow().target()).contains(tickets.target(b));
        assertThat(queue.file(a).orElseThrow().metadata().contentType()).contains("video/mp4");
        assertThat(tickets.openedVodInfo).containsExactly(Map.of("Title", "A"), Map.of("Title", "B"));
    }

    @Test
    void ticketedFile_canceledWhileItsTicketIsOpened_neverStartsButKeepsItsVideoId() throws Exception {
        Fixture f = fixture();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingTickets recording = new RecordingTickets();
        TicketSource slow = new TicketSource() {
            @Override
            public Ticket open(QueuedFileInfo file) throws InterruptedException {
                if (file.vodInfo().get("Title").equals("Slow")) {
                    entered.countDown();
                    release.await();
                }
                return recording.open(file);
            }

            @Override
            public Ticket refresh(String videoId) {
                return recording.refresh(videoId);
            }
        };
        UploadQueue queue = queue(builder().ticketSource(slow).filesInFlight(1));
        String a = queue.addFile(f.file("a.mp4", PART, 1), Map.of("Title", "Slow")).id();
        String b = queue.addFile(f.file("b.mp4", PART, 2), Map.of("Title", "B")).id();
        queue.start();
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        assertThat(queue.cancel(a)).isTrue();
        assertThat(queue.file(a).orElseThrow().status()).isEqualTo(QueuedFileStatus.CANCELED);
        release.countDown();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 0, 1));
        assertThat(queue.file(a).orElseThrow().videoId()).contains("video-" + a);
        assertThat(store.list()).filteredOn(i -> i.id().equals(a)).singleElement()
                .satisfies(i -> assertThat(i.videoId()).contains("video-" + a));
        assertThat(f.storage.objectBytes(recording.target(a))).isEmpty();
        assertThat(recorder.started).containsExactly(b);
    }

    @Test
    void ticketedFile_stoppedAndStartedWhileItsTicketIsOpened_refreshesRatherThanCreatingASecondVideo()
            throws Exception {
        Fixture f = fixture();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingTickets recording = new RecordingTickets();
        TicketSource slow = new TicketSource() {
            @Override
            public Ticket open(QueuedFileInfo file) throws InterruptedException {
                entered.countDown();
                release.await();
                return recording.open(file);
            }

            @Override
            public Ticket refresh(String videoId) {
                return recording.refresh(videoId);
            }
        };
        UploadQueue queue = queue(builder().ticketSource(slow).filesInFlight(2));
        String a = queue.addFile(f.file("a.mp4", PART, 1), Map.of("Title", "A")).id();
        queue.start();
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        queue.stop();
        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.READY);
        queue.start();
        release.countDown();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 0, 0));
        assertThat(recording.opened).containsExactly(a);
        assertThat(recording.refreshed).containsExactly("video-" + a);
        assertThat(f.storage.objectBytes(recording.target(a))).isPresent();
    }

    @Test
    void ticketedFile_ticketSourceFails_failsThatFileOnlyWithCredentialsUnavailable() throws Exception {
        Fixture f = fixture();
        RecordingTickets tickets = new RecordingTickets();
        tickets.failFor = "Broken";
        UploadQueue queue = queue(builder().ticketSource(tickets));
        String bad = queue.addFile(f.file("a.mp4", PART, 1), Map.of("Title", "Broken")).id();
        queue.addFile(f.file("b.mp4", PART, 2), Map.of("Title", "Fine"));

        queue.start();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 1, 0));
        QueuedFileInfo failed = queue.file(bad).orElseThrow();
        assertThat(failed.errorCode()).contains("CredentialsUnavailable");
        assertThat(failed.errorMessage().orElseThrow()).contains("VOD said no");
    }

    @Test
    void ticketedFile_credentialsExpire_refreshesThroughTheTicketSourceWithItsVideoId() throws Exception {
        Fixture f = fixture();
        RecordingTickets tickets = new RecordingTickets();
        tickets.refreshWith = Fixture.NEW;
        f.storage.expireCredentialsAfterParts(1, Fixture.NEW);
        QueueCallback callback = mock(QueueCallback.class);
        UploadQueue queue = queue(builder().ticketSource(tickets).callback(callback)
                .config(Fixture.config().parallelism(1).build()));
        Path a = f.file("a.mp4", 3L * PART, 1);
        String id = queue.addFile(a, Map.of("Title", "A")).id();

        queue.start();

        verify(callback, timeout(MS)).onQueueFinished(new QueueCounts(1, 0, 0));
        verify(callback).onUploadTokenExpired(argThat(i -> i.id().equals(id)
                && i.videoId().equals(java.util.Optional.of("video-" + id))));
        assertThat(tickets.opened).containsExactly(id);
        assertThat(tickets.refreshed).containsExactly("video-" + id);
        assertThat(f.storage.objectBytes(tickets.target(id)).orElseThrow()).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void restart_overTheSameStores_refreshesTheKeptVideoIdAndResumesFromStoredParts() throws Exception {
        Fixture f = fixture();
        RecordingTickets tickets = new RecordingTickets();
        UploadQueue first = queue(builder().ticketSource(tickets).filesInFlight(1)
                .config(Fixture.config().parallelism(1).build()));
        Path a = f.file("a.mp4", 4L * PART, 1);
        String id = first.addFile(a, Map.of("Title", "A")).id();
        Gate held = f.storage.holdPart(3);
        first.start();
        assertThat(held.awaitArrival(WAIT)).isTrue();
        first.close();  // the process ends with parts 1 and 2 stored and checkpointed
        assertThat(store.list()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(QueuedFileStatus.READY);
            assertThat(i.videoId()).contains("video-" + id);
        });

        UploadQueue second = queue(builder().ticketSource(tickets).filesInFlight(1)
                .config(Fixture.config().parallelism(1).build()));
        assertThat(second.listFiles()).extracting(QueuedFileInfo::id).containsExactly(id);
        second.start();

        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 0, 0));
        assertThat(tickets.opened).containsExactly(id);
        assertThat(tickets.refreshed).containsExactly("video-" + id);
        assertThat(f.storage.objectBytes(tickets.target(id)).orElseThrow()).isEqualTo(Files.readAllBytes(a));
        assertThat(f.storage.statistics().partsStored(1)).isEqualTo(1);
        assertThat(f.storage.statistics().partsStored(2)).isEqualTo(1);
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isEqualTo(1);
    }

    @Test
    void restart_overAStoreOfFinishedFiles_sendsNothingAndTellsTheQueueFinished() throws Exception {
        Fixture f = fixture();
        UploadQueue first = queue(builder());
        String a = first.addFile(f.file("a.bin", PART, 1), target("a.bin")).id();
        first.addFile(dir.resolve("missing.bin"), target("missing.bin"));
        first.start();
        assertThat(recorder.awaitFinished()).isEqualTo(new QueueCounts(1, 1, 0));
        first.close();
        f.storage.resetStatistics();
        Recorder again = new Recorder();

        UploadQueue second = queue(builder().callback(again));
        second.start();

        assertThat(again.awaitFinished()).isEqualTo(new QueueCounts(1, 1, 0));
        assertThat(f.storage.statistics().requests(Operation.PUT_OBJECT)).isZero();
        assertThat(f.storage.statistics().requests(Operation.INITIATE_MULTIPART)).isZero();
        assertThat(second.file(a).orElseThrow().status()).isEqualTo(QueuedFileStatus.SUCCEEDED);
        String next = second.addFile(f.file("n.bin", PART, 5), target("n.bin")).id();
        assertThat(second.listFiles()).extracting(QueuedFileInfo::id).doesNotHaveDuplicates().endsWith(next);
    }

    @Test
    void restart_fileStoredAsUploading_isListedReady() throws Exception {
        Fixture f = fixture();
        store.save(QueuedFileInfo.toTarget("7", f.file(PART), target("x.bin"), ObjectMetadata.EMPTY, PART)
                .withStatus(QueuedFileStatus.UPLOADING));

        UploadQueue queue = queue(builder());

        assertThat(statuses(queue)).containsExactly(QueuedFileStatus.READY);
        assertThat(store.list()).extracting(QueuedFileInfo::status).containsExactly(QueuedFileStatus.READY);
        assertThat(queue.addFile(f.file(2 * PART), target("y.bin")).id()).isEqualTo("8");
    }

    @Test
    void addFile_withTargetButNoCredentials_isRefused() {
        UploadQueue queue = queue(UploadQueue.builder(fixture().uploader()));

        assertThatThrownBy(() -> queue.addFile(dir.resolve("a.bin"), target("a.bin")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials provider");
        assertThatThrownBy(() -> queue.addFile(dir.resolve("a.bin"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ticket source");
    }

    // ------------------------------------------------------------------ helpers

    /** A storage whose first {@code hold} part uploads wait, all in flight at once, until released. */
    private static final class HoldingStorage implements io.vodupload.ports.ObjectStorage {
        final io.vodupload.ports.ObjectStorage delegate;
        final java.util.concurrent.CountDownLatch arrived;
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

        HoldingStorage(io.vodupload.ports.ObjectStorage delegate, int hold) {
            this.delegate = delegate;
            this.arrived = new java.util.concurrent.CountDownLatch(hold);
        }

        @Override
        public String initiateMultipart(StorageTarget target, io.vodupload.ports.Credentials credentials,
                                        ObjectMetadata metadata) {
            return delegate.initiateMultipart(target, credentials, metadata);
        }

        @Override
        public io.vodupload.ports.PartReceipt uploadPart(StorageTarget target, io.vodupload.ports.Credentials c,
                                                         String uploadId, int partNumber,
                                                         io.vodupload.ports.PartBody body,
                                                         io.vodupload.ports.TransferListener listener) {
            if (arrived.getCount() > 0) {
                arrived.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.uploadPart(target, c, uploadId, partNumber, body, listener);
        }

        @Override
        public List<io.vodupload.ports.PartReceipt> listParts(StorageTarget target, io.vodupload.ports.Credentials c,
                                                              String uploadId) {
            return delegate.listParts(target, c, uploadId);
        }

        @Override
        public io.vodupload.ports.ObjectReceipt completeMultipart(StorageTarget target,
                                                                  io.vodupload.ports.Credentials c, String uploadId,
                                                                  List<io.vodupload.ports.PartReceipt> parts,
                                                                  ObjectMetadata metadata) {
            return delegate.completeMultipart(target, c, uploadId, parts, metadata);
        }

        @Override
        public void abortMultipart(StorageTarget target, io.vodupload.ports.Credentials c, String uploadId) {
            delegate.abortMultipart(target, c, uploadId);
        }

        @Override
        public io.vodupload.ports.ObjectReceipt putObject(StorageTarget target, io.vodupload.ports.Credentials c,
                                                          io.vodupload.ports.PartBody body, ObjectMetadata metadata,
                                                          io.vodupload.ports.TransferListener listener) {
            return delegate.putObject(target, c, body, metadata, listener);
        }

        @Override
        public java.util.Optional<io.vodupload.ports.ObjectInfo> headObject(StorageTarget target,
                                                                           io.vodupload.ports.Credentials c) {
            return delegate.headObject(target, c);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A ticket source that records its calls and hands out a target and VideoId per file. */
    private final class RecordingTickets implements TicketSource {
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<Map<String, String>> openedVodInfo = new CopyOnWriteArrayList<>();
        final List<String> refreshed = new CopyOnWriteArrayList<>();
        volatile String failFor;
        volatile io.vodupload.ports.Credentials refreshWith = OLD;

        StorageTarget target(String id) {
            return TARGET.withKey("sv/video-" + id + ".mp4");
        }

        @Override
        public Ticket open(QueuedFileInfo file) {
            if (file.vodInfo().getOrDefault("Title", "").equals(failFor)) {
                throw new IllegalStateException("VOD said no: Forbidden");
            }
            opened.add(file.id());
            openedVodInfo.add(file.vodInfo());
            return new Ticket(target(file.id()), CredentialsProvider.fixed(OLD),
                    java.util.Optional.of("video-" + file.id()));
        }

        @Override
        public Ticket refresh(String videoId) {
            refreshed.add(videoId);
            String id = videoId.substring("video-".length());
            return new Ticket(target(id), CredentialsProvider.fixed(refreshWith), java.util.Optional.of(videoId));
        }
    }

    /** Records the queue's callbacks and waits for conditions on them without sleeping. */
    static final class Recorder implements QueueCallback {
        final List<String> started = new ArrayList<>();
        final List<String> succeeded = new ArrayList<>();
        final List<QueueCounts> finished = new ArrayList<>();
        final AtomicInteger maxUploading = new AtomicInteger();
        private final List<String> order = new ArrayList<>();
        private volatile UploadQueue watched;
        private int finishedSeen;

        void watch(UploadQueue queue) {
            this.watched = queue;
        }

        private void checkBudget() {
            UploadQueue q = watched;
            if (q != null) {
                int uploading = (int) q.listFiles().stream()
                        .filter(i -> i.status() == QueuedFileStatus.UPLOADING).count();
                maxUploading.accumulateAndGet(uploading, Math::max);
            }
        }

        @Override
        public void onUploadStarted(QueuedFileInfo file) {
            checkBudget();
            record(() -> {
                started.add(file.id());
                order.add("started " + file.id());
            });
        }

        @Override
        public void onUploadProgress(QueuedFileInfo file, long uploadedSize, long totalSize) {
            checkBudget();
        }

        @Override
        public void onUploadSucceed(QueuedFileInfo file, UploadResult result) {
            record(() -> {
                succeeded.add(file.id());
                order.add("succeeded " + file.id());
            });
        }

        @Override
        public void onQueueFinished(QueueCounts counts) {
            record(() -> finished.add(counts));
        }

        private synchronized void record(Runnable r) {
            r.run();
            notifyAll();
        }

        synchronized void await(Predicate<Recorder> condition) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!condition.test(this)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out; recorded " + order + " finished " + finished);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** The next onQueueFinished not returned before. */
        QueueCounts awaitFinished() throws InterruptedException {
            int want = finishedSeen + 1;
            await(r -> r.finished.size() >= want);
            synchronized (this) {
                finishedSeen = want;
                return finished.get(want - 1);
            }
        }

        synchronized void assertEachFileStartedOnceThenSucceeded(List<String> ids) {
            assertThat(started).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(succeeded).containsExactlyInAnyOrderElementsOf(ids);
            for (String id : ids) {
                assertThat(order.indexOf("started " + id)).isLessThan(order.indexOf("succeeded " + id));
            }
        }
    }
}
