package io.vodupload.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.ManualClock;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the contract does not cover: two workers sharing one database (the takeover), the kinds of damage
 * a row can have, and what the store shows of its URL. Each case runs on SQLite and on PostgreSQL.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcCheckpointStoreTest {

    private static final String FP = "00112233445566778899aabbccddeeff";

    @TempDir
    static Path temp;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("sqlite", "jdbc:sqlite:" + temp.resolve("db-" + System.nanoTime() + ".db")),
                Arguments.of("postgresql", EmbeddedPostgresExtension.newDatabaseUrl()));
    }

    private static Checkpoint checkpoint(int parts, Instant at) {
        List<CheckpointPart> done = new ArrayList<>();
        for (int n = 1; n <= parts; n++) {
            done.add(new CheckpointPart(n, (n - 1) * 1_048_576L, 1_048_576L, "ETAG" + n, -n));
        }
        return new Checkpoint(Checkpoint.FORMAT_VERSION, FP, Path.of("/data/movie.mp4"), 10L << 20, 1_700_000_000_000L,
                StorageTarget.of("https://oss-cn-shanghai.aliyuncs.com", "bucket", "movie.mp4"), "UPLOAD-1",
                1_048_576L, done, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoWorkers_sameDatabase_theSecondResumesFromThePartsTheFirstStored(String dialect, String url) {
        JdbcCheckpointStore first = new JdbcCheckpointStore(JdbcDatabase.open(url));
        JdbcCheckpointStore second = new JdbcCheckpointStore(JdbcDatabase.open(url));

        first.save(checkpoint(1, Instant.parse("2026-01-01T00:00:01Z")));
        first.save(checkpoint(2, Instant.parse("2026-01-01T00:00:02Z")));
        // the first worker dies here; the second takes the task over
        Checkpoint taken = second.find(FP).orElseThrow();
        second.save(taken.withParts(checkpoint(3, Instant.EPOCH).parts(), Instant.parse("2026-01-01T00:00:03Z")));

        assertThat(taken).isEqualTo(checkpoint(2, Instant.parse("2026-01-01T00:00:02Z")));
        assertThat(first.find(FP)).contains(checkpoint(3, Instant.parse("2026-01-01T00:00:03Z")));
        assertThat(first.list()).containsExactly(checkpoint(3, Instant.parse("2026-01-01T00:00:03Z")));
        second.remove(FP);
        assertThat(first.find(FP)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void tryLock_workerDiedHoldingTheLease_anotherTakesItOverOnlyAfterItExpiredAndSavesRenewIt(String dialect,
                                                                                           String url) {
        ManualClock clock = new ManualClock();
        Duration lease = Duration.ofMinutes(10);
        JdbcCheckpointStore first = new JdbcCheckpointStore(JdbcDatabase.open(url), clock, lease);
        JdbcCheckpointStore second = new JdbcCheckpointStore(JdbcDatabase.open(url), clock, lease);

        first.tryLock(FP, "host-a pid 1"); // never closed: the worker dies
        clock.advance(Duration.ofMinutes(8));
        first.save(checkpoint(1, Instant.EPOCH)); // renews it: 10 more minutes from now
        clock.advance(Duration.ofMinutes(8));
        assertThatThrownBy(() -> second.tryLock(FP, "host-b pid 2"))
                .isInstanceOfSatisfying(CheckpointInUseException.class,
                        e -> assertThat(e.holder()).isEqualTo("host-a pid 1"));

        clock.advance(Duration.ofMinutes(3));
        try (CheckpointStore.Lease taken = second.tryLock(FP, "host-b pid 2")) {
            assertThat(taken).isNotNull();
            assertThatThrownBy(() -> first.tryLock(FP, "host-a pid 1"))
                    .isInstanceOfSatisfying(CheckpointInUseException.class,
                            e -> assertThat(e.holder()).isEqualTo("host-b pid 2"));
        }
        first.tryLock(FP, "host-a pid 1").close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void save_oneMorePart_writesOnlyThatPartRow(String dialect, String url) throws Exception {
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open(url));
        store.save(checkpoint(3, Instant.EPOCH));
        RawSql raw = new RawSql(url);
        // what shows a row was written again: PostgreSQL's xmin (the writing transaction); on SQLite a trigger
        String written;
        if (dialect.equals("postgresql")) {
            written = "SELECT part_number FROM vodupload_checkpoint_part WHERE xmin <> (SELECT xmin FROM "
                    + "vodupload_checkpoint_part WHERE part_number = 1) ORDER BY part_number";
        } else {
            raw.execute("CREATE TABLE written (part_number INTEGER)");
            raw.execute("CREATE TRIGGER log_written AFTER INSERT ON vodupload_checkpoint_part "
                    + "BEGIN INSERT INTO written VALUES (new.part_number); END");
            written = "SELECT part_number FROM written ORDER BY part_number";
        }

        store.save(checkpoint(4, Instant.EPOCH.plusSeconds(1)));

        assertThat(raw.rows(written)).containsExactly("4");
        assertThat(store.find(FP)).contains(checkpoint(4, Instant.EPOCH.plusSeconds(1)));
    }

    static Stream<Arguments> damages() {
        return Stream.of(
                Arguments.of("unknown format version", "UPDATE vodupload_checkpoint SET format_version = 2"),
                Arguments.of("endpoint not a URI", "UPDATE vodupload_checkpoint SET endpoint = 'ht tp://no host'"),
                Arguments.of("blank bucket", "UPDATE vodupload_checkpoint SET bucket = ' '"),
                Arguments.of("blank upload id", "UPDATE vodupload_checkpoint SET upload_id = ''"),
                Arguments.of("zero part size", "UPDATE vodupload_checkpoint SET part_size = 0"),
                Arguments.of("bad time", "UPDATE vodupload_checkpoint SET updated_at = 'yesterday'"),
                Arguments.of("fingerprint not hex", "UPDATE vodupload_checkpoint SET fingerprint = 'NOT-HEX' "
                        + "WHERE NOT EXISTS (SELECT 1 FROM vodupload_checkpoint_part)"),
                Arguments.of("blank etag", "UPDATE vodupload_checkpoint_part SET etag = ' ' WHERE part_number = 2"),
                Arguments.of("part number out of range", "UPDATE vodupload_checkpoint_part SET part_number = 10001 "
                        + "WHERE part_number = 2"),
                Arguments.of("negative offset", "UPDATE vodupload_checkpoint_part SET part_offset = -1"),
                Arguments.of("offset that overflows", "UPDATE vodupload_checkpoint_part SET part_offset = "
                        + Long.MAX_VALUE + ", part_size = 10 WHERE part_number = 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damages")
    void find_damagedRow_isDiscardedWithAWarningNamingNoValue(String damage, String sql) throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("damage-" + System.nanoTime() + ".db");
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open(url));
        boolean wholeRow = sql.contains("fingerprint = 'NOT-HEX'");
        store.save(checkpoint(wholeRow ? 0 : 3, Instant.EPOCH));
        RawSql raw = new RawSql(url);
        assertThat(raw.execute(sql)).isPositive();

        List<String> warnings = new ArrayList<>();
        Handler handler = capture(warnings);
        try {
            assertThat(store.list()).isEmpty();
            if (!wholeRow) {
                assertThat(store.find(FP)).isEmpty();
            }
        } finally {
            Logger.getLogger(JdbcCheckpointStore.class.getName()).removeHandler(handler);
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("Discarded checkpoint").doesNotContain("ht tp", "yesterday", "ETAG");
        assertThat(raw.rows("SELECT COUNT(*) FROM vodupload_checkpoint")).containsExactly("0");
        assertThat(raw.rows("SELECT COUNT(*) FROM vodupload_checkpoint_part")).containsExactly("0");
    }

    private static Handler capture(List<String> warnings) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger(JdbcCheckpointStore.class.getName()).addHandler(handler);
        return handler;
    }

    @Test
    void save_formatVersionThisStoreDoesNotWrite_isRefused() {
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open("jdbc:sqlite:" + temp.resolve("v.db")));
        Checkpoint c = checkpoint(1, Instant.EPOCH);
        Checkpoint future = new Checkpoint(2, FP, c.file(), c.fileLength(), c.fileLastModifiedMillis(), c.target(),
                c.uploadId(), c.partSize(), c.parts(), c.updatedAt());

        assertThatThrownBy(() -> store.save(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void find_invalidFingerprint_throwsIllegalArgument() {
        JdbcCheckpointStore store = new JdbcCheckpointStore(JdbcDatabase.open("jdbc:sqlite:" + temp.resolve("f.db")));

        assertThatThrownBy(() -> store.find("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.remove("ABCDEF0123456789")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void save_databaseUnreachable_throwsUncheckedIOExceptionWithoutThePassword() {
        JdbcCheckpointStore store = new JdbcCheckpointStore(
                JdbcDatabase.open("jdbc:postgresql://127.0.0.1:1/q?user=u&password=s3cret-p4ss"));

        assertThatThrownBy(() -> store.save(checkpoint(1, Instant.EPOCH)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageNotContaining("s3cret-p4ss")
                .hasMessageContaining("password=***");
        assertThat(store.toString()).isEqualTo("JdbcCheckpointStore[jdbc:postgresql://127.0.0.1:1/q?user=u&password=***]");
    }

    @Test
    void save_readOnlySqliteFile_throwsUncheckedIOException() throws Exception {
        Path file = temp.resolve("ro.db");
        new JdbcCheckpointStore(JdbcDatabase.open("jdbc:sqlite:" + file)).list();
        JdbcCheckpointStore readOnly = new JdbcCheckpointStore(JdbcDatabase.open("jdbc:sqlite:" + file + "?open_mode=1"));

        assertThatThrownBy(() -> readOnly.save(checkpoint(1, Instant.EPOCH)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot save checkpoint " + FP);
        assertThat(readOnly.list()).isEmpty();
    }
}
