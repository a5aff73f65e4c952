package io.vodupload.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.InMemoryCheckpointStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The checkpoint writer's order and coalescing, on a manual executor (the test runs its tasks). */
class CheckpointWriterTest {

    private static final String A = "aaaaaaaaaaaaaaaa";
    private static final String B = "bbbbbbbbbbbbbbbb";
    private static final StorageTarget TARGET = StorageTarget.of("oss-cn-shanghai.aliyuncs.com", "b", "k");

    private final ManualExecutor executor = new ManualExecutor();
    private final InMemoryCheckpointStore store = new InMemoryCheckpointStore();
    private final CheckpointWriter writer = new CheckpointWriter(store, executor);

    @Test
    void save_severalBeforeTheWriterRuns_storesOnlyTheLatestOnce() {
        writer.save(checkpoint(A, 1));
        writer.save(checkpoint(A, 2));
        writer.save(checkpoint(A, 3));

        assertThat(executor.tasks).hasSize(1);
        executor.runAll();

        assertThat(store.saves()).extracting(c -> c.parts().size()).containsExactly(3);
        assertThat(store.find(A)).hasValueSatisfying(c -> assertThat(c.parts()).hasSize(3));
    }

    @Test
    void save_askedWhileAWriteRuns_waitsForItThenOnlyTheLatestIsWritten() {
        List<Integer> order = new ArrayList<>();
        CheckpointWriter[] self = new CheckpointWriter[1];
        CheckpointStore racing = new Delegating(store) {
            @Override
            public void save(Checkpoint checkpoint) {
                order.add(checkpoint.parts().size());
                if (checkpoint.parts().size() == 1) {
                    // two parts finish while the first write is on disk
                    self[0].save(checkpoint(A, 2));
                    self[0].save(checkpoint(A, 3));
                    assertThat(order).containsExactly(1); // not written from inside a write
                }
                super.save(checkpoint);
            }
        };
        self[0] = new CheckpointWriter(racing, executor);

        self[0].save(checkpoint(A, 1));
        executor.runAll();

        assertThat(order).containsExactly(1, 3);
        assertThat(store.find(A)).hasValueSatisfying(c -> assertThat(c.parts()).hasSize(3));
        assertThat(executor.ran).isEqualTo(1); // one writer drained all: no second one was started
    }

    @Test
    void flushed_beforeTheWriteRuns_isIncompleteUntilItIsWritten() {
        assertThat(writer.flushed()).isDone();
        writer.save(checkpoint(A, 1));
        CompletableFuture<Void> flushed = writer.flushed();

        assertThat(flushed).isNotDone();
        executor.runAll();

        assertThat(flushed).isCompleted();
        assertThat(store.find(A)).isPresent();
    }

    @Test
    void remove_afterAPendingSaveOfTheSameFingerprint_removesWithoutWritingTheSave() {
        store.save(checkpoint(A, 0));
        store.clearHistory();
        writer.save(checkpoint(A, 1));
        writer.remove(A);
        executor.runAll();

        assertThat(store.saves()).isEmpty();
        assertThat(store.removes()).containsExactly(A);
        assertThat(store.find(A)).isEmpty();
    }

    @Test
    void save_afterAPendingRemoveOfTheSameFingerprint_endsSaved() {
        writer.remove(A);
        writer.save(checkpoint(A, 2));
        executor.runAll();

        assertThat(store.removes()).isEmpty();
        assertThat(store.find(A)).hasValueSatisfying(c -> assertThat(c.parts()).hasSize(2));
    }

    @Test
    void writes_ofDifferentFingerprints_areAllWrittenInTheOrderAsked() {
        store.save(checkpoint(B, 0));
        store.clearHistory();
        writer.remove(B);
        writer.save(checkpoint(A, 1));
        executor.runAll();

        assertThat(store.removes()).containsExactly(B);
        assertThat(store.saves()).extracting(Checkpoint::fingerprint).containsExactly(A);
    }

    @Test
    void save_storeFails_flushedStillCompletesAndTheNextWriteGoesOn() {
        store.failWrites(true);
        writer.save(checkpoint(A, 1));
        executor.runAll();
        assertThat(writer.flushed()).isCompleted();

        store.failWrites(false);
        writer.save(checkpoint(A, 2));
        executor.runAll();

        assertThat(store.find(A)).hasValueSatisfying(c -> assertThat(c.parts()).hasSize(2));
    }

    @Test
    void save_noneStore_runsNothing() {
        CheckpointWriter none = new CheckpointWriter(CheckpointStore.NONE, executor);
        none.save(checkpoint(A, 1));
        none.remove(A);

        assertThat(executor.tasks).isEmpty();
        assertThat(none.flushed()).isCompleted();
    }

    @Test
    void save_executorRejects_writesOnTheCallingThread() {
        CheckpointWriter closing = new CheckpointWriter(store, task -> {
            throw new java.util.concurrent.RejectedExecutionException("closed");
        });
        closing.save(checkpoint(A, 1));

        assertThat(store.find(A)).isPresent();
        assertThat(closing.flushed()).isCompleted();
    }

    private static Checkpoint checkpoint(String fingerprint, int parts) {
        List<CheckpointPart> done = new ArrayList<>();
        for (int i = 1; i <= parts; i++) {
            done.add(new CheckpointPart(i, (i - 1) * 102_400L, 102_400, "ETAG" + i, i));
        }
        return new Checkpoint(Checkpoint.FORMAT_VERSION, fingerprint, Path.of("/data/f.bin").toAbsolutePath(),
                10 * 102_400L, 1_000, TARGET, "UPLOAD", 102_400, done, Instant.EPOCH);
    }

    /** Runs its tasks only when the test says so. */
    private static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        int ran;

        @Override
        public void execute(Runnable command) {
            tasks.add(command);
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                tasks.poll().run();
                ran++;
            }
        }
    }

    private static class Delegating implements CheckpointStore {
        private final CheckpointStore inner;

        Delegating(CheckpointStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<Checkpoint> find(String fingerprint) {
            return inner.find(fingerprint);
        }

        @Override
        public void save(Checkpoint checkpoint) {
            inner.save(checkpoint);
        }

        @Override
        public void remove(String fingerprint) {
            inner.remove(fingerprint);
        }

        @Override
        public List<Checkpoint> list() {
            return inner.list();
        }
    }
}
