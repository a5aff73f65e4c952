package io.vodupload.cli.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.cli.CliEnvironment;
import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.InterruptSignals;
import io.vodupload.cli.IoReason;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.options.StreamOptions;
import io.vodupload.cli.output.FailureText;
import io.vodupload.cli.output.HumanText;
import io.vodupload.cli.output.JsonEventWriter;
import io.vodupload.cli.output.ProgressRenderer;
import io.vodupload.cli.target.Target;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.cli.wiring.CheckpointStoreFactory;
import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.StreamUploadRequest;
import io.vodupload.domain.UploadState;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.StreamSource;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import io.vodupload.ports.Verification;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code vodupload upload}: checks the input, resolves the target ({@link TargetResolver}), starts
 * the domain's {@link Uploader} and reports its events (JSON, progress bar or lines), waits for the outcome
 * or an interrupt, and turns it into the exit code of docs/cli.md.
 *
 * <p>Ctrl-C and SIGTERM arrive through {@link InterruptSignals}: the upload is paused, and the command
 * waits at most {@link #SETTLE_TIMEOUT} for the pause to settle ({@link UploadHandle#pause()}'s stage: no
 * request in flight, every part that came back stored in the checkpoint), closes the uploader (which
 * frees the checkpoint lock and keeps the checkpoint) and exits 130. A rerun of the same command finds
 * the checkpoint and resumes.
 */
public final class UploadRunner {

    /** Said once when the file changed since its checkpoint, so the upload starts over. */
    public static final String FILE_CHANGED = "the file changed since the checkpoint; starting over";
    /** Said once when Ctrl-C comes while the upload completes (it cannot pause then). */
    static final String INTERRUPT_DEFERRED = "interrupt received while the upload is completing;"
            + " it will be honoured after completing";
    /** The code of a file the local store holds a different version of (without {@code --overwrite}). */
    public static final String OBJECT_EXISTS = "ObjectExists";
    /** Why a file is skipped when the target holds it already. */
    public static final String ALREADY_UPLOADED = "already uploaded";

    /** How long an interrupt waits for the pause to settle (or a completing upload to finish). */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(10);

    private final CliEnvironment env;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Provider<ObjectMapper> mapper; // --json only: a plain upload loads no Jackson for it
    private final TargetResolver resolver;
    private final CheckpointStoreFactory checkpointStores;
    private final InterruptSignals interrupts;

    @Inject
    public UploadRunner(CliEnvironment env, Clock clock, Sleeper sleeper, Provider<ObjectMapper> mapper,
                        TargetResolver resolver, CheckpointStoreFactory checkpointStores, InterruptSignals interrupts) {
        this.env = env;
        this.clock = clock;
        this.sleeper = sleeper;
        this.mapper = mapper;
        this.resolver = resolver;
        this.checkpointStores = checkpointStores;
        this.interrupts = interrupts;
    }

    /** Runs the upload {@code o} describes and returns the exit code. */
    public int run(UploadOptions o) {
        return withCloseables(closeables -> upload(o, resolver.resolve(o, closeables)));
    }

    /**
     * Runs {@code vodupload upload -}: the stream goes through the domain's stream upload, with the same
     * events, output and exit codes as a file. It never touches the checkpoint store (a stream cannot
     * resume); Ctrl-C cancels it (its multipart upload aborted) and exits 130.
     */
    public int run(StreamOptions s) {
        return withCloseables(closeables -> uploadStream(s, resolver.resolveStream(s.options(), s.size(), closeables)));
    }

