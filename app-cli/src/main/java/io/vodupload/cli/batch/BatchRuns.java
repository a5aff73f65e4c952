package io.vodupload.cli.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodupload.adapters.jdbc.JdbcUrls;
import io.vodupload.batch.BatchFile;
import io.vodupload.batch.BatchQueue;
import io.vodupload.batch.BatchSubmission;
import io.vodupload.batch.FileState;
import io.vodupload.batch.FileStatus;
import io.vodupload.batch.QueueStatus;
import io.vodupload.batch.SubmitResult;
import io.vodupload.batch.WorkOptions;
import io.vodupload.batch.WorkResult;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.IoReason;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.TargetForm;
import io.vodupload.cli.output.HumanText;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.wiring.CheckpointStoreFactory;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Sleeper;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the batch commands over a {@link BatchQueue}: submits a batch and works it in this process, works as
 * a worker of a shared queue, shows and changes the queue. Built for one command by {@link BatchLauncher}.
 *
 * <p>The queue is {@code --queue} or {@code $VODUPLOAD_QUEUE} (a JDBC URL, a secret: only
 * {@link JdbcUrls#redact} of it is ever shown), else the embedded SQLite database
 * {@code <checkpoint dir>/batches.db}. With PostgreSQL the checkpoints of files in flight are kept in the
 * same database, so a worker that takes over a dead worker's file resumes from its stored parts; otherwise
 * they are the checkpoint directory's JSON files, as for one file.
 */
final class BatchRuns {

    /** The environment variable that names the queue's database when {@code --queue} is not given. */
    static final String ENV_QUEUE = "VODUPLOAD_QUEUE";
    /** The embedded queue's file in the checkpoint directory. */
    static final String EMBEDDED_DB = "batches.db";
    /** How long an interrupt waits for the work to stop (files released, parts checkpointed). */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(12);

    private final CliEnvironment env;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ObjectMapper mapper;
    private final TargetResolver resolver;
    private final CheckpointStoreFactory checkpointStores;
    private final InterruptSignals interrupts;

    @Inject
    BatchRuns(CliEnvironment env, Clock clock, Sleeper sleeper, ObjectMapper mapper, TargetResolver resolver,
              CheckpointStoreFactory checkpointStores, InterruptSignals interrupts) {
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.mapper = mapper;
        this.resolver = resolver;
        this.checkpointStores = checkpointStores;
        this.interrupts = interrupts;
    }

    int upload(BatchRequest r) {
        Optional<String> queueUrl = r.queue().or(() -> env.variable(ENV_QUEUE));
        if (queueUrl.isPresent() && r.template().form() == TargetForm.LOCAL) {
            throw CliException.usage("the local store is this machine's: it cannot be the target of a shared queue"
                    + " (--queue or $" + ENV_QUEUE + "); give --endpoint/--bucket or --vod-region");
        }
        if (r.submitOnly() && queueUrl.isEmpty()) {
            throw CliException.usage("--submit-only needs --queue URL (or $" + ENV_QUEUE + "): a worker elsewhere"
                    + " takes the files from that database");
        }
        Selection selection = r.selector().select(r.asTyped());
        Map<String, String> settings = BatchSettings.of(r.template(), r.explicitType(), r.keyPrefix());
        String batchId = BatchSettings.batchId(r.arguments(), settings);
        Path checkpointDir = r.template().checkpointDir();
        try (BatchQueue queue = open(queueUrl, checkpointDir)) {
            Set<String> ownEarlier = queue.status(Optional.of(batchId)).files().stream()
                    .filter(f -> f.status() == FileStatus.SUCCEEDED).map(FileState::key).collect(Collectors.toSet());
            List<BatchFile> files = new ArrayList<>();
            for (SelectedFile f : selection.files()) {
                Map<String, String> marks = ownEarlier.contains(f.key())
                        ? Map.of(BatchFileUploader.REPLACES_OWN, "true") : Map.of();
                files.add(new BatchFile(f.path().toString(), f.key(), f.length(), f.modifiedMillis(),
                        f.changedMillis(), marks));
            }
            SubmitResult submitted = queue.submit(new BatchSubmission(batchId, settings, files));
            if (r.submitOnly()) {
                if (r.template().json()) {
                    ObjectNode n = mapper.createObjectNode();
                    n.put("event", "batchSubmitted");
                    n.put("batchId", batchId);
                    n.put("files", submitted.files());
                    n.put("scheduled", submitted.scheduled());
                    n.put("skipped", submitted.skipped().size());
                    env.out().println(n);
                } else {
                    env.out().println(batchId);
                }
                env.out().flush();
                return Exit.OK;
            }
            BatchReport report = report(r.template().json(), r.template().quiet(), false);
            report.started(files);
            submitted.skipped().forEach(report::skippedAtSubmit);
            WorkOptions options = WorkOptions.defaults().withThreads(r.jobs()).withOnlyBatch(batchId);
            WorkResult result;
            try (BatchFileUploader uploader = new BatchFileUploader(resolver,
                    checkpoints(queue, options, queueUrl, checkpointDir),
                    clock, sleeper, r.template().keys(), r.template().authCommand(), checkpointDir, r.jobs(),
                    r.maxConnections(), report)) {
                result = work(queue, options, uploader, report);
            }
            return report.finished(batchId, result.interrupted(), selection.skipped());
        }
    }

    int worker(WorkerRequest r) {
        try (BatchQueue queue = open(r.queue(), r.checkpointDir())) {
            BatchReport report = report(r.json(), r.quiet(), true);
            WorkOptions options = WorkOptions.defaults().withThreads(r.jobs()).withFollow(r.follow());
            if (r.heartbeat().isPresent()) {
                options = options.withHeartbeat(r.heartbeat().get());
            }
            WorkResult result;
            // a worker has no flags for credentials: its own environment's (a shared database never holds one)
            AccessKeys environmentOnly = new AccessKeys(Optional.empty(), Optional.empty(), Optional.empty());
            try (BatchFileUploader uploader = new BatchFileUploader(resolver, checkpoints(queue, options, r.queue(),
                    r.checkpointDir()), clock, sleeper, environmentOnly, Optional.empty(), r.checkpointDir(), r.jobs(),
                    r.maxConnections(), report)) {
                result = work(queue, options, uploader, report);
            }
            if (!r.json() && !r.quiet()) {
                env.out().println("worker: " + result.succeeded() + " uploaded, " + result.failed() + " failed"
                        + (result.interrupted() ? "; interrupted, its files released to other workers" : ""));
                env.out().flush();
            }
            if (result.interrupted()) {
                return Exit.INTERRUPTED;
            }
            return result.failed() > 0 || report.failedCount() > 0 ? Exit.FAILED : Exit.OK;
        }
    }

    int status(Optional<String> queueUrl, Path checkpointDir, Optional<String> batch, boolean json) {
        try (BatchQueue queue = open(queueUrl.or(() -> env.variable(ENV_QUEUE)), checkpointDir)) {
            QueueStatus s = queue.status(batch);
            if (json) {
                ObjectNode n = mapper.createObjectNode();
                n.put("pending", s.pending());
                n.put("running", s.running());
                n.put("succeeded", s.succeeded());
                n.put("failed", s.failed());
                ArrayNode list = n.putArray("files");
                for (FileState f : s.files()) {
                    ObjectNode o = list.addObject();
                    o.put("file", f.source());
                    o.put("key", f.key());
                    o.put("status", f.status().name().toLowerCase(Locale.ROOT));
                    if (f.error().isPresent()) {
                        o.put("error", f.error().get());
                    } else {
                        o.putNull("error");
                    }
                }
                env.out().println(n);
            } else {
                env.out().println("pending " + s.pending() + ", running " + s.running() + ", succeeded "
                        + s.succeeded() + ", failed " + s.failed() + ", canceled " + s.canceled());
                for (FileState f : s.files()) {
                    env.out().println(String.format(Locale.ROOT, "%-9s %s %s -> %s%s",
                            f.status().name().toLowerCase(Locale.ROOT), f.batchId(), HumanText.escape(f.source()),
                            HumanText.escape(f.key()), f.error().map(e -> ": " + HumanText.escape(e)).orElse("")));
                }
            }
            env.out().flush();
            return Exit.OK;
        }
    }

    int retryFailed(Optional<String> queueUrl, Path checkpointDir, Optional<String> batch, boolean json) {
        try (BatchQueue queue = open(queueUrl.or(() -> env.variable(ENV_QUEUE)), checkpointDir)) {
            int n = queue.retryFailed(batch);
            return counted(json, "retried", n, n + " failed file" + (n == 1 ? "" : "s") + " pending again");
        }
    }

    int cancel(Optional<String> queueUrl, Path checkpointDir, Optional<String> batch, boolean json) {
        try (BatchQueue queue = open(queueUrl.or(() -> env.variable(ENV_QUEUE)), checkpointDir)) {
            int n = queue.cancel(batch);
            return counted(json, "canceled", n, n + " file" + (n == 1 ? "" : "s") + " canceled");
        }
    }

    private int counted(boolean json, String field, int n, String text) {
        if (json) {
            ObjectNode o = mapper.createObjectNode();
            o.put(field, n);
            env.out().println(o);
        } else {
            env.out().println(text);
        }
        env.out().flush();
        return Exit.OK;
    }

    /**
     * Works the queue on this thread. An interrupt (Ctrl-C, SIGTERM) interrupts it: the uploads pause with
     * their checkpoints kept, the files are released, and the work returns {@code interrupted}.
     */
    private WorkResult work(BatchQueue queue, WorkOptions options, BatchFileUploader uploader, BatchReport report) {
        Thread worker = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        InterruptSignals.Registration registration = interrupts.register(() -> {
            worker.interrupt();
            try {
                done.await(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vodupload-batch-tick");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(report::tick, 1, 1, TimeUnit.SECONDS);
        try {
            return queue.work(options, uploader, report);
        } catch (InterruptedException e) {
            return new WorkResult(0, 0, true);
        } finally {
            ticker.shutdownNow();
            Thread.interrupted(); // the interrupt has been answered: closing and reporting must not see it
            uploader.close();
            done.countDown();
            registration.close();
        }
    }

    private BatchReport report(boolean json, boolean quiet, boolean worker) {
        BatchReport.Style style = json ? BatchReport.Style.JSON : quiet ? BatchReport.Style.QUIET
                : env.stderrTerminal() && !worker ? BatchReport.Style.BAR : BatchReport.Style.LINES;
        return new BatchReport(env.out(), env.err(), mapper, clock, style, columns(), worker);
    }

    /** The checkpoints of the files in flight: the queue's database when it is shared, else the directory's. */
    private CheckpointStore checkpoints(BatchQueue queue, WorkOptions options, Optional<String> queueUrl,
                                        Path checkpointDir) {
        // the queue's store: its locks expire before a dead worker's file is given to another worker
        return queueUrl.filter(BatchRuns::isPostgres).isPresent() ? queue.checkpoints(options)
                : checkpointStores.open(checkpointDir);
    }

    private static boolean isPostgres(String url) {
        return url.trim().startsWith("jdbc:postgresql:");
    }

    private BatchQueue open(Optional<String> queueUrl, Path checkpointDir) {
        String url;
        if (queueUrl.isPresent()) {
            url = queueUrl.get().trim();
            if (!url.startsWith("jdbc:sqlite:") && !isPostgres(url)) {
                throw CliException.usage("--queue must be a jdbc:postgresql:// or jdbc:sqlite: URL: "
                        + JdbcUrls.redact(url));
            }
        } else {
            try {
                Files.createDirectories(checkpointDir);
            } catch (IOException e) {
                throw new CliException(Exit.FAILED, "QueueUnavailable", "cannot create " + checkpointDir
                        + " for the batch database: " + IoReason.of(e));
            }
            url = "jdbc:sqlite:" + checkpointDir.resolve(EMBEDDED_DB);
        }
        try {
            return BatchQueue.open(url, new Properties(), clock);
        } catch (RuntimeException e) {
            throw new CliException(Exit.FAILED, "QueueUnavailable", "cannot open the queue "
                    + JdbcUrls.redact(url) + ": " + HumanText.escape(String.valueOf(e.getMessage())));
        }
    }

    private int columns() {
        return env.variable("COLUMNS").flatMap(v -> {
            try {
                return Optional.of(Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(80);
    }
}
