package io.vodupload.adapters.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Opening a database, detecting its dialect, and migrating its schema once, even when raced. */
@ExtendWith(EmbeddedPostgresExtension.class)
class JdbcDatabaseTest {

    @TempDir
    Path temp;

    private String sqliteUrl() {
        return "jdbc:sqlite:" + temp.resolve("a").resolve("b").resolve("state.db");
    }

    @Test
    void migrate_freshSqliteFile_createsDirectoryOwnerOnlyTablesAndWal() throws Exception {
        JdbcDatabase db = JdbcDatabase.open(sqliteUrl());

        db.migrate();

        RawSql raw = new RawSql(sqliteUrl());
        assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a").resolve("b"))))
                .isEqualTo("rwx------");
        assertThat(raw.rows("SELECT version, description FROM vodupload_schema_version")).containsExactly("1|checkpoints", "2|leases", "3|batches");
        assertThat(raw.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
                .contains("vodupload_checkpoint", "vodupload_checkpoint_part", "vodupload_schema_version");
        assertThat(raw.rows("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    void migrate_freshPostgresDatabase_createsTablesAndRecordsVersion() throws Exception {
        String url = EmbeddedPostgresExtension.newDatabaseUrl();
        JdbcDatabase db = JdbcDatabase.open(url);

        assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);

        RawSql raw = new RawSql(url);
        assertThat(raw.rows("SELECT version, description FROM vodupload_schema_version")).containsExactly("1|checkpoints", "2|leases", "3|batches");
        assertThat(raw.rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "ORDER BY table_name"))
                .containsExactly("vodupload_batch", "vodupload_batch_file", "vodupload_checkpoint",
                        "vodupload_checkpoint_lease", "vodupload_checkpoint_part", "vodupload_scheduled_tasks",
                        "vodupload_schema_version");
    }

    @Test
    void migrate_twiceAndByASecondInstance_changesNothing() throws Exception {
        String url = EmbeddedPostgresExtension.newDatabaseUrl();
        JdbcDatabase.open(url).migrate();
        new RawSql(url).execute("INSERT INTO vodupload_checkpoint (fingerprint, format_version, file_path, "
                + "file_length, file_last_modified_millis, endpoint, bucket, object_key, upload_id, part_size, updated_at) "
                + "VALUES ('00000000000000000000', 1, '/f', 1, 1, 'https://h', 'b', 'k', 'u', 1, '1970-01-01T00:00:00Z')");

        JdbcDatabase again = JdbcDatabase.open(url);
        again.migrate();
        again.migrate();

        RawSql raw = new RawSql(url);
        assertThat(raw.rows("SELECT version FROM vodupload_schema_version")).containsExactly("1", "2", "3");
        assertThat(raw.rows("SELECT fingerprint FROM vodupload_checkpoint")).containsExactly("00000000000000000000");
    }

    @Test
    void migrate_twoInstancesAtOnceOnPostgres_bothSucceedAndMigrateOnce() throws Exception {
        String url = EmbeddedPostgresExtension.newDatabaseUrl();

        migrateConcurrently(url, 4);

        assertThat(new RawSql(url).rows("SELECT version FROM vodupload_schema_version")).containsExactly("1", "2", "3");
    }

    @Test
    void migrate_twoInstancesAtOnceOnSqlite_bothSucceedAndMigrateOnce() throws Exception {
        migrateConcurrently(sqliteUrl(), 4);

        assertThat(new RawSql(sqliteUrl()).rows("SELECT version FROM vodupload_schema_version")).containsExactly("1", "2", "3");
    }

    /** Each of {@code threads} threads opens its own instance (as separate processes would) and migrates. */
    private static void migrateConcurrently(String url, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Dialect>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    JdbcDatabase db = JdbcDatabase.open(url);
                    start.await();
                    return db.dialect();
                }));
            }
            start.countDown();
            for (Future<Dialect> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void migrate_schemaNewerThanThisCode_isRefusedAndNothingWritten() throws Exception {
        String url = EmbeddedPostgresExtension.newDatabaseUrl();
        JdbcDatabase.open(url).migrate();
        new RawSql(url).execute("INSERT INTO vodupload_schema_version (version, description) VALUES (99, 'future')");

        JdbcDatabase old = JdbcDatabase.open(url);

        assertThatThrownBy(old::migrate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 99").hasMessageContaining("newer");
        assertThatThrownBy(() -> new JdbcCheckpointStore(old).list()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void open_urlOfAnotherDatabase_isRefusedWithThePasswordHidden() {
        assertThatThrownBy(() -> JdbcDatabase.open("jdbc:mysql://h/q?user=u&password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://h/q?user=u&password=***")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void migrate_unreachablePostgresWithPasswordInUrl_failsWithoutShowingIt() {
        // a port nothing listens on: the driver fails to connect, and its message and ours name the URL
        String url = "jdbc:postgresql://127.0.0.1:1/q?user=u&password=s3cret-p4ss&connectTimeout=2";
        JdbcDatabase db = JdbcDatabase.open(url);

        UncheckedIOException e = org.assertj.core.api.Assertions.catchThrowableOfType(UncheckedIOException.class, db::migrate);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("127.0.0.1:1/q?user=u&password=***");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret-p4ss");
            assertThat(t.toString()).doesNotContain("s3cret-p4ss");
        }
        assertThat(db.toString()).isEqualTo("JdbcDatabase[jdbc:postgresql://127.0.0.1:1/q?user=u&password=***&connectTimeout=2]");
    }

    @Test
    void failure_driverMessageQuotingThePassword_isScrubbedAndItsCauseDropped() {
        Properties properties = new Properties();
        properties.setProperty("password", "pr0p-s3cret");
        JdbcDatabase db = JdbcDatabase.open("jdbc:postgresql://db/q?password=url-s3cret", properties);
        java.sql.SQLException quoting = new java.sql.SQLException("bad login url-s3cret / pr0p-s3cret", "28P01", 0,
                new RuntimeException("inner url-s3cret"));

        UncheckedIOException e = db.failure("cannot connect", quoting);

        assertThat(e.getMessage()).contains("cannot connect in jdbc:postgresql://db/q?password=***", "[SQLState 28P01]",
                "bad login *** / ***");
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.add(t);
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cret");
        }
        assertThat(chain).hasSize(3);
        assertThat(((java.sql.SQLException) chain.get(2)).getSQLState()).isEqualTo("28P01");
    }

    @Test
    void failure_driverMessageWithoutSecret_keepsTheDriversExceptionAsCause() {
        JdbcDatabase db = JdbcDatabase.open("jdbc:postgresql://db/q?password=url-s3cret");
        java.sql.SQLException plain = new java.sql.SQLException("connection refused", "08001");

        UncheckedIOException e = db.failure("cannot connect", plain);

        assertThat(e.getCause().getCause()).isSameAs(plain);
    }
}
