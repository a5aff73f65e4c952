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
        HlsPlan plan = HlsPlan.of(selection.files(), r.explicitType());
        TargetForm form = r.template().form();
        if (!plan.packages().isEmpty()) {
            if (r.submitOnly()) {
                throw CliException.usage("--submit-only cannot take an HLS package: its playlist is uploaded by the"
                        + " command itself once every file it references is stored");
            }
            if (queueUrl.isPresent() && (form == TargetForm.VOD || form == TargetForm.TICKET)) {
                throw CliException.usage("an HLS package to VOD is uploaded by this process alone (its files go"
                        + " with its one video's credentials): run it without --queue or $" + ENV_QUEUE);
            }
        }
        Map<String, String> settings = BatchSettings.of(r.template(), r.explicitType(), r.keyPrefix());
        String batchId = BatchSettings.batchId(r.arguments(), settings);
        Path checkpointDir = r.template().checkpointDir();
        try (BatchQueue queue = open(queueUrl, checkpointDir)) {
            Set<String> ownEarlier = queue.status(Optional.of(batchId)).files().stream()
                    .filter(f -> f.status() == FileStatus.SUCCEEDED).map(FileState::key).collect(Collectors.toSet());
            List<BatchFile> files = new ArrayList<>();
            for (SelectedFile f : plan.loose()) {
                files.add(batchFile(f, f.key(), ownEarlier, Map.of()));
            }
            if (r.submitOnly()) {
                SubmitResult submitted = queue.submit(new BatchSubmission(batchId, settings, files));
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
            BatchReport report = report(r.template().json(), r.template().quiet(), false, r.lonePackage());
            WorkOptions options = WorkOptions.defaults().withThreads(r.jobs()).withOnlyBatch(batchId);
            boolean interrupted;
            try (BatchFileUploader uploader = new BatchFileUploader(resolver,
                    checkpoints(queue, options, queueUrl, checkpointDir),
                    clock, sleeper, r.template().keys(), r.template().authCommand(), checkpointDir, r.jobs(),
                    r.maxConnections(), report)) {
                List<BatchFile> playlists = packages(plan, settings, r, uploader, report, files, ownEarlier);
                SubmitResult submitted = queue.submit(new BatchSubmission(batchId, settings, files));
                List<BatchFile> all = new ArrayList<>(files);
                all.addAll(playlists);
                report.started(all);
                submitted.skipped().forEach(report::skippedAtSubmit);
                WorkResult result = work(queue, options, uploader, report, playlists.isEmpty());
                interrupted = result.interrupted();
                if (!interrupted && !playlists.isEmpty()) {
                    // each playlist last, once every file it references is stored: a player (and VOD, whose
                    // M3U8 flow starts at the playlist) never meets a playlist whose segments are not there
                    List<BatchFile> ready = new ArrayList<>();
                    for (BatchFile p : playlists) {
                        if (report.packageComplete(p)) {
                            ready.add(p);
                        } else {
                            report.packageFailed(p);
                        }
                    }
                    if (!ready.isEmpty()) {
                        SubmitResult second = queue.submit(new BatchSubmission(batchId, settings, ready));
                        second.skipped().forEach(report::skippedAtSubmit);
                        interrupted = work(queue, options, uploader, report, true).interrupted();
                    }
                }
            }
            return report.finished(batchId, interrupted, selection.skipped());
        }
    }

    /**
     * Resolves each HLS package's target (a VOD package: its one video), adds its files to {@code files} at
     * {@code dirname(playlist key) + path}, tells the report, and returns the playlists' batch files, to be
     * submitted once their files are stored.
     *
     * @throws CliException (exit 2) when two files would go to one key, or a VOD package shares a file with
     *                      another package (each VOD package has its own directory)
     */
    private List<BatchFile> packages(HlsPlan plan, Map<String, String> settings, BatchRequest r,
                                     BatchFileUploader uploader, BatchReport report, List<BatchFile> files,
                                     Set<String> ownEarlier) {
        if (plan.packages().isEmpty()) {
            return List.of();
        }
        Map<String, BatchFile> byKey = new java.util.LinkedHashMap<>();
        files.forEach(f -> byKey.put(f.key(), f));
        Map<String, String> sourceOwner = new java.util.HashMap<>();
        List<String> collisions = new ArrayList<>();
        List<BatchFile> playlists = new ArrayList<>();
        for (HlsPlan.Package p : plan.packages()) {
            String source = p.playlist().path().toString();
            String key = uploader.packageTarget(p.playlist(), settings, r.template()).target().key();
            String dir = key.substring(0, key.lastIndexOf('/') + 1);
            List<BatchFile> members = new ArrayList<>();
            for (io.vodupload.cli.hls.HlsPackage.Member m : p.hls().members()) {
                String memberKey = dir + m.path();
                BatchFile member = batchFile(selected(m.file(), memberKey), memberKey, ownEarlier,
                        Map.of(BatchFileUploader.PACKAGE, source, BatchFileUploader.PACKAGE_PATH, m.path()));
                BatchFile known = byKey.get(memberKey);
                String owner = sourceOwner.putIfAbsent(member.source(), source);
                if (known != null && !known.source().equals(member.source())) {
                    collisions.add(memberKey + " <- " + known.source() + ", " + member.source());
                } else if (owner != null && !owner.equals(source) && r.template().form() == TargetForm.VOD) {
                    collisions.add(member.source() + " is referenced by two packages, " + owner + " and " + source
                            + ", which VOD puts in two directories");
                } else if (known == null) {
                    byKey.put(memberKey, member);
                    files.add(member);
                }
                members.add(known != null ? known : member);
            }
            BatchFile playlist = batchFile(p.playlist(), p.playlist().key(), ownEarlier,
                    Map.of(BatchFileUploader.PACKAGE, source));
            if (byKey.putIfAbsent(playlist.key(), playlist) != null) {
                collisions.add(playlist.key() + " <- " + byKey.get(playlist.key()).source() + ", " + source);
            }
            playlists.add(playlist);
            report.addPackage(playlist, members);
        }
        if (!collisions.isEmpty()) {
            throw new CliException(Exit.USAGE, HlsPlan.INVALID_PACKAGE, "HLS packages and files would share keys: "
                    + String.join("; ", collisions) + "; upload them in separate commands");
        }
        return playlists;
    }

    /** A batch's file at {@code key}, marked when this batch stored it before. */
    private static BatchFile batchFile(SelectedFile f, String key, Set<String> ownEarlier, Map<String, String> marks) {
        Map<String, String> info = new java.util.HashMap<>(marks);
        if (ownEarlier.contains(key)) {
            info.put(BatchFileUploader.REPLACES_OWN, "true");
        }
        return new BatchFile(f.path().toString(), key, f.length(), f.modifiedMillis(), f.changedMillis(), info);
    }

    /** A file an HLS package references, as a selection would have found it. */
    private static SelectedFile selected(Path file, String key) {
        try {
            java.nio.file.attribute.BasicFileAttributes attrs = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().toMillis();
            return new SelectedFile(file, key, attrs.size(), modified, FileSelector.changeTime(file).orElse(modified));
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read " + file + ": " + IoReason.of(e));
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
                result = work(queue, options, uploader, report, true);
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
    private WorkResult work(BatchQueue queue, WorkOptions options, BatchFileUploader uploader, BatchReport report,
                            boolean last) {
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
        boolean interrupted = false;
        try {
            WorkResult result = queue.work(options, uploader, report);
            interrupted = result.interrupted();
            return result;
        } catch (InterruptedException e) {
            interrupted = true;
            return new WorkResult(0, 0, true);
        } finally {
            ticker.shutdownNow();
            interrupted |= Thread.interrupted(); // answered: closing and reporting must not see it
            if (last || interrupted) { // an HLS package's playlists follow its files with the same uploader
                uploader.close();
            }
            done.countDown();
            registration.close();
        }
    }

    private BatchReport report(boolean json, boolean quiet, boolean worker) {
        return report(json, quiet, worker, false);
    }

    private BatchReport report(boolean json, boolean quiet, boolean worker, boolean lonePackage) {
        BatchReport.Style style = json ? BatchReport.Style.JSON : quiet ? BatchReport.Style.QUIET
                : env.stderrTerminal() && !worker ? BatchReport.Style.BAR : BatchReport.Style.LINES;
        return new BatchReport(env.out(), env.err(), mapper, clock, style, columns(), worker, lonePackage);
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
