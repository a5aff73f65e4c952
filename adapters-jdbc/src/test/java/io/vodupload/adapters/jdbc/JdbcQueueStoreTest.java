package io.vodupload.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.QueuedFileStatus;
import io.vodupload.ports.StorageTarget;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * What the queue store contract does not cover: queues sharing a database, a second process reading what
 * the first saved, damaged rows, the migration of a database made before the queue tables existed, and
 * what the store shows of its URL. Each database case runs on SQLite and on PostgreSQL.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcQueueStoreTest {

    @TempDir
    static Path temp;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("sqlite", "jdbc:sqlite:" + temp.resolve("db-" + System.nanoTime() + ".db")),
                Arguments.of("postgresql", EmbeddedPostgresExtension.newDatabaseUrl()));
    }

    private static QueuedFileInfo file(String id) {
        return QueuedFileInfo.toTarget(id, Path.of("/data/" + id + ".mp4"),
                StorageTarget.of("https://oss-cn-hangzhou.aliyuncs.com", "b", id + ".mp4"),
                new ObjectMetadata(Optional.of("video/mp4"), Map.of("x-oss-meta-n", id)), 2048);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void list_twoQueuesInOneDatabase_eachSeesOnlyItsOwnFilesUnderTheSameIds(String dialect, String url) {
        JdbcDatabase db = JdbcDatabase.open(url);
        JdbcQueueStore nightly = new JdbcQueueStore(db, "nightly");
        JdbcQueueStore uploads = new JdbcQueueStore(db, "uploads");

        nightly.save(file("1"));
        uploads.save(file("1").withStatus(QueuedFileStatus.SUCCEEDED));
        uploads.save(file("2"));
        nightly.remove("2");

        assertThat(nightly.list()).containsExactly(file("1"));
        assertThat(uploads.list()).containsExactly(file("1").withStatus(QueuedFileStatus.SUCCEEDED), file("2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void list_anotherProcessSavedTheQueue_returnsItsFilesInOrderWithTheirVideoIdsAndErrors(String dialect,
                                                                                         String url) {
        JdbcQueueStore first = new JdbcQueueStore(JdbcDatabase.open(url), "q");
        QueuedFileInfo a = QueuedFileInfo.ticketed("1", Path.of("/v/a.mp4"), Map.of("Title", "A", "CateId", "7"),
                ObjectMetadata.forFileName("a.mp4"), 10);
        first.save(a);
        first.save(file("2"));
        QueuedFileInfo ticketedA = a.withTicket(StorageTarget.of("https://oss-cn-shanghai.aliyuncs.com", "outin",
                "sv/a.mp4"), Optional.of("video-1")).withStatus(QueuedFileStatus.UPLOADING);
        first.save(ticketedA);
        first.save(file("2").failed("NoSuchBucket", "The bucket does not exist: b"));

        JdbcQueueStore second = new JdbcQueueStore(JdbcDatabase.open(url), "q");

        assertThat(second.list()).containsExactly(ticketedA, file("2").failed("NoSuchBucket",
                "The bucket does not exist: b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void save_sameEntriesAgain_rewritesNoEntryRowAndOtherEntriesReplaceThem(String dialect, String url)
            throws Exception {
        JdbcQueueStore store = new JdbcQueueStore(JdbcDatabase.open(url), "q");
        store.save(file("1"));
        RawSql raw = new RawSql(url);
        // what shows a row was written again: PostgreSQL's xmin (the writing transaction); on SQLite a trigger
        String written;
        if (dialect.equals("postgresql")) {
            String first = raw.rows("SELECT xmin FROM vodupload_queue_file_entry").get(0);
            written = "SELECT name FROM vodupload_queue_file_entry WHERE xmin::text <> '" + first + "'";
        } else {
            raw.execute("CREATE TABLE written (name TEXT)");
            raw.execute("CREATE TRIGGER log_written AFTER INSERT ON vodupload_queue_file_entry "
                    + "BEGIN INSERT INTO written VALUES (new.name); END");
            written = "SELECT name FROM written";
        }

        store.save(file("1").withStatus(QueuedFileStatus.UPLOADING).withProgress(1024, 2048));
        assertThat(raw.rows(written)).isEmpty();

        QueuedFileInfo other = new QueuedFileInfo("1", Path.of("/data/1.mp4"), file("1").target(), false, Map.of(),
                new ObjectMetadata(Optional.empty(), Map.of("x-oss-meta-m", "v")), QueuedFileStatus.READY,
                Optional.empty(), 0, 2048, Optional.empty(), Optional.empty());
        store.save(other);

        assertThat(store.list()).containsExactly(other);
        assertThat(raw.rows("SELECT kind, name, value FROM vodupload_queue_file_entry"))
                .containsExactly("header|x-oss-meta-m|v");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void list_rowWithAnUnknownStatus_isSkippedWarnedOnceAndKept(String dialect, String url) throws Exception {
        JdbcQueueStore store = new JdbcQueueStore(JdbcDatabase.open(url), "q");
        store.save(file("1"));
        store.save(file("2"));
        RawSql raw = new RawSql(url);
        assertThat(raw.execute("UPDATE vodupload_queue_file SET status = 'SOMEWHERE' WHERE id = '1'")).isPositive();

        List<String> warnings = new ArrayList<>();
        Handler handler = capture(warnings);
        try {
            assertThat(store.list()).containsExactly(file("2"));
            assertThat(store.list()).containsExactly(file("2"));
        } finally {
            Logger.getLogger(JdbcQueueStore.class.getName()).removeHandler(handler);
        }

        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("Skipping file 1 of queue q").doesNotContain("SOMEWHERE", "/data");
        assertThat(raw.rows("SELECT COUNT(*) FROM vodupload_queue_file")).containsExactly("2");
        store.save(file("1"));
        assertThat(store.list()).containsExactly(file("1"), file("2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migrate_databaseMadeBeforeTheQueueTables_addsThemAndKeepsItsCheckpoints(String dialect, String url)
            throws Exception {
        JdbcDatabase.open(url).migrate();
        RawSql raw = new RawSql(url);
        // back to the schema before the queue tables, holding a checkpoint
        raw.execute("DROP TABLE vodupload_queue_file_entry");
        raw.execute("DROP TABLE vodupload_queue_file");
        raw.execute("DELETE FROM vodupload_schema_version WHERE version = 4");
        raw.execute("INSERT INTO vodupload_checkpoint (fingerprint, format_version, file_path, "
                + "file_length, file_last_modified_millis, endpoint, bucket, object_key, upload_id, part_size, updated_at) "
                + "VALUES ('00000000000000000000', 1, '/f', 1, 1, 'https://h', 'b', 'k', 'u', 1, '1970-01-01T00:00:00Z')");

        JdbcQueueStore store = new JdbcQueueStore(JdbcDatabase.open(url), "q");
        store.save(file("1"));
        new JdbcQueueStore(JdbcDatabase.open(url), "q").list();

        assertThat(store.list()).containsExactly(file("1"));
        assertThat(raw.rows("SELECT version FROM vodupload_schema_version")).containsExactly("1", "2", "3", "4");
        assertThat(raw.rows("SELECT fingerprint FROM vodupload_checkpoint")).containsExactly("00000000000000000000");
    }

    @Test
    void new_queueNameEmptyTooLongOrWithAControlCharacter_isRefused() {
        JdbcDatabase db = JdbcDatabase.open("jdbc:sqlite:" + temp.resolve("names.db"));

        assertThatThrownBy(() -> new JdbcQueueStore(db, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JdbcQueueStore(db, "q".repeat(JdbcQueueStore.MAX_QUEUE_NAME + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("201");
        assertThatThrownBy(() -> new JdbcQueueStore(db, "a\nb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThat(new JdbcQueueStore(db, "q".repeat(JdbcQueueStore.MAX_QUEUE_NAME)).list()).isEmpty();
    }

    @Test
    void save_unreachableServerWithAPasswordInTheUrl_failsNamingItRedacted() {
        // port 9 (discard) on the loopback: nothing listens there, the connection is refused at once
        JdbcQueueStore store = new JdbcQueueStore(
                JdbcDatabase.open("jdbc:postgresql://127.0.0.1:9/q?user=u&password=s3cret&connectTimeout=2"), "q");

        assertThat(store.toString()).contains("password=***").doesNotContain("s3cret");
        assertThatThrownBy(() -> store.save(file("1"))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("s3cret");
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
        Logger.getLogger(JdbcQueueStore.class.getName()).addHandler(handler);
        return handler;
    }
}
