package io.vodupload.cli.batch;

import io.vodupload.batch.FileOutcome;
import io.vodupload.batch.FileTask;
import io.vodupload.batch.FileTaskContext;
import io.vodupload.batch.FileUploader;
import io.vodupload.cli.options.AccessKeys;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.target.Target;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.upload.FileUpload;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageTarget;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link FileUploader} of {@code vodupload upload PATH...} and {@code vodupload worker}: uploads one file
 * of a batch over the domain with the settings it was submitted with and this process's credentials.
 *
 * <p>Every file of one target shares one storage adapter, whose connection pool holds at most
 * {@code --max-connections}, and one {@link Uploader} over it; each file uploads with
 * {@code min(--parallel, max(1, max-connections / jobs))} parts at once, so {@code jobs × parallel} never asks
 * for more connections than the pool has. A worker serving several batches keeps one such set per target.
 *
 * <p>Thread-safe; {@link #close()} after the work returned.
 */
final class BatchFileUploader implements FileUploader, AutoCloseable {

    /** Marks a file this batch uploaded before and that changed: the object at its key is the batch's own. */
    static final String REPLACES_OWN = "vodupload.replacesOwnObject";
    /**
     * Marks a file of an HLS package (and its playlist): the playlist's source. The file goes with the
     * package's one target (storage, credentials; a VOD package's one video), to its own key.
     */
    static final String PACKAGE = "vodupload.package";
    /** A package file's path relative to its playlist's directory. */
    static final String PACKAGE_PATH = "vodupload.packagePath";

    private final TargetResolver resolver;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AccessKeys keys;
    private final Optional<String> authCommand;
    private final Path checkpointDir;
    private final int jobs;
    private final int maxConnections;
    private final BatchReport report;
    private final List<AutoCloseable> closeables = Collections.synchronizedList(new ArrayList<>());
    private final Map<Map<String, String>, FileUpload> byTarget = new java.util.HashMap<>();
    private final Map<ObjectStorage, Uploader> uploaders = new IdentityHashMap<>();
    /** Each HLS package's target, by its playlist's source: resolved once, before its files are submitted. */
    private final Map<String, Target> packages = new ConcurrentHashMap<>();

    BatchFileUploader(TargetResolver resolver, CheckpointStore checkpoints, Clock clock, Sleeper sleeper,
                      AccessKeys keys, Optional<String> authCommand, Path checkpointDir, int jobs, int maxConnections,
                      BatchReport report) {
        this.resolver = resolver;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.sleeper = sleeper;
        this.keys = keys;
        this.authCommand = authCommand;
        this.checkpointDir = checkpointDir;
        this.jobs = jobs;
        this.maxConnections = maxConnections;
        this.report = report;
    }

    @Override
    public FileOutcome upload(FileTask task, FileTaskContext context) throws InterruptedException {
        UploadOptions o;
        try {
            int parallel = Math.min(BatchSettings.parallel(task.settings()), Math.max(1, maxConnections / jobs));
            o = BatchSettings.options(task.settings(), Path.of(task.file().source()), task.file().key(), keys,
                    checkpointDir, parallel, authCommand);
        } catch (RuntimeException e) {
            FileUpload.Outcome.Failed failed = new FileUpload.Outcome.Failed("InvalidArgument",
                    "cannot read the batch's settings: " + e.getMessage(), io.vodupload.cli.Exit.USAGE, false,
                    task.videoId());
            report.outcome(task, failed);
            return new FileOutcome.Failed(failed.code(), failed.message(), false, task.videoId());
        }
        boolean replacesOwn = Boolean.parseBoolean(task.file().vodInfo().get(REPLACES_OWN));
        Optional<String> pkg = Optional.ofNullable(task.file().vodInfo().get(PACKAGE));
        FileUpload.Outcome outcome;
        if (pkg.isPresent()) {
            Target target = packages.get(pkg.get());
            if (target == null) {
                // a worker of the same queue: the package's target (its one VOD video) is the submitter's
                FileUpload.Outcome.Failed failed = new FileUpload.Outcome.Failed("PackageElsewhere", "a file of the HLS"
                        + " package " + pkg.get() + ": only the command that submitted the package uploads it",
                        io.vodupload.cli.Exit.FAILED, false, Optional.empty());
                report.outcome(task, failed);
                return new FileOutcome.Failed(failed.code(), failed.message(), false, Optional.empty());
            }
            boolean playlist = pkg.get().equals(task.file().source());
            outcome = fileUpload(task.settings()).upload(o, playlist ? target
                    : member(target, task.file().key(), task.file().vodInfo().get(PACKAGE_PATH)), replacesOwn,
                    report.callback(task));
        } else {
            outcome = fileUpload(task.settings()).upload(o, task.videoId(), context::videoId, replacesOwn,
                    report.callback(task));
        }
        report.outcome(task, outcome);
        if (outcome instanceof FileUpload.Outcome.Uploaded) {
            FileUpload.Outcome.Uploaded u = (FileUpload.Outcome.Uploaded) outcome;
            return new FileOutcome.Succeeded(u.result().size(), u.videoId());
        }
        if (outcome instanceof FileUpload.Outcome.Skipped) {
            return new FileOutcome.Succeeded(0, task.videoId());
        }
        FileUpload.Outcome.Failed f = (FileUpload.Outcome.Failed) outcome;
        return new FileOutcome.Failed(f.code(), f.message(), f.retryable(), f.videoId());
    }

    /**
     * Resolves an HLS package's target once, before its files are submitted: the playlist's usual target
     * (a VOD package: its one CreateUploadVideo, or RefreshUploadVideo of the video an earlier run created).
     * Its files then go to {@code dirname(key) + their path} with the same storage and credentials.
     *
     * @param playlist the package's playlist as selected
     * @param settings the batch's settings
     * @param template the command's options; a ticket ({@code --upload-address}) is taken from them
     * @throws io.vodupload.cli.CliException when the target cannot be resolved
     */
    Target packageTarget(SelectedFile playlist, Map<String, String> settings, UploadOptions template) {
        int parallel = Math.min(BatchSettings.parallel(settings), Math.max(1, maxConnections / jobs));
        UploadOptions o = template.form() == io.vodupload.cli.options.TargetForm.TICKET ? template
                : BatchSettings.options(settings, playlist.path(), playlist.key(), keys, checkpointDir, parallel,
                        authCommand);
        Target target = fileUpload(settings).resolve(o, Optional.empty(), id -> { });
        packages.put(playlist.path().toString(), target);
        return target;
    }

    /** The target of a package's file: the package's, at {@code key}. */
    private static Target member(Target pkg, String key, String path) {
        StorageTarget t = pkg.target();
        Optional<Path> local = pkg.localPath().map(p -> p.getParent().resolve(path == null ? key : path));
        return new Target(pkg.storage(), new StorageTarget(t.endpoint(), t.bucket(), key, t.region()),
                pkg.credentials(), pkg.cannotRefresh(), pkg.videoId(), local, () -> { });
    }

    private synchronized FileUpload fileUpload(Map<String, String> settings) {
        return byTarget.computeIfAbsent(Map.copyOf(settings), s -> new FileUpload(resolver,
                new TargetResolver.Shared(closeables, OptionalInt.of(maxConnections)), this::uploader));
    }

    private synchronized Uploader uploader(ObjectStorage storage) {
        return uploaders.computeIfAbsent(storage, s -> {
            Uploader u = Uploader.builder(s).checkpointStore(checkpoints).clock(clock).sleeper(sleeper).build();
            return u;
        });
    }

    /** Ends the uploaders (a paused upload keeps its checkpoint and frees its lock), then the storage adapters. */
    @Override
    public void close() {
        List<Uploader> toClose;
        synchronized (this) {
            toClose = new ArrayList<>(uploaders.values());
            uploaders.clear();
        }
        toClose.forEach(Uploader::close);
        List<AutoCloseable> opened;
        synchronized (closeables) {
            opened = new ArrayList<>(closeables);
            closeables.clear();
        }
        Collections.reverse(opened);
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing pools after the outcome is known changes nothing for the user
            }
        }
    }
}
