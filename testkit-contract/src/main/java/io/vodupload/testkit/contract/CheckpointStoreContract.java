package io.vodupload.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.StorageTarget;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link CheckpointStore} must pass: extend it, implement {@link #store()}, and run it
 * with JUnit 5. It checks what the port's Javadoc promises and the domain relies on: save, find, replace,
 * remove and list; every field surviving the round trip (a region or none, CRCs with the top bit set, a
 * key in any script, nanoseconds); concurrent saves from several threads storing whole checkpoints; a
 * damaged stored checkpoint warned about once, discarded and read as absent; and nothing secret stored.
 *
 * <p>Cases that need to reach past the port drive the hooks {@link #damage} and {@link #storedText}; a
 * store that cannot do so leaves them as they are, and those cases are skipped (JUnit "aborted"), not
 * failed.
 *
 * <p>Each test uses fresh random fingerprints and looks only at those, so one store (and one database)
 * may serve every test.
 */
public abstract class CheckpointStoreContract {

    /** Words that would name a credential; none may appear in a checkpoint's fields or stored form. */
    private static final List<String> CREDENTIAL_WORDS =
            List.of("secret", "token", "password", "credential", "accesskey", "uploadauth", "authorization");

    /** The store under test (may be the same instance for every test). */
    protected abstract CheckpointStore store();

    /**
     * Damages the stored form of the checkpoint saved under {@code fingerprint} by other means than the
     * port (garbage in its file, an unknown format version in its row), so that the store cannot read it
     * back. A store with no stored form throws {@link UnsupportedOperationException} (the default).
     */
    protected void damage(String fingerprint) throws Exception {
        throw new UnsupportedOperationException("this store keeps no stored form to damage");
    }

    /**
     * Everything the store has persisted, as text (every file's contents, every row's column names and
     * values), read by other means than the port. A store that persists nothing throws
     * {@link UnsupportedOperationException} (the default).
     */
    protected String storedText() throws Exception {
        throw new UnsupportedOperationException("this store persists nothing");
    }

    /** The name of the logger the store reports damage through; its class name unless overridden. */
    protected String loggerName() {
        return store().getClass().getName();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * A fresh random fingerprint (64 lower-case hex digits, like the domain's SHA-256). Not seeded: a
     * store shared by the tests must not see one test's fingerprints again in another.
     */
    protected String fingerprint() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A checkpoint with a region and {@code partCount} finished parts of 1 MiB, CRCs with the top bit set. */
    protected static Checkpoint checkpoint(String fingerprint, int partCount) {
        List<CheckpointPart> parts = new ArrayList<>();
        for (int i = 1; i <= partCount; i++) {
            parts.add(new CheckpointPart(i, (i - 1) * 1_048_576L, 1_048_576L,
                    String.format("%032X", i * 7919L), 0x995DC9BBDF1939FAL + i));
        }
        StorageTarget target = new StorageTarget(URI.create("https://oss-cn-shanghai.aliyuncs.com"),
                "outin-bucket", "sv/clip 1+%/视频 'quoted'.mp4", Optional.of("cn-shanghai"));
        return new Checkpoint(Checkpoint.FORMAT_VERSION, fingerprint, Path.of("/home/u/videos/clip 1;\u00e9.mp4"),
                100L * 1_048_576L, 1_700_000_000_123L, target, "0004B9895DBBB6EC98E36ABCDEF01234",
                1_048_576L, parts, Instant.parse("2024-05-01T12:34:56.789123456Z"));
    }

    private static Checkpoint withParts(Checkpoint c, int partCount, Instant at) {
        return c.withParts(checkpoint(c.fingerprint(), partCount).parts(), at);
    }

    private List<Checkpoint> listed(String... fingerprints) {
        List<String> wanted = List.of(fingerprints);
        return store().list().stream().filter(c -> wanted.contains(c.fingerprint())).toList();
    }

    private void damageOrSkip(String fingerprint) throws Exception {
        try {
            damage(fingerprint);
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the store under test cannot be damaged from outside: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ save, find, remove, list

    @Test
    @SuppressWarnings("try") // the lease is held for the block's duration, never read
    void tryLock_heldByAnotherOwner_isRefusedAtOnceNamingTheHolder() {
        String fp = fingerprint();
        try (CheckpointStore.Lease held = store().tryLock(fp, "host-a pid 101")) {
            assertThatThrownBy(() -> store().tryLock(fp, "host-b pid 202"))
                    .isInstanceOf(CheckpointInUseException.class)
                    .satisfies(e -> assertThat(((CheckpointInUseException) e).holder()).isEqualTo("host-a pid 101"))
                    .hasMessageContaining(fp);
            // another checkpoint is not locked by it
            store().tryLock(fingerprint(), "host-b pid 202").close();
        }
    }

    @Test
    @SuppressWarnings("try") // the lease is held for the block's duration, never read
    void tryLock_afterTheHolderClosedItsLease_isGrantedAndCloseIsIdempotent() {
        String fp = fingerprint();
        CheckpointStore.Lease first = store().tryLock(fp, "host-a pid 101");
        first.close();
        first.close();
        try (CheckpointStore.Lease second = store().tryLock(fp, "host-b pid 202")) {
            assertThatThrownBy(() -> store().tryLock(fp, "host-c pid 303"))
                    .isInstanceOf(CheckpointInUseException.class);
        }
    }

    @Test
    void find_nothingSaved_isEmpty() {
        assertThat(store().find(fingerprint())).isEmpty();
    }

    @Test
    void save_thenFind_returnsEqualCheckpointWithEveryField() {
        String fp = fingerprint();
        Checkpoint saved = checkpoint(fp, 3);

        store().save(saved);
        Checkpoint found = store().find(fp).orElseThrow();

        assertThat(found).isEqualTo(saved);
        assertThat(found.target().key()).isEqualTo("sv/clip 1+%/视频 'quoted'.mp4");
        assertThat(found.target().region()).contains("cn-shanghai");
        assertThat(found.parts()).extracting(CheckpointPart::crc64)
                .containsExactly(0x995DC9BBDF1939FAL + 1, 0x995DC9BBDF1939FAL + 2, 0x995DC9BBDF1939FAL + 3);
        assertThat(found.updatedAt()).isEqualTo(Instant.parse("2024-05-01T12:34:56.789123456Z"));
    }

    @Test
    void save_targetWithoutRegionAndNoParts_roundTrips() {
        String fp = fingerprint();
        Checkpoint original = checkpoint(fp, 0);
        Checkpoint saved = new Checkpoint(Checkpoint.FORMAT_VERSION, fp, original.file(), 0, 0,
                StorageTarget.of("file:///srv/store/", "b", "k"), "u", 1, List.of(), Instant.EPOCH);

        store().save(saved);

        assertThat(store().find(fp)).contains(saved);
    }

    @Test
    void save_extremeNumbers_roundTrip() {
        String fp = fingerprint();
        Checkpoint saved = new Checkpoint(Checkpoint.FORMAT_VERSION, fp, Path.of("/f"), Long.MAX_VALUE,
                Long.MIN_VALUE, StorageTarget.of("https://h", "b", "k"), "u", Long.MAX_VALUE,
                List.of(new CheckpointPart(10_000, Long.MAX_VALUE - 1, 0, "e", -1L),
                        new CheckpointPart(1, 0, Long.MAX_VALUE, "E", Long.MIN_VALUE)),
                Instant.parse("-1000-01-01T00:00:00Z"));

        store().save(saved);

        assertThat(store().find(fp)).contains(saved);
    }

    @Test
    void save_again_replacesTheEarlierCheckpoint() {
        String fp = fingerprint();
        Checkpoint first = checkpoint(fp, 2);
        Checkpoint more = withParts(first, 5, Instant.parse("2024-05-01T13:00:00Z"));
        Checkpoint fewer = withParts(first, 1, Instant.parse("2024-05-01T14:00:00Z"));

        store().save(first);
        store().save(more);
        assertThat(store().find(fp)).contains(more);
        store().save(fewer);

        assertThat(store().find(fp)).contains(fewer);
        assertThat(listed(fp)).containsExactly(fewer);
    }

    @Test
    void save_changedPartAndUploadId_replacesThem() {
        String fp = fingerprint();
        Checkpoint first = checkpoint(fp, 3);
        List<CheckpointPart> changed = new ArrayList<>(first.parts());
        changed.set(1, new CheckpointPart(2, 1_048_576L, 1_048_576L, "OTHER-ETAG", 42L));
        Checkpoint second = new Checkpoint(Checkpoint.FORMAT_VERSION, fp, first.file(), first.fileLength(),
                first.fileLastModifiedMillis(), first.target().withRegion("cn-beijing"), "ANOTHER-UPLOAD",
                first.partSize(), changed, Instant.parse("2024-06-01T00:00:00Z"));

        store().save(first);
        store().save(second);

        assertThat(store().find(fp)).contains(second);
    }

    @Test
    void remove_thenFind_isEmptyAndOthersStay() {
        String gone = fingerprint();
        String kept = fingerprint();
        store().save(checkpoint(gone, 2));
        store().save(checkpoint(kept, 1));

        store().remove(gone);

        assertThat(store().find(gone)).isEmpty();
        assertThat(store().find(kept)).contains(checkpoint(kept, 1));
        assertThat(listed(gone, kept)).containsExactly(checkpoint(kept, 1));
    }

    @Test
    void remove_nothingStored_doesNothing() {
        String fp = fingerprint();

        store().remove(fp);
        store().remove(fp);

        assertThat(store().find(fp)).isEmpty();
    }

    @Test
    void save_afterRemove_storesAgain() {
        String fp = fingerprint();
        store().save(checkpoint(fp, 3));
        store().remove(fp);

        store().save(checkpoint(fp, 1));

        assertThat(store().find(fp)).contains(checkpoint(fp, 1));
    }

    @Test
    void list_returnsEverySavedCheckpointOnce() {
        String a = fingerprint();
        String b = fingerprint();
        String c = fingerprint();
        store().save(checkpoint(a, 0));
        store().save(checkpoint(b, 4));
        store().save(checkpoint(c, 1));
        store().save(checkpoint(c, 2));

        assertThat(listed(a, b, c)).containsExactlyInAnyOrder(checkpoint(a, 0), checkpoint(b, 4), checkpoint(c, 2));
    }

    @Test
    void nullArguments_throwNullPointerException() {
        assertThatThrownBy(() -> store().find(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().save(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store().remove(null)).isInstanceOf(NullPointerException.class);
    }

    // ------------------------------------------------------------------ threads

    @Test
    void save_fromManyThreadsEachItsOwnCheckpoint_keepsTheLastOfEach() throws Exception {
        int threads = 6;
        int savesEach = 12;
        List<String> fingerprints = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fingerprints.add(fingerprint());
        }
        runTogether(threads, t -> {
            Checkpoint c = checkpoint(fingerprints.get(t), 0);
            for (int n = 1; n <= savesEach; n++) {
                store().save(withParts(c, n, Instant.EPOCH.plusSeconds(n)));
            }
        });

        for (String fp : fingerprints) {
            assertThat(store().find(fp)).contains(withParts(checkpoint(fp, 0), savesEach, Instant.EPOCH.plusSeconds(savesEach)));
        }
        assertThat(listed(fingerprints.toArray(String[]::new))).hasSize(threads);
    }

    @Test
    void save_fromManyThreadsToOneFingerprint_storesOneWholeCheckpointAndReadersSeeOnlyWholeOnes() throws Exception {
        String fp = fingerprint();
        int writers = 4;
        int savesEach = 10;
        List<Checkpoint> written = new CopyOnWriteArrayList<>();
        List<Checkpoint> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        store().save(checkpoint(fp, 0));
        written.add(checkpoint(fp, 0));

        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<?> reading = reader.submit(() -> {
            // bounded: stops when the writers are done, or after a number of reads that covers them
            for (int i = 0; i < 2_000 && writing.get(); i++) {
                store().find(fp).ifPresent(seen::add);
            }
        });
        try {
            runTogether(writers, t -> {
                for (int n = 1; n <= savesEach; n++) {
                    // each writer's checkpoints have their own part count and upload id, so a mix of two shows
                    int parts = 1 + (t * savesEach + n) % 7;
                    Checkpoint c = new Checkpoint(Checkpoint.FORMAT_VERSION, fp, Path.of("/w/" + t), 10L << 20, t,
                            StorageTarget.of("https://h", "b", "k"), "U-" + t + "-" + n, 1_048_576L,
                            checkpoint(fp, parts).parts(), Instant.EPOCH.plusSeconds(t * 100L + n));
                    written.add(c);
                    store().save(c);
                }
            });
        } finally {
            writing.set(false);
            reading.get(60, TimeUnit.SECONDS);
            reader.shutdownNow();
        }

        Checkpoint stored = store().find(fp).orElseThrow();
        assertThat(written).contains(stored);
        assertThat(stored.uploadId()).isNotEqualTo(checkpoint(fp, 0).uploadId());
        assertThat(seen).allSatisfy(c -> assertThat(written).contains(c));
        assertThat(listed(fp)).containsExactly(stored);
    }

    /** Runs {@code body(t)} on {@code threads} threads released at once; rethrows the first failure. */
    private static void runTogether(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(index);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One thread's work in {@link #runTogether}. */
    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    // ------------------------------------------------------------------ damage

    @Test
    void find_damagedCheckpoint_isWarnedOnceDiscardedAndAbsent() throws Exception {
        String fp = fingerprint();
        store().save(checkpoint(fp, 2));
        damageOrSkip(fp);

        List<String> warnings;
        try (LogCapture log = new LogCapture(loggerName())) {
            assertThat(store().find(fp)).isEmpty();
            assertThat(store().find(fp)).isEmpty();
            assertThat(listed(fp)).isEmpty();
            warnings = log.warningsAbout(fp);
        }

        assertThat(warnings).hasSize(1);
    }

    @Test
    void list_damagedAmongGood_returnsTheGoodOnesAndNeverThrows() throws Exception {
        String good = fingerprint();
        String bad = fingerprint();
        store().save(checkpoint(good, 1));
        store().save(checkpoint(bad, 1));
        damageOrSkip(bad);

        try (LogCapture log = new LogCapture(loggerName())) {
            assertThat(listed(good, bad)).containsExactly(checkpoint(good, 1));
            assertThat(log.warningsAbout(bad)).hasSize(1);
        }
        assertThat(store().find(good)).contains(checkpoint(good, 1));
    }

    @Test
    void save_afterDamage_storesAgain() throws Exception {
        String fp = fingerprint();
        store().save(checkpoint(fp, 2));
        damageOrSkip(fp);

        store().save(checkpoint(fp, 3));

        assertThat(store().find(fp)).contains(checkpoint(fp, 3));
    }

    // ------------------------------------------------------------------ secrets

    @Test
    void checkpoint_hasNoFieldForACredential() {
        List<String> names = new ArrayList<>();
        for (Class<?> type : List.of(Checkpoint.class, CheckpointPart.class, StorageTarget.class)) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(type.getSimpleName() + "." + component.getName() + ": " + component.getType().getName());
            }
        }

        assertThat(names).isNotEmpty().allSatisfy(name -> {
            for (String word : CREDENTIAL_WORDS) {
                assertThat(name.toLowerCase(Locale.ROOT)).doesNotContain(word);
            }
            assertThat(name).doesNotContain("io.vodupload.ports.Credentials", "io.vodupload.ports.UploadAuth");
        });
    }

    @Test
    void save_storedForm_holdsTheCheckpointAndNoCredential() throws Exception {
        String fp = fingerprint();
        store().save(checkpoint(fp, 2));

        String stored;
        try {
            stored = storedText();
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("the store under test persists nothing: " + e.getMessage());
            return;
        }

        // not vacuous: the stored form is really the checkpoint
        assertThat(stored).contains(fp, "0004B9895DBBB6EC98E36ABCDEF01234", "outin-bucket");
        for (String word : CREDENTIAL_WORDS) {
            assertThat(stored.toLowerCase(Locale.ROOT)).doesNotContain(word);
        }
    }

    /**
     * Captures what a logger reports. With no other logging backend on the test class path, the JDK
     * routes {@link System.Logger} to java.util.logging under the same name, so a handler there sees it.
     */
    private static final class LogCapture implements AutoCloseable {
        private final Logger logger;
        private final List<LogRecord> records = new CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        LogCapture(String name) {
            logger = Logger.getLogger(name);
            handler.setLevel(Level.ALL);
            logger.addHandler(handler);
        }

        List<String> warningsAbout(String fingerprint) {
            return records.stream().filter(r -> r.getLevel() == Level.WARNING)
                    .map(formatter::formatMessage).filter(m -> m.contains(fingerprint)).toList();
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }
}