    /**
     * Runs {@code upload} with a list the target's resources are added to, and closes them afterwards, last
     * opened first, whatever the outcome.
     */
    private static int withCloseables(java.util.function.ToIntFunction<List<AutoCloseable>> upload) {
        List<AutoCloseable> closeables = new ArrayList<>();
        try {
            return upload.applyAsInt(closeables);
        } finally {
            Collections.reverse(closeables);
            for (AutoCloseable closeable : closeables) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // closing pools after the outcome is known changes nothing for the user
                }
            }
        }
    }

    private int uploadStream(StreamOptions s, Target t) {
        UploadOptions o = s.options();
        Optional<JsonEventWriter> json = o.json()
                ? Optional.of(new JsonEventWriter(env.out(), mapper.get(), clock, t.videoId())) : Optional.empty();
        Optional<Integer> existing = existingForStream(o, t, s.source().describe(), json);
        if (existing.isPresent()) {
            return existing.get();
        }
        RefreshGuard credentials = new RefreshGuard(t.credentials(), t.cannotRefresh());
        Optional<ProgressRenderer> progress = o.json() || o.quiet() ? Optional.empty()
                : Optional.of(new ProgressRenderer(env.err(), clock,
                        env.stderrTerminal() ? ProgressRenderer.Style.BAR : ProgressRenderer.Style.LINES, columns(),
                        t.localPath().map(Path::toString)));
        StreamSource source = s.source();
        String label = source.describe(); // "standard input" or a redacted URL in the first line, never "-"
        progress.ifPresent(p -> p.source(label));
        ObjectMetadata metadata = o.object().metadataFor(t.target().key());
        if (!(source instanceof StandardInput)) {
            // a URL: --content-type, else its response's content type, else the key's; named (redacted) in
            // events and lines
            if (o.object().contentType().isEmpty()) {
                source = SourceArguments.withContentTypeFallback(source, metadata.contentType());
                metadata = new ObjectMetadata(Optional.empty(), metadata.headers());
            }
            String shown = source.describe();
            json.ifPresent(j -> j.forFile(shown, t.target().key()));
            progress.ifPresent(p -> p.source(shown));
        }
        StreamUploadRequest.Builder request = StreamUploadRequest.builder(source, t.target())
                .metadata(metadata).config(o.config());
        s.size().ifPresent(request::expectedSize);
        Uploader uploader = Uploader.builder(t.storage()).clock(clock).sleeper(sleeper).build();
        Outcome outcome = null;
        try {
            UploadHandle handle;
            try {
                handle = uploader.start(request.build(), credentials, new Events(json, progress));
            } catch (InvalidUploadException e) {
                throw new CliException(e.errorCode() == ErrorCode.STREAM_UNREADABLE ? Exit.FAILED : Exit.USAGE,
                        e.errorCode().code(), e.getMessage());
            }
            outcome = await(handle, progress, true);
        } finally {
            if (outcome == null || outcome.settled()) {
                uploader.close();
            }
        }
        if (outcome.code() == Exit.INTERRUPTED) {
            progress.ifPresent(ProgressRenderer::finish);
            String message = "interrupted: the upload of " + s.source().describe() + " was canceled and its"
                    + " multipart upload aborted; a stream cannot resume";
            json.ifPresent(j -> j.failed(ErrorCode.INTERRUPTED.code(), message));
            env.err().println("vodupload: " + message);
            env.err().flush();
            return Exit.INTERRUPTED;
        }
        if (outcome.code() == Exit.OK) {
            UploadResult result = outcome.handle().completion().join();
            summary(o, t, result, s.source().describe());
            return Exit.OK;
        }
        return failed(json, progress, unwrap(outcome.failure()), credentials, "", t.target());
    }

    /**
     * The local store's overwrite rule for a stream, whose bytes cannot be compared before they are read: an
     * object at the key is replaced only with {@code --overwrite}. OSS targets overwrite.
     */
    private Optional<Integer> existingForStream(UploadOptions o, Target t, String source,
                                                Optional<JsonEventWriter> json) {
        if (t.localPath().isEmpty() || o.overwrite()) {
            return Optional.empty();
        }
        Optional<ObjectInfo> held;
        try {
            held = t.storage().headObject(t.target(), t.credentials().current());
        } catch (StorageException e) {
            json.ifPresent(j -> j.failed(e.errorCode(), e.detail()));
            env.err().println("vodupload: upload failed: " + e.errorCode() + ": " + HumanText.escape(e.detail()));
            env.err().flush();
            return Optional.of(isBadName(e.errorCode()) ? Exit.USAGE : Exit.FAILED);
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        String message = t.localPath().get() + " already holds an object (" + ByteSize.format(held.get().contentLength())
                + "); give --overwrite to replace it with " + source + ", or another --key";
        json.ifPresent(j -> j.failed(OBJECT_EXISTS, message));
        env.err().println("vodupload: upload failed: " + OBJECT_EXISTS + ": " + HumanText.escape(message));
        env.err().flush();
        return Optional.of(Exit.FAILED);
    }

    private int upload(UploadOptions o, Target t) {
        Path file = o.file();
        Path checkpointDir = o.checkpointDir();
        Optional<JsonEventWriter> json = o.json()
                ? Optional.of(new JsonEventWriter(env.out(), mapper.get(), clock, t.videoId())) : Optional.empty();
        CheckpointStore checkpoints = checkpointStores.open(checkpointDir);
        Path canonical = canonical(file);
        if (!o.resume()) {
            forget(checkpoints, canonical, t);
        }
        Optional<Integer> existing = existing(o, t, canonical, json);
        if (existing.isPresent()) {
            return existing.get();
        }
        boolean fileChanged = o.resume() && changedSinceCheckpoint(checkpoints, canonical, t.target());
        if (fileChanged) {
            json.ifPresent(j -> j.fileChanged(true));
            if (!o.json() && !o.quiet()) {
                env.err().println("vodupload: " + FILE_CHANGED);
                env.err().flush();
            }
        }
        if (o.resume()) {
            warnIfUnwritable(checkpoints, json, checkpointDir);
        }
        RefreshGuard credentials = new RefreshGuard(t.credentials(), t.cannotRefresh());

        Optional<ProgressRenderer> progress = o.json() || o.quiet() ? Optional.empty()
                : Optional.of(new ProgressRenderer(env.err(), clock,
                        env.stderrTerminal() ? ProgressRenderer.Style.BAR : ProgressRenderer.Style.LINES, columns(),
                        t.localPath().map(Path::toString)));
        UploadCallback callback = new Events(json, progress);

        UploadRequest request = UploadRequest.builder(canonical, t.target()).metadata(o.object().metadataFor(file.getFileName().toString()))
                .config(o.config()).build();
        Uploader uploader = Uploader.builder(t.storage()).checkpointStore(checkpoints).clock(clock).sleeper(sleeper)
                .build();
        Outcome outcome = null;
        try {
            UploadHandle handle;
            try {
                handle = uploader.start(request, credentials, callback);
            } catch (InvalidUploadException e) {
                // another process at work on this upload is no fault of the input: exit 1, like any failure
                throw new CliException(e.errorCode() == ErrorCode.UPLOAD_IN_PROGRESS ? Exit.FAILED : Exit.USAGE,
                        e.errorCode().code(), e.getMessage());
            }
            outcome = await(handle, progress, false);
        } finally {
            // an upload that neither ended nor paused (a request hung past the settle timeout, a completion
            // still running) is left to the process's exit: closing would wait for it
            if (outcome == null || outcome.settled()) {
                uploader.close(); // a paused upload ends here, its checkpoint kept and its lock freed
            }
        }
        UploadHandle handle = outcome.handle();
        if (outcome.code() == Exit.INTERRUPTED) {
            return interrupted(json, progress, checkpointDir,
                    holdsCheckpoint(checkpoints, canonical, t.target(), outcome.pause()));
        }
        if (outcome.code() == Exit.OK) {
            t.onSuccess().run(); // the engine removed the checkpoint before reporting success
            UploadResult result = handle.completion().join();
            summary(o, t, result, o.fileAsGiven().toString());
            return Exit.OK;
        }
        return failed(json, progress, unwrap(outcome.failure()), credentials,
                " (the checkpoint is kept in " + checkpointDir + ")", t.target());
    }

    /**
     * How {@link #await} ended: the exit code so far, the upload's failure, the settled pause's token on an
     * interrupt, and whether the upload has settled (ended, or paused with nothing in flight).
     */
    private record Outcome(UploadHandle handle, int code, Throwable failure, Optional<ResumeToken> pause,
                           boolean settled) {
    }

    /**
     * Waits for the upload's outcome or an interrupt, which pauses a file's upload and waits, bounded, for the
     * pause to settle; a stream's ({@code stream}), which cannot resume, is canceled (its multipart upload
     * aborted) and waited for, bounded.
     */
    private Outcome await(UploadHandle handle, Optional<ProgressRenderer> progress, boolean stream) {
        CompletableFuture<Integer> finish = new CompletableFuture<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        handle.completion().whenComplete((result, error) -> {
            failure.set(error);
            finish.complete(error == null ? Exit.OK : -1);
        });
        int code;
        AtomicBoolean deferredTold = new AtomicBoolean();
        AtomicReference<ResumeToken> paused = new AtomicReference<>();
        InterruptSignals.Registration registration = interrupts.register(() -> {
            if (stream) {
                handle.cancel();
                awaitOutcome(handle);
                finish.complete(Exit.INTERRUPTED);
                return;
            }
            CompletableFuture<ResumeToken> pause = handle.pause().toCompletableFuture();
            if (!pause.isCompletedExceptionally()) { // refused: fails at once
                settled(pause).ifPresent(paused::set);
            } else {
                if (handle.state() == UploadState.COMPLETING && !deferredTold.getAndSet(true)) {
                    String line = "vodupload: " + INTERRUPT_DEFERRED;
                    if (progress.isPresent()) {
                        progress.get().message(line);
                    } else {
                        env.err().println(line);
                        env.err().flush();
                    }
                }
                awaitOutcome(handle); // completing (cannot pause): let it finish, bounded
            }
            finish.complete(Exit.INTERRUPTED); // no effect when the outcome came first
        });
        // the completing phase sends no callback for seconds: keep the bar's time moving meanwhile
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vodupload-progress-tick");
            thread.setDaemon(true);
            return thread;
        });
        progress.ifPresent(p -> ticker.scheduleAtFixedRate(p::tick, 1, 1, TimeUnit.SECONDS));
        try {
            code = finish.join();
        } finally {
            ticker.shutdownNow();
            registration.close();
        }
        Optional<ResumeToken> pause = Optional.ofNullable(paused.get());
        return new Outcome(handle, code, failure.get(), pause, pause.isPresent() || handle.completion().isDone());
    }

    private static void awaitOutcome(UploadHandle handle) {
        try {
            handle.completion().get(SETTLE_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.CancellationException e) {
            // the outcome, whatever it is, is reported by the command's own thread
        }
    }

    /**
     * Waits, bounded, for the pause to settle: no request in flight, the parts that came back stored in the
     * checkpoint. Empty when it did not settle in time, or could not (the upload ended or was completing).
     */
    private static Optional<ResumeToken> settled(CompletableFuture<ResumeToken> pause) {
        try {
            return Optional.of(pause.get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // not settled: the exit message then claims only a checkpoint the store shows
        }
        return Optional.empty();
    }

    /**
     * Whether a rerun will resume: the store holds this upload's checkpoint (the one of the settled pause's
     * storage upload; without a settled pause, any for this file and target). Read from the store, so an
     * interrupt never claims a checkpoint that was not written (an unwritable directory, a file sent in one
     * request).
     */
    private static boolean holdsCheckpoint(CheckpointStore checkpoints, Path canonical, StorageTarget target,
                                           Optional<ResumeToken> pause) {
        List<Checkpoint> mine;
        try {
            mine = checkpointsOf(checkpoints, canonical, target);
        } catch (RuntimeException e) {
            return false;
        }
        if (pause.isEmpty()) {
            return !mine.isEmpty();
        }
        return pause.get().uploadId().map(id -> mine.stream().anyMatch(cp -> cp.uploadId().equals(id)))
                .orElse(false);
    }

    /** The fingerprint of the lock that {@link #warnIfUnwritable} takes: hex, like a real one, but shorter than any. */
    private static final String PROBE = "0000000000000000";

    /**
     * Said once, before the upload starts, when the checkpoint store cannot be written (its directory cannot
     * be created or written): the upload runs, but it will not resume. Found by taking and releasing a
     * lock, the store's first write for any upload.
     */
    @SuppressWarnings("try") // the lease is held for the block's duration, never read
    private void warnIfUnwritable(CheckpointStore checkpoints, Optional<JsonEventWriter> json, Path checkpointDir) {
        try (CheckpointStore.Lease ignored = checkpoints.tryLock(PROBE, "vodupload write check")) {
            return;
        } catch (CheckpointInUseException e) {
            return; // another command checks at the same moment: the store is written to
        } catch (UncheckedIOException e) {
            String message = "cannot write checkpoints in " + checkpointDir + " (" + IoReason.of(e.getCause())
                    + "); this upload cannot resume if it is interrupted";
            json.ifPresent(j -> j.warning("CheckpointUnavailable", message));
            env.err().println("vodupload: warning: " + message);
            env.err().flush();
        } catch (RuntimeException e) {
            // the upload's own lock meets the same failure and the engine goes on without it
        }
    }

    private int interrupted(Optional<JsonEventWriter> json, Optional<ProgressRenderer> progress, Path checkpointDir,
                            boolean checkpointKept) {
        progress.ifPresent(ProgressRenderer::finish);
        // never claim a checkpoint that is not there (an unwritable directory, a single-request upload)
        String message = checkpointKept
                ? "interrupted: the upload is paused and its checkpoint kept in " + checkpointDir
                        + "; run the same command again to resume"
                : "interrupted: the upload stopped and no checkpoint was written, so it cannot resume;"
                        + " running the same command again starts over";
        json.ifPresent(j -> j.failed(ErrorCode.INTERRUPTED.code(), message));
        env.err().println("vodupload: " + HumanText.escape(message));
        env.err().flush();
        return Exit.INTERRUPTED;
    }

    private int failed(Optional<JsonEventWriter> json, Optional<ProgressRenderer> progress, Throwable error,
                       RefreshGuard credentials, String checkpointKept, StorageTarget target) {
        progress.ifPresent(ProgressRenderer::finish);
        String code;
        String message;
        int exit;
        if (credentials.refused().isPresent()) {
            code = "CredentialsExpired";
            message = credentials.refused().get() + checkpointKept;
            exit = Exit.CREDENTIALS_EXPIRED;
        } else if (error instanceof UploadFailedException) {
            UploadFailedException f = (UploadFailedException) error;
            code = f.code();
            message = f.detail();
            exit = isCredentialFailure(code) ? Exit.CREDENTIALS_EXPIRED
                    : isBadName(code) ? Exit.USAGE : Exit.FAILED;
        } else {
            code = "UnexpectedError";
            message = String.valueOf(error);
            exit = Exit.FAILED;
        }
        json.ifPresent(j -> j.failed(code, message));
        String line = error instanceof UploadFailedException && credentials.refused().isEmpty()
                ? FailureText.describe(code, message, hostOf(target)) : code + ": " + message;
        env.err().println("vodupload: upload failed: " + HumanText.escape(line));
        env.err().flush();
        return exit;
    }

    /** The storage's host and port as a network message names it ({@code 127.0.0.1:9}). */
    private static String hostOf(StorageTarget target) {
        java.net.URI endpoint = target.endpoint();
        return endpoint.getHost() == null ? endpoint.toString()
                : endpoint.getHost() + (endpoint.getPort() >= 0 ? ":" + endpoint.getPort() : "");
    }

    static boolean isCredentialFailure(String code) {
        return code.equals("CredentialsUnavailable") || code.equals("SecurityTokenExpired")
                || code.equals("InvalidSecurityToken") || code.equals("ExpiredToken");
    }

    /**
     * A bucket or key the storage refuses as a name (the local store: a path through a symbolic link that
     * leads outside it): bad input, which a retry cannot fix.
     */
    static boolean isBadName(String code) {
        return code.equals("InvalidObjectName") || code.equals("InvalidBucketName");
    }

    private void summary(UploadOptions o, Target t, UploadResult result, String source) {
        if (o.json() || o.quiet()) {
            return;
        }
        StorageTarget target = result.target();
        String where = t.localPath().map(Path::toString)
                .orElse(target.displayName() + " at " + target.endpoint());
        env.out().println("uploaded " + HumanText.escape(source) + " (" + ByteSize.format(result.size())
                + ") to " + HumanText.escape(where));
        env.out().println("crc64 " + Crc64.toUnsignedString(result.crc64())
                + (result.verification() == Verification.CRC64 ? ", verified by CRC-64"
                        : ", verified by Content-MD5 (the storage reports no CRC-64)")
                + (result.resumed() ? ", resumed" : "")
                + t.videoId().map(id -> ", VideoId " + id).orElse(""));
        env.out().flush();
    }

    /**
     * The overwrite rule of docs/cli.md, before anything is sent. The local store is always checked: an
     * identical object is skipped, a different one is replaced only with {@code --overwrite}, else the file
     * fails with {@code ObjectExists}. OSS targets overwrite, and are checked only with {@code --skip-existing}
     * (identical: skipped; different: uploaded).
     *
     * @return the exit code when the file is not to be uploaded; empty to go on with the upload
     */
    private Optional<Integer> existing(UploadOptions o, Target t, Path canonical, Optional<JsonEventWriter> json) {
        boolean local = t.localPath().isPresent();
        if (!local && !o.skipExisting()) {
            return Optional.empty();
        }
        ExistingObject.Check check;
        try {
            check = ExistingObject.check(t.storage(), t.target(), t.credentials().current(), canonical);
        } catch (StorageException e) {
            // the code once (detail() is the message without it); a refused name is bad input, as for an upload
            json.ifPresent(j -> j.failed(e.errorCode(), e.detail()));
            env.err().println("vodupload: upload failed: " + e.errorCode() + ": " + HumanText.escape(e.detail()));
            env.err().flush();
            return Optional.of(isBadName(e.errorCode()) ? Exit.USAGE : Exit.FAILED);
        } catch (UncheckedIOException e) {
            throw new CliException(Exit.USAGE, "FileNotReadable", "cannot read file: " + o.fileAsGiven());
        }
        String where = t.localPath().map(Path::toString).orElse(t.target().displayName());
        if (check.verdict() == ExistingObject.Verdict.IDENTICAL) {
            json.ifPresent(j -> j.skipped(canonical, t.target().key(), ALREADY_UPLOADED));
            if (!o.json() && !o.quiet()) {
                env.out().println("skipped " + o.fileAsGiven() + ": " + ALREADY_UPLOADED + " at " + where);
                env.out().flush();
            }
            return Optional.of(Exit.OK);
        }
        if (check.verdict() == ExistingObject.Verdict.DIFFERENT && local && !o.overwrite()) {
            ObjectInfo held = check.object().orElseThrow();
            String message = where + " already holds a different object (" + ByteSize.format(held.contentLength())
                    + held.crc64().stream().mapToObj(c -> ", crc64 " + Crc64.toUnsignedString(c)).findFirst().orElse("")
                    + "); give --overwrite to replace it, or --key to store " + o.fileAsGiven() + " elsewhere";
            json.ifPresent(j -> j.failed(OBJECT_EXISTS, message));
            env.err().println("vodupload: upload failed: " + OBJECT_EXISTS + ": " + message);
            env.err().flush();
            return Optional.of(Exit.FAILED);
        }
        return Optional.empty();
    }

    /**
     * Whether this file's checkpoints for this target all describe another version of it (another length or
     * modification time): the engine then discards them and starts over, which the user is told once.
     */
    private static boolean changedSinceCheckpoint(CheckpointStore checkpoints, Path canonical, StorageTarget target) {
        List<Checkpoint> mine;
        try {
            mine = checkpointsOf(checkpoints, canonical, target);
        } catch (RuntimeException e) {
            return false; // unreadable checkpoints: the engine starts afresh and says so in its log
        }
        if (mine.isEmpty()) {
            return false;
        }
        long length;
        long modified;
        try {
            length = Files.size(canonical);
            modified = Files.getLastModifiedTime(canonical).toMillis();
        } catch (IOException e) {
            return false;
        }
        return mine.stream().noneMatch(cp -> cp.fileLength() == length && cp.fileLastModifiedMillis() == modified);
    }

    /** {@code --no-resume}: forgets this file's checkpoints for this target and aborts their uploads (best effort). */
    @SuppressWarnings("try") // the lease is held for the block's duration, never read
    private void forget(CheckpointStore checkpoints, Path canonical, Target t) {
        for (Checkpoint cp : checkpointsOf(checkpoints, canonical, t.target())) {
            // a checkpoint another process is using is its upload, not one to forget
            try (CheckpointStore.Lease ignored = checkpoints.tryLock(cp.fingerprint(), "vodupload --no-resume")) {
                try {
                    t.storage().abortMultipart(cp.target(), t.credentials().current(), cp.uploadId());
                } catch (RuntimeException e) {
                    // the old upload may be gone already; its parts are the bucket lifecycle's business then
                }
                checkpoints.remove(cp.fingerprint());
            } catch (CheckpointInUseException e) {
                throw new CliException(Exit.FAILED, ErrorCode.UPLOAD_IN_PROGRESS.code(),
                        ErrorCode.UPLOAD_IN_PROGRESS.code() + ": another process is uploading " + canonical
                                + " to " + t.target().displayName() + " right now: " + e.holder()
                                + " holds checkpoint " + cp.fingerprint());
            } catch (java.io.UncheckedIOException e) {
                checkpoints.remove(cp.fingerprint());
            }
        }
    }

    /** The checkpoints of {@code canonical} uploaded to {@code target} (same endpoint, bucket and key). */
    private static List<Checkpoint> checkpointsOf(CheckpointStore checkpoints, Path canonical, StorageTarget target) {
        return checkpoints.list().stream()
                .filter(cp -> cp.file().equals(canonical) && cp.target().endpoint().equals(target.endpoint())
                        && cp.target().bucket().equals(target.bucket()) && cp.target().key().equals(target.key()))
                .toList();
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

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new CliException(Exit.USAGE, "FileNotFound", "no such file: " + file);
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /**
     * Forwards the domain's callbacks to the JSON writer or the progress renderer. The terminal
     * {@code failed} event is written by the runner, which knows the exit code and the reason.
     */
    private static final class Events implements UploadCallback {
        private final Optional<JsonEventWriter> json;
        private final Optional<ProgressRenderer> progress;

        Events(Optional<JsonEventWriter> json, Optional<ProgressRenderer> progress) {
            this.json = json;
            this.progress = progress;
        }

        @Override
        public void onUploadStarted(UploadStarted info) {
            json.ifPresent(j -> j.onUploadStarted(info));
            progress.ifPresent(p -> p.onUploadStarted(info));
        }

        @Override
        public void onUploadProgress(long uploaded, long total) {
            // no "started yet?" check here: the engine reports no progress before onUploadStarted
            json.ifPresent(j -> j.onUploadProgress(uploaded, total));
            progress.ifPresent(p -> p.onUploadProgress(uploaded, total));
        }

        @Override
        public void onUploadRetry(String code, String message) {
            json.ifPresent(j -> j.onUploadRetry(code, message));
            progress.ifPresent(p -> p.onUploadRetry(code, message));
        }

        @Override
        public void onUploadRetryResume() {
            json.ifPresent(JsonEventWriter::onUploadRetryResume);
            progress.ifPresent(ProgressRenderer::onUploadRetryResume);
        }

        @Override
        public void onUploadTokenExpired() {
            json.ifPresent(JsonEventWriter::onUploadTokenExpired);
            progress.ifPresent(ProgressRenderer::onUploadTokenExpired);
        }

        @Override
        public void onUploadSuccess(UploadResult result) {
            json.ifPresent(j -> j.onUploadSuccess(result));
            progress.ifPresent(p -> p.onUploadSuccess(result));
        }
    }
}
