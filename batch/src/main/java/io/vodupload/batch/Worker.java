package io.vodupload.batch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import io.vodupload.adapters.jdbc.Dialect;
import io.vodupload.adapters.jdbc.JdbcDatabase;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of {@link BatchQueue#work}: a db-scheduler {@link Scheduler} with the worker's threads, the file
 * task's handler, and the loop that decides when the work is done. Used once.
 *
 * <p>The handler records each attempt in the queue's rows before and after calling the
 * {@link FileUploader}, then tells db-scheduler what to do with the execution: remove it (succeeded, failed
 * for good, canceled meanwhile), reschedule it after the retry delay (a retryable failure with attempts
 * left), or reschedule it now, unpicked (interrupted: another worker takes it at once).
 */
final class Worker {

    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    /** db-scheduler's executor waits this long for uploads to honour an interrupt, twice, before giving up. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    /** When the handler itself fails (the database is unreachable, say), the file is tried again after this. */
    private static final Duration UNEXPECTED_FAILURE_DELAY = Duration.ofSeconds(5);
    /** Never delete the executions of a task name this worker does not know (db-scheduler's default: 14 days). */
    private static final Duration NEVER = Duration.ofDays(365L * 100);

    private final JdbcDatabase database;
    private final BatchRows rows;
    private final Clock clock;
    private final WorkOptions options;
    private final FileUploader uploader;
    private final BatchListener listener;
    private final String name;
    private final ExecutorService executor;
    private final ExecutorService dueExecutor;
    private final ScheduledExecutorService housekeeper;
    private final Scheduler scheduler;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean dead;

    Worker(JdbcDatabase database, Dialect dialect, BatchRows rows, Clock clock, WorkOptions options,
           FileUploader uploader, BatchListener listener) {
        this.database = database;
        this.rows = rows;
        this.clock = clock;
        this.options = options;
        this.uploader = uploader;
        this.listener = listener;
        this.name = workerName();
        this.executor = Executors.newFixedThreadPool(options.threads(), threads("vodupload-batch-"));
        this.dueExecutor = Executors.newSingleThreadExecutor(threads("vodupload-batch-poll-"));
        this.housekeeper = Executors.newScheduledThreadPool(2, threads("vodupload-batch-heartbeat-"));
        CustomTask<FileWork> task = com.github.kagkarlsson.scheduler.task.helper.Tasks
                .custom(FileTasks.TASK_NAME, FileWork.class)
                .onFailure(this::handlerFailed)
                .onDeadExecution(this::deadExecution)
                .execute(this::execute);
        SchedulerBuilder builder = Scheduler.create(database.dataSource(), java.util.List.of(task))
                .tableName(FileTasks.TABLE)
                .serializer(JsonTaskData.INSTANCE)
                .jdbcCustomization(FileTasks.customization(dialect, options.onlyBatch()))
                .threads(options.threads())
                .executorService(executor)
                .dueExecutor(dueExecutor)
                .housekeeperExecutor(housekeeper)
                .pollingInterval(options.pollingInterval())
                .heartbeatInterval(options.heartbeat())
                .missedHeartbeatsLimit(options.missedHeartbeats())
                .schedulerName(new SchedulerName.Fixed(name))
                .deleteUnresolvedAfter(NEVER)
                .shutdownMaxWait(SHUTDOWN_WAIT)
                .clock(FileTasks.clock(clock))
                .enableImmediateExecution()
                .failureLogging(LogLevel.DEBUG, false)
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        // a finished file lets the next one start now, not at the next poll
                        wake.release();
                        if (!dead) {
                            Worker.this.schedulerOrNull().ifPresent(Scheduler::triggerCheckForDueExecutions);
                        }
                    }
                });
        if (dialect == Dialect.POSTGRESQL) {
            // SELECT ... FOR UPDATE SKIP LOCKED: workers never race for the same file
            builder.pollUsingLockAndFetch(0.5, 1.0);
        } else {
            builder.pollUsingFetch(0.5, 3.0);
        }
        this.scheduler = builder.build();
    }

    private Optional<Scheduler> schedulerOrNull() {
        return Optional.ofNullable(scheduler);
    }

    /** How this worker is named in {@code picked_by} and in the rows it runs: host, pid and a random part. */
    private static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        String random = UUID.randomUUID().toString().substring(0, 8);
        String suffix = " " + pid + " " + random;
        if (host.length() + suffix.length() > 50) {
            host = host.substring(0, 50 - suffix.length());
        }
        return host + suffix;
    }

    String name() {
        return name;
    }

    /** Works until nothing is left (or forever with follow), or until interrupted. */
    WorkResult run() {
        scheduler.start();
        try {
            // while a file of this worker runs there is work by definition: ask the database only when idle
            while (options.follow() || !scheduler.getCurrentlyExecuting().isEmpty() || anyWork()) {
                if (wake.tryAcquire(options.pollingInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            }
        } catch (InterruptedException e) {
            stopAndRelease();
            return new WorkResult(succeeded.get(), failed.get(), true);
        } catch (RuntimeException e) {
            stopAndRelease();
            throw e;
        }
        scheduler.stop();
        return new WorkResult(succeeded.get(), failed.get(), false);
    }

    /** Whether any file (of the batch this worker is limited to) is pending or running anywhere. */
    private boolean anyWork() {
        String condition = options.onlyBatch().map(FileTasks::batchCondition).orElse("");
        return rows.read("cannot look for pending files", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM " + FileTasks.TABLE
                    + " WHERE task_name = ?" + condition + " LIMIT 1")) {
                select.setString(1, FileTasks.TASK_NAME);
                try (ResultSet result = select.executeQuery()) {
                    return result.next();
                }
            }
        });
    }

    /**
     * Stops at once: the uploads are interrupted (each handler releases its file), the scheduler stops,
     * and whatever this worker still holds (an upload that ignored the interrupt, an execution picked but
     * not started) is released, so that other workers take it now rather than after the heartbeat timeout.
     */
    void stopAndRelease() {
        executor.shutdownNow();
        scheduler.stop();
        releaseHeld();
    }

    private void releaseHeld() {
        try {
            int tasks = rows.inTransaction("cannot release the files of worker " + name, c -> unpick(c));
            int files = rows.releasedAll(name);
            if (tasks > 0 || files > 0) {
                LOG.log(System.Logger.Level.DEBUG, "Released {0} executions and {1} files of {2}", tasks, files, name);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not release the files of worker {0} ({1}); they are taken "
                    + "over when its heartbeat is missed", name, e.getMessage());
        }
    }

    private int unpick(Connection c) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE " + FileTasks.TABLE + " SET picked = ?, "
                + "picked_by = NULL, last_heartbeat = NULL, version = version + 1 "
                + "WHERE task_name = ? AND picked = ? AND picked_by = ?")) {
            update.setBoolean(1, false);
            update.setString(2, FileTasks.TASK_NAME);
            update.setBoolean(3, true);
            update.setString(4, name);
            return update.executeUpdate();
        }
    }

    /**
     * For tests: the worker dies as a killed process would. Its threads stop, no heartbeat is written, and
     * nothing it holds is released or recorded; other workers take its files over when its heartbeat is
     * missed.
     */
    void simulateDeath() {
        dead = true;
        housekeeper.shutdownNow();
        dueExecutor.shutdownNow();
        executor.shutdownNow();
    }

    private static <T> CompletionHandler<T> nothing() {
        return (complete, operations) -> {
        };
    }

    private CompletionHandler<FileWork> execute(TaskInstance<FileWork> instance,
            com.github.kagkarlsson.scheduler.task.ExecutionContext context) {
        if (dead) {
            return nothing();
        }
        FileWork work = instance.getData();
        Optional<BatchRows.Started> started = rows.start(work.batchId(), work.key(), name);
        if (started.isEmpty()) {
            // canceled (or never recorded): the execution has nothing left to do
            return (complete, operations) -> operations.remove();
        }
        FileTask task = new FileTask(work.batchId(), work.file(), work.settings(), started.get().videoId(),
                started.get().attempt());
        safely(() -> listener.fileStarted(task));
        FileOutcome outcome;
        try {
            outcome = uploader.upload(task, videoId -> {
                if (!dead) {
                    rows.videoId(work.batchId(), work.key(), videoId);
                }
            });
            if (outcome == null) {
                outcome = new FileOutcome.Failed("UploaderError", "the uploader returned no outcome", true,
                        Optional.empty());
            }
        } catch (InterruptedException e) {
            if (dead) {
                return nothing();
            }
            rows.released(work.batchId(), work.key(), name);
            return (complete, operations) -> operations.reschedule(complete, clock.instant());
        } catch (RuntimeException e) {
            // its message may quote anything; the type is enough to tell what happened
            outcome = new FileOutcome.Failed("UploaderError", "the uploader threw " + e.getClass().getName(), true,
                    Optional.empty());
        }
        if (dead) {
            return nothing();
        }
        // an upload that finished although it was interrupted is recorded as it ended
        boolean interrupted = Thread.interrupted();
        try {
            return finished(work, task, outcome);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private CompletionHandler<FileWork> finished(FileWork work, FileTask task, FileOutcome outcome) {
        if (outcome instanceof FileOutcome.Succeeded s) {
            rows.succeeded(work.batchId(), work.key(), s.bytes(), s.videoId());
            succeeded.incrementAndGet();
            safely(() -> listener.fileFinished(task, outcome, true));
            return (complete, operations) -> operations.remove();
        }
        FileOutcome.Failed f = (FileOutcome.Failed) outcome;
        boolean last = !f.retryable() || task.attempt() >= options.maxAttempts();
        rows.failed(work.batchId(), work.key(), f, last);
        safely(() -> listener.fileFinished(task, outcome, last));
        if (last) {
            failed.incrementAndGet();
            return (complete, operations) -> operations.remove();
        }
        Duration delay = options.retryDelay().multipliedBy(task.attempt());
        return (complete, operations) -> operations.reschedule(complete, clock.instant().plus(delay));
    }

    /** The handler itself failed (not the upload: that is an outcome): try again a little later. */
    private void handlerFailed(ExecutionComplete complete, ExecutionOperations<FileWork> operations) {
        if (dead) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "A file of the batch queue could not be handled ({0}); it is tried "
                + "again in {1} s", complete.getCause().map(Throwable::getMessage).orElse("unknown"),
                UNEXPECTED_FAILURE_DELAY.toSeconds());
        operations.reschedule(complete, clock.instant().plus(UNEXPECTED_FAILURE_DELAY));
    }

    /** Another worker died holding this file: it is pending again, for every worker, now. */
    @SuppressWarnings("unchecked")
    private void deadExecution(ExecutionComplete complete, ExecutionOperations<FileWork> operations) {
        if (dead) {
            return;
        }
        TaskInstance<FileWork> instance = complete.getExecution().taskInstance;
        FileWork work = instance.getData();
        rows.orphaned(work.batchId(), work.key());
        operations.reschedule(complete, clock.instant());
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A batch listener threw {0}; ignored", e.getClass().getName());
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    JdbcDatabase database() {
        return database;
    }
}
