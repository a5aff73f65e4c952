package io.vodupload.batch;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vodupload.adapters.jdbc.Dialect;
import io.vodupload.adapters.jdbc.JdbcCheckpointStore;
import io.vodupload.adapters.jdbc.JdbcDatabase;
import io.vodupload.adapters.jdbc.JdbcUrls;
import io.vodupload.ports.CheckpointStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Batches of files as durable tasks in a database (SQLite, one file, or PostgreSQL shared by many
 * workers), run by db-scheduler: one task per file, bounded retries, a dead worker's files taken over,
 * finished files recorded so that submitting a batch again skips them. See docs/batches.md.
 *
 * <pre>{@code
 * try (BatchQueue queue = BatchQueue.open("jdbc:sqlite:" + dir.resolve("batches.db"), new Properties(), clock)) {
 *     queue.submit(new BatchSubmission(batchId, settings, files));
 *     WorkResult result = queue.work(WorkOptions.defaults().withOnlyBatch(batchId), uploader, listener);
 * }
 * }</pre>
 *
 * <p><b>Secrets:</b> the JDBC URL may hold a password; it is never shown ({@link #toString()} and every
 * message use {@link JdbcUrls#redact}). The database never holds one: settings whose name looks like a
 * secret are refused.
 *
 * <p><b>Threading:</b> thread-safe. {@link #work} blocks the calling thread; several calls may run at once
 * (each is a worker of its own). Every method may throw {@link java.io.UncheckedIOException} when the
 * database cannot be reached, with a message that names it redacted.
 */
public final class BatchQueue implements AutoCloseable {

    private static final TaskDescriptor<FileWork> FILE_TASK = TaskDescriptor.of(FileTasks.TASK_NAME, FileWork.class);
    private static final List<String> SECRET_WORDS = List.of("secret", "token", "auth", "password");
    /** Task rows inserted per statement batch by {@link #submit}. */
    private static final int INSERT_BATCH = 500;
    /** Connections at most: a worker's threads (up to 64), its poller and heartbeats, the caller. */
    private static final int MAX_CONNECTIONS = 72;

    /**
     * A pool over the database's own connections (which carry the dialect's settings and the credentials):
     * opened as needed, closed after a minute unused, none at start.
     */
    private static HikariDataSource pool(JdbcDatabase direct) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct.dataSource());
        config.setPoolName("vodupload-batch");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private final JdbcDatabase database;
    private final Dialect dialect;
    private final Clock clock;
    private final BatchRows rows;
    private final SchedulerClient client;
    private final JdbcCheckpointStore checkpoints;
    private final HikariDataSource pool;

    private BatchQueue(JdbcDatabase direct, Clock clock) {
        direct.migrate();
        this.pool = pool(direct);
        this.database = direct.withDataSource(pool);
        this.dialect = database.dialect();
        this.clock = clock;
        this.rows = new BatchRows(database, clock);
        this.client = SchedulerClient.Builder.create(database.dataSource())
                .tableName(FileTasks.TABLE)
                .serializer(JsonTaskData.INSTANCE)
                .jdbcCustomization(FileTasks.customization(dialect, Optional.empty()))
                .build();
        this.checkpoints = new JdbcCheckpointStore(database, clock, checkpointLease(WorkOptions.defaults()));
    }

    /**
     * Opens the queue in the database at {@code jdbcUrl}, creating or migrating the schema now (idempotent,
     * and safe when several processes start at once).
     *
     * @param jdbcUrl    {@code jdbc:sqlite:/path} or {@code jdbc:postgresql://...}; a password in it is never shown
     * @param properties driver properties ({@code user}, {@code password}, ...); for PostgreSQL without a
     *                   password in the URL or here, the environment's {@code PGPASSWORD} is used (the
     *                   driver itself does not read it)
     * @param clock      the time of the queue's records and of its scheduler (the system clock outside tests)
     * @throws IllegalArgumentException when the URL is of neither kind (the message shows it redacted)
     * @throws java.io.UncheckedIOException when the database cannot be reached or migrated
     */
    public static BatchQueue open(String jdbcUrl, Properties properties, Clock clock) {
        return open(jdbcUrl, properties, clock, System::getenv);
    }

    static BatchQueue open(String jdbcUrl, Properties properties, Clock clock, Function<String, String> environment) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(clock, "clock");
        return new BatchQueue(JdbcDatabase.open(jdbcUrl, connectionProperties(jdbcUrl, properties, environment)),
                clock);
    }

    /**
     * The driver properties the queue connects with: the caller's, plus for PostgreSQL the environment's
     * {@code PGPASSWORD} when no password is given in the URL or the properties, plus for SQLite
     * {@code synchronous=NORMAL} unless the caller chose.
     */
    static Properties connectionProperties(String jdbcUrl, Properties properties,
            Function<String, String> environment) {
        Properties effective = new Properties();
        effective.putAll(properties);
        boolean postgres = Dialect.ofUrl(jdbcUrl).filter(d -> d == Dialect.POSTGRESQL).isPresent();
        if (postgres) {
            boolean passwordInUrl = !JdbcUrls.redact(jdbcUrl).equals(jdbcUrl);
            String pgPassword = environment.apply("PGPASSWORD");
            if (!passwordInUrl && effective.getProperty("password") == null && pgPassword != null
                    && !pgPassword.isEmpty()) {
                effective.setProperty("password", pgPassword);
            }
        } else if (effective.getProperty("synchronous") == null) {
            // with write-ahead logging, NORMAL syncs at checkpoints, not at every commit: a crash of the process
            // loses nothing, a power cut may lose the last commits (a file then runs again). FULL made every
            // one of a file's few commits wait for the disk.
            effective.setProperty("synchronous", "NORMAL");
        }
        return effective;
    }

    /**
     * Enqueues the files of a batch. Idempotent: a file's task id is derived from its batch and key, so
     * submitting twice never doubles a file. A file that succeeded earlier in this batch and did not change
     * (same length, modified time and change time) is skipped; a changed one, a failed one and a canceled one
     * are scheduled again; one already pending or running stays as it is.
     *
     * @throws IllegalArgumentException when a setting's name contains "secret", "token", "auth" or
     *                                  "password" (any case): the database never holds a secret
     */
    public SubmitResult submit(BatchSubmission submission) {
        Objects.requireNonNull(submission, "submission");
        for (String name : submission.settings().keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String word : SECRET_WORDS) {
                if (lower.contains(word)) {
                    throw new IllegalArgumentException("a batch setting may not hold a secret; refused setting "
                            + name);
                }
            }
        }
        String batchId = submission.batchId();
        String settingsJson = JsonTaskData.INSTANCE.writeMap(submission.settings());
        List<BatchFile> skipped = new ArrayList<>();
        List<FileWork> toCreate = new ArrayList<>();
        List<FileWork> toReplace = new ArrayList<>();
        Set<String> existingTasks = rows.inTransaction("cannot submit batch " + batchId, c -> {
            rows.upsertBatch(c, batchId, settingsJson);
            Map<String, BatchRows.Row> existing = rows.rowsByKey(c, batchId);
            List<BatchRows.Pending> pending = new ArrayList<>();
            for (BatchFile file : submission.files()) {
                BatchRows.Row row = existing.get(file.key());
                FileWork work = FileWork.of(batchId, file, submission.settings());
                String taskId = FileTasks.instanceId(batchId, file.key());
                boolean unchanged = row != null && row.file().sameContentAs(file)
                        && row.file().source().equals(file.source());
                boolean active = row != null
                        && (row.status() == FileStatus.PENDING || row.status() == FileStatus.RUNNING);
                if (row != null && row.status() == FileStatus.SUCCEEDED && unchanged) {
                    skipped.add(file);
                } else if (active && unchanged) {
                    toCreate.add(work); // its task is there, normally: created only if it went missing
                } else if (active) {
                    pending.add(new BatchRows.Pending(batchId, taskId, file, true));
                    toReplace.add(work);
                } else {
                    pending.add(new BatchRows.Pending(batchId, taskId, file, !unchanged));
                    toCreate.add(work);
                }
            }
            rows.schedulePending(c, pending);
            return taskIds(c, Optional.of(batchId));
        });
        createMissing(toCreate, existingTasks);
        for (FileWork work : toReplace) {
            try {
                client.schedule(instance(work), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            } catch (RuntimeException running) {
                // a worker is on it now: it uploads the file as it finds it
            }
        }
        return new SubmitResult(batchId, submission.files().size(), submission.files().size() - skipped.size(),
                skipped);
    }

    /** The ids of the tasks that exist, of one batch or of all. */
    private static Set<String> taskIds(Connection c, Optional<String> batchId) throws SQLException {
        String condition = batchId.map(FileTasks::batchCondition).orElse("");
        Set<String> ids = new HashSet<>();
        try (PreparedStatement select = c.prepareStatement("SELECT task_instance FROM " + FileTasks.TABLE
                + " WHERE task_name = ?" + condition)) {
            select.setString(1, FileTasks.TASK_NAME);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }

    /**
     * Creates the tasks of {@code works} that do not exist, in batches of inserts; when a batch fails (a
     * task created meanwhile by another submitter), one by one, each only if it does not exist.
     */
    private void createMissing(List<FileWork> works, Set<String> existing) {
        List<SchedulableInstance<?>> missing = new ArrayList<>();
        for (FileWork work : works) {
            if (!existing.contains(FileTasks.instanceId(work.batchId(), work.key()))) {
                missing.add(instance(work));
            }
        }
        for (int from = 0; from < missing.size(); from += INSERT_BATCH) {
            List<SchedulableInstance<?>> chunk = missing.subList(from, Math.min(missing.size(), from + INSERT_BATCH));
            try {
                client.scheduleBatch(chunk);
            } catch (RuntimeException conflict) {
                for (SchedulableInstance<?> one : chunk) {
                    client.scheduleIfNotExists(one);
                }
            }
        }
    }

    private SchedulableInstance<FileWork> instance(FileWork work) {
        return FILE_TASK.instance(FileTasks.instanceId(work.batchId(), work.key())).data(work)
                .scheduledTo(clock.instant());
    }

    /**
     * Works on the queue with {@code options.threads()} files at once, until nothing is pending or running
     * (in {@code options.onlyBatch()}, or in any batch), or forever with {@code options.follow()}.
     *
     * <p>Interrupting the calling thread stops the worker at once: the uploads are interrupted, and the
     * files this worker held are released (pending again, so other workers take them now, not after the
     * heartbeat timeout). The interrupt is consumed and reported as {@link WorkResult#interrupted()}.
     *
     * @throws InterruptedException when the calling thread is interrupted before the worker started
     */
    public WorkResult work(WorkOptions options, FileUploader uploader, BatchListener listener)
            throws InterruptedException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(listener, "listener");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the worker started");
        }
        return worker(options, uploader, listener).run();
    }

    /** A worker that has not started: for tests that need to reach it (to simulate its death). */
    Worker worker(WorkOptions options, FileUploader uploader, BatchListener listener) {
        return new Worker(database, dialect, rows, clock, options, uploader, listener);
    }

    /** Counts and every file's state, of one batch or of all, ordered by batch and key. */
    public QueueStatus status(Optional<String> batchId) {
        Objects.requireNonNull(batchId, "batchId");
        List<BatchRows.Row> all = rows.read("cannot read the queue's status",
                c -> rows.rows(c, batchId, Optional.empty()));
        int[] counts = new int[FileStatus.values().length];
        List<FileState> files = new ArrayList<>(all.size());
        for (BatchRows.Row row : all) {
            counts[row.status().ordinal()]++;
            files.add(row.state());
        }
        return new QueueStatus(counts[FileStatus.PENDING.ordinal()], counts[FileStatus.RUNNING.ordinal()],
                counts[FileStatus.SUCCEEDED.ordinal()], counts[FileStatus.FAILED.ordinal()],
                counts[FileStatus.CANCELED.ordinal()], files);
    }

    /** FAILED files (of one batch or of all) back to PENDING, with their attempts counted from zero; returns how many. */
    public int retryFailed(Optional<String> batchId) {
        Objects.requireNonNull(batchId, "batchId");
        List<FileWork> again = rows.inTransaction("cannot retry the failed files", c -> {
            List<FileWork> works = new ArrayList<>();
            List<BatchRows.Pending> pending = new ArrayList<>();
            Map<String, Map<String, String>> settingsByBatch = new HashMap<>();
            for (BatchRows.Row row : rows.rows(c, batchId, Optional.of(FileStatus.FAILED))) {
                Map<String, String> settings = settingsByBatch.get(row.batchId());
                if (settings == null) {
                    settings = rows.settings(c, row.batchId()).map(JsonTaskData.INSTANCE::readMap).orElse(Map.of());
                    settingsByBatch.put(row.batchId(), settings);
                }
                pending.add(new BatchRows.Pending(row.batchId(), row.taskId(), row.file(), false));
                works.add(FileWork.of(row.batchId(), row.file(), settings));
            }
            rows.schedulePending(c, pending);
            return works;
        });
        createMissing(again, Set.of());
        return again.size();
    }

    /**
     * PENDING and FAILED files (of one batch or of all) to CANCELED; returns how many. A file a worker has
     * picked already is not canceled; it finishes. A later submission of the batch schedules canceled files again.
     */
    public int cancel(Optional<String> batchId) {
        Objects.requireNonNull(batchId, "batchId");
        String condition = batchId.map(FileTasks::batchCondition).orElse("");
        return rows.inTransaction("cannot cancel", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + FileTasks.TABLE
                    + " WHERE task_name = ? AND picked = ?" + condition)) {
                delete.setString(1, FileTasks.TASK_NAME);
                delete.setBoolean(2, false);
                delete.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE " + BatchRows.FILE + " SET status = 'CANCELED', "
                    + "worker = NULL, updated_at = ? WHERE status IN ('PENDING', 'FAILED')"
                    + (batchId.isPresent() ? " AND batch_id = ?" : "")
                    + " AND NOT EXISTS (SELECT 1 FROM " + FileTasks.TABLE + " t WHERE t.task_name = ? AND "
                    + "t.task_instance = " + BatchRows.FILE + ".task_id)")) {
                int i = 1;
                update.setString(i++, clock.instant().toString());
                if (batchId.isPresent()) {
                    update.setString(i++, batchId.get());
                }
                update.setString(i, FileTasks.TASK_NAME);
                return update.executeUpdate();
            }
        });
    }

    /**
     * A checkpoint store on the same database, so a worker that takes a file over resumes from the parts
     * the dead one stored, for workers with the default heartbeat ({@link #checkpoints(WorkOptions)}).
     */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /**
     * A checkpoint store on the same database whose locks ({@link CheckpointStore#tryLock}) outlive a dead
     * worker by no more than the takeover of its files: a lock lasts {@code heartbeat × (missedHeartbeats - 1)}
     * after the last checkpoint saved, so by the time another worker is given the file the dead one's lock
     * has expired (with the store's default of ten minutes the domain would refuse the takeover as
     * {@code UploadInProgress}). A live worker's lock may lapse between two parts; db-scheduler, not the
     * lock, keeps a file to one worker.
     */
    public CheckpointStore checkpoints(WorkOptions options) {
        Objects.requireNonNull(options, "options");
        return new JdbcCheckpointStore(database, clock, checkpointLease(options));
    }

    static Duration checkpointLease(WorkOptions options) {
        return options.heartbeat().multipliedBy(options.missedHeartbeats() - 1L);
    }

    /** The database (for tests). */
    JdbcDatabase database() {
        return database;
    }

    /**
     * Closes the connections the queue keeps open. Call it after {@link #work} returned; the queue cannot
     * be used afterwards.
     */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "BatchQueue[" + database.description() + "]";
    }
}
