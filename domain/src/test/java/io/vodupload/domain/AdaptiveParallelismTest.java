package io.vodupload.domain;

import static io.vodupload.domain.Fixture.OLD;
import static io.vodupload.domain.Fixture.PART;
import static io.vodupload.domain.Fixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.PartBody;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.TransferListener;
import io.vodupload.testkit.RecordingCallback.Success;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts in flight of an adaptive parallelism, on an emulated link: the uploader's I/O runs on a
 * {@link ManualExecutor} the test drives, one task at a time, so the parts queued there are the parts in
 * flight; each part, when it runs, advances the {@code ManualClock} by its share of the link's rate with
 * that many in flight. No sleeps, no threads racing: the same script gives the same numbers.
 */
class AdaptiveParallelismTest {

    @TempDir
    Path dir;

    /** Runs the uploader's I/O tasks only when told, in order, on the test thread. */
    static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            queue.add(task);
        }

        synchronized Runnable next() {
            return queue.poll();
        }

        synchronized int pending() {
            return queue.size();
        }
    }

    /**
     * A link that carries {@code rate(k)} parts a second with {@code k} parts in flight: each part, when it
     * runs, takes {@code 1 / rate(k)} of the clock, where {@code k} is itself plus the tasks still queued
     * (every queued task is a part while the parts go: checkpoints are off).
     */
    private final class Link extends UploaderTest.Observed {
        final List<Integer> inFlight = new ArrayList<>();
        private final Fixture f;
        private final ManualExecutor io;
        private final IntToDoubleFunction rate;

        Link(Fixture f, ManualExecutor io, IntToDoubleFunction rate) {
            super(f.storage, e -> { });
            this.f = f;
            this.io = io;
            this.rate = rate;
        }

        @Override
        public PartReceipt uploadPart(StorageTarget target, Credentials credentials, String uploadId, int partNumber,
                                      PartBody body, TransferListener listener) {
            int k = 1 + io.pending();
            inFlight.add(k);
            f.clock.advance(Duration.ofNanos((long) (1e9 / rate.applyAsDouble(k))));
            return super.uploadPart(target, credentials, uploadId, partNumber, body, listener);
        }

        int most() {
            return inFlight.stream().mapToInt(Integer::intValue).max().orElse(0);
        }
    }

    private record Run(Fixture f, ManualExecutor io, Link link, Path file, UploadHandle handle) {
        /** Runs queued tasks until {@code stop} parts have run or the queue is empty. */
        void runParts(int stop) {
            Runnable task;
            while (link.inFlight.size() < stop && (task = io.next()) != null) {
                task.run();
            }
        }

        void runAll() {
            runParts(Integer.MAX_VALUE);
        }
    }

    private Run start(int parts, UploadConfig config, IntToDoubleFunction rate) throws Exception {
        Fixture f = new Fixture(dir);
        ManualExecutor io = new ManualExecutor();
        Link link = new Link(f, io, rate);
        Uploader uploader = Uploader.builder(link).clock(f.clock).sleeper(f.sleeper).seed(42).executor(io).build();
        Path file = f.file((long) parts * PART);
        UploadHandle handle = uploader.start(f.request(file, config), CredentialsProvider.fixed(OLD), f.callback);
        return new Run(f, io, link, file, handle);
    }

    /** Default parallelism (adaptive from 4), checkpoints off, the fixture's small parts. */
    private static UploadConfig.Builder adaptive() {
        return UploadConfig.builder().partSize(PART).resume(false).progressInterval(Duration.ZERO)
                .credentialsTimeout(null);
    }

    @Test
    void start_defaultsOnALinkThatEveryConnectionFillsFurther_growsToTheDefaultCap() throws Exception {
        Run run = start(80, adaptive().build(), k -> k); // one part a second per connection, no overall cap

        run.runAll();

        run.handle().completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.link().most()).isEqualTo(UploadConfig.DEFAULT_MAX_PARALLELISM);
        assertThat(run.link().inFlight.subList(0, 4)).containsOnly(4); // it starts at 4
        assertThat(run.f().stored()).isEqualTo(Files.readAllBytes(run.file()));
    }

    @Test
    void start_defaultsOnALinkFullAtSixParts_stopsGrowingAtThePlateau() throws Exception {
        Run run = start(80, adaptive().build(), k -> Math.min(k, 6));

        run.runAll();

        run.handle().completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // 4 parts: 4 a second; 6: 6 a second (+50 %, grow); 9: still 6 (no rise: stop there)
        assertThat(run.link().most()).isEqualTo(9);
        assertThat(run.link().inFlight).startsWith(4, 4, 4, 4, 6, 6, 6, 6, 6, 6, 9);
    }

    @Test
    void start_maxParallelism_neverExceedsTheCap() throws Exception {
        Run run = start(60, adaptive().maxParallelism(7).build(), k -> k);

        run.runAll();

        run.handle().completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.link().most()).isEqualTo(7);
    }

    @Test
    void start_explicitParallelism_staysFixedHoweverTheThroughputRises() throws Exception {
        UploadConfig three = adaptive().parallelism(3).build();
        assertThat(three.adaptive()).isFalse();
        Run run = start(40, three, k -> k);

        run.runAll();

        run.handle().completion().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(run.link().most()).isEqualTo(3);
    }

    @Test
    void pauseAndResume_whileGrowing_keepsTheUploadWhole() throws Exception {
        Run run = start(60, adaptive().build(), k -> k);
        run.runParts(8); // grown to 6 after the fourth part

        var token = run.handle().pause();
        run.runAll(); // the queued parts see the pause and return to the pool
        run.f().clock.advance(Duration.ofHours(1)); // paused time is no throughput
        assertThat(token.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS).parts()).isNotEmpty();
        assertThat(run.handle().state()).isEqualTo(UploadState.PAUSED);
        int beforeResume = run.link().inFlight.size();
        assertThat(run.handle().resume()).isTrue();
        run.runAll();

        assertThat(run.f().callback.awaitTerminal(WAIT)).isInstanceOf(Success.class);
        run.f().callback.assertWellFormed();
        List<Integer> after = run.link().inFlight.subList(beforeResume, run.link().inFlight.size());
        assertThat(after.get(0)).isEqualTo(6); // resumes where it was
        assertThat(after.stream().mapToInt(Integer::intValue).max().orElseThrow()).isEqualTo(16); // and grows on
    }
}
