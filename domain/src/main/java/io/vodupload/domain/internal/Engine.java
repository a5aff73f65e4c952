package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.ProgressSnapshot;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.UploadState;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.FileRegion;
import io.vodupload.ports.MemoryBody;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.ObjectReceipt;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.PartReceipt;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.TransferListener;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * Runs one upload: feeds events to {@link Machine#next} under one lock and performs the effects through
 * the ports. Storage calls, back-off waits and credential refreshes run on the uploader's I/O executor
 * (shared by its uploads; the machine keeps at most its {@link Pace}'s limit of parts in flight); callbacks go
 * through a {@link Notifier} on the uploader's callback thread. Nothing here blocks while holding the
 * lock: checkpoint writes go to a {@link CheckpointWriter}, which keeps them in order off the lock.
 *
 * <p>The end: the terminal callback, and then the completion future, wait until every storage call of
 * this upload has returned, the cleanup abort of a failure included, so that an application that closes
 * its storage right after {@code completion()} completes never has a call land on a closed storage.
 *
 * <p>Internal: use {@link io.vodupload.domain.Uploader} and {@link io.vodupload.domain.UploadHandle}.
 */
final class Engine implements RunningUpload {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Object lock = new Object();
    private final Spec spec;
    private final ObjectStorage storage;
    private final CheckpointWriter checkpoints;
    private final CredentialsProvider provider;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryPolicy retryPolicy;
    private final Executor io;
    private final Notifier notifier;
    private final ProgressTracker progress;
    private final Completion completion = new Completion(this::cancel);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private final Event.Start start;
    private State state;
    /** The last live state: what a failed or canceled upload had done when it ended. */
    private Live lastLive;
    /** The credentials of the generation the state says is in use ({@link Live.Signing#generation()}). */
    private Credentials credentials;
    private final Set<ProgressTracker.Attempt> transfers = new HashSet<>();
    private final Set<Future<?>> timers = new HashSet<>();
    /** Storage calls dispatched and not returned: the end waits for them. */
    private final Set<CompletableFuture<Void>> calls = new HashSet<>();
    /** {@code pause()} callers waiting for the pause to settle. */
    private final List<CompletableFuture<ResumeToken>> pauses = new ArrayList<>();
    /** A provider refresh is running: the next one waits for it (single flight across expiries). */
    private boolean refreshRunning;
    /** The generation a refresh was asked for while one was running, or -1. */
    private long refreshWanted = -1;
    /** The checkpoint lock this upload holds; released when it ends. */
    private CheckpointStore.Lease lease = CheckpointStore.Lease.NONE;
    /** A stream's reader and buffers; null for a file. */
    private final StreamFeed feed;

    /**
     * Everything one upload needs.
     *
     * @param storage          where the object goes
     * @param checkpoints      where checkpoints go
     * @param provider         the credentials
     * @param clock            the time
     * @param sleeper          what waits
     * @param random           back-off jitter
     * @param retryPolicy      retries of retryable failures
     * @param progressInterval the least time between two progress callbacks
     * @param io               runs storage calls, back-offs and refreshes
     * @param callbacks        runs callbacks, one at a time in order
     * @param callback         the application's callback
     */
    record Wiring(ObjectStorage storage, CheckpointStore checkpoints, CredentialsProvider provider,
                         Clock clock, Sleeper sleeper, RandomGenerator random, RetryPolicy retryPolicy,
                         Duration progressInterval, Executor io, Executor callbacks, UploadCallback callback) {
    }

    /**
     * An upload not started yet.
     *
     * @param spec    what does not change
     * @param initial the credentials to sign with first
     * @param w       the ports and threads
     * @param start   what the checkpoint store had
     */
    Engine(Spec spec, Credentials initial, Wiring w, Event.Start start) {
        this(spec, initial, w, start, null);
    }

    /**
     * An upload not started yet, of a stream when {@code feed} is not null.
     *
     * @param spec    what does not change
     * @param initial the credentials to sign with first
     * @param w       the ports and threads
     * @param start   what the checkpoint store had
     * @param feed    the stream's reader and buffers, or null for a file
     */
    Engine(Spec spec, Credentials initial, Wiring w, Event.Start start, StreamFeed feed) {
        this.feed = feed;
        this.spec = spec;
        this.storage = w.storage();
        this.checkpoints = new CheckpointWriter(w.checkpoints(), w.io());
        this.provider = w.provider();
        this.clock = w.clock();
        this.sleeper = w.sleeper();
        this.random = w.random();
        this.retryPolicy = w.retryPolicy();
        this.io = w.io();
        this.notifier = new Notifier(w.callback(), w.callbacks(), this::delivered);
        this.progress = new ProgressTracker(spec.file().length(), clock, w.progressInterval(), notifier);
        this.credentials = initial;
        this.state = Live.initial(spec);
        this.lastLive = (Live) state;
        this.start = start;
    }

    /** The terminal callback was delivered: the upload's future completes, and then {@link #ended()}. */
    private void delivered(Notification terminal) {
        if (terminal instanceof Notification.Succeeded s) {
            completion.succeeded(s.result());
        } else if (terminal instanceof Notification.Failed f) {
            completion.failed(f.storage().isPresent()
                    ? new UploadFailedException(f.code(), f.message(), f.storage().get().kind(),
                    f.storage().get().httpStatus(), f.storage().get().requestId().orElse(null))
                    : new UploadFailedException(f.code(), f.message()));
        } else {
            completion.canceled();
        }
        ended.complete(null);
    }

    // ---------------------------------------------------------------- handle operations

    /** Holds {@code held} (the checkpoint lock) until the upload ends; call before {@link #begin}. */
    public void releaseAtEnd(CheckpointStore.Lease held) {
        synchronized (lock) {
            lease = held;
        }
    }

    /**
     * Starts: a file at once; a stream once its first part is read (on the I/O executor, where its reader
     * goes on to the end), so that one that ends within it goes in one PutObject.
     */
    @Override
    public void begin() {
        if (feed == null) {
            fire(start);
        } else {
            schedule(() -> feed.read(this::fire, () -> fire(start)));
        }
    }

    /** Pauses; false when it was already paused, is completing or has ended. */
    @Override
    public boolean pause() {
        return fire(new Event.PauseRequested());
    }

    /**
     * Pauses (if not paused already) and returns a stage that completes with a resume token once nothing
     * is in flight and the checkpoint is written; it fails with {@link IllegalStateException} when the
     * upload cannot pause (completing, ended), or is resumed or ends before the pause settled.
     */
    @Override
    public CompletionStage<ResumeToken> pauseAndSettle() {
        synchronized (lock) {
            fire(new Event.PauseRequested());
            if (spec.stream()) {
                return CompletableFuture.failedStage(new IllegalStateException("a stream has no resume token:"
                        + " its bytes are read once; resume() it in this process (it is paused now)"));
            }
            if (!(state instanceof Live live) || !live.paused()) {
                return CompletableFuture.failedStage(new IllegalStateException("cannot pause: the upload is "
                        + state.publicState()));
            }
            CompletableFuture<ResumeToken> settled = new CompletableFuture<>();
            pauses.add(settled);
            settlePauses();
            return settled.minimalCompletionStage();
        }
    }

    /** Resumes a paused upload; false when it was not paused. */
    @Override
    public boolean resume() {
        return fire(new Event.ResumeRequested());
    }

    /** The uploader is closing: cancel, or end a paused upload keeping it for its resume token. */
    @Override
    public void close() {
        fire(new Event.Closing());
    }

    /** Cancels; false when it is completing, already canceling or has ended. */
    @Override
    public boolean cancel() {
        return fire(new Event.CancelRequested());
    }

    /** Installs {@code fresh} for every later request; false once the upload has ended. */
    @Override
    public boolean refreshCredentials(Credentials fresh) {
        synchronized (lock) {
            if (state.terminal()) {
                return false;
            }
            credentials = fresh;
            return fire(new Event.CredentialsInstalled());
        }
    }

    /** The outcome, read-only for callers; see {@link Completion}. */
    @Override
    public CompletableFuture<UploadResult> completion() {
        return completion;
    }

    /** Completes after the terminal callback, when no storage call of this upload is running any more. */
    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    /** The public state now. */
    @Override
    public UploadState state() {
        synchronized (lock) {
            return state.publicState();
        }
    }

    /** Progress now. */
    @Override
    public ProgressSnapshot progress() {
        synchronized (lock) {
            UploadState s = state.publicState();
            long total = lastLive.upload().plan().fileSize(); // -1 for a stream whose end is not known yet
            if (state instanceof State.Succeeded r) {
                total = r.result().size();
                return new ProgressSnapshot(total, total, total, r.result().partCount(), r.result().partCount(), s);
            }
            Live.Upload upload = lastLive.upload();
            PartPlan plan = upload.plan();
            int done = upload.done().size();
            long confirmed = total < 0 ? upload.doneBytes() : Math.min(total, upload.doneBytes());
            return new ProgressSnapshot(confirmed, Math.max(confirmed, progress.sent()), total, done,
                    plan.partCount(), s);
        }
    }

    // ---------------------------------------------------------------- the loop

    private boolean fire(Event event) {
        synchronized (lock) {
            State before = state;
            Transition t;
            try {
                t = Machine.next(state, event, nanos(clock.instant()));
            } catch (RuntimeException bug) {
                LOG.log(System.Logger.Level.ERROR, "state machine failed on " + event.getClass().getSimpleName(), bug);
                String message = "internal error: " + bug;
                t = new Transition(new State.Failed(ErrorCode.UNEXPECTED_ERROR.code(), message),
                        List.of(new Effect.InterruptTransfers(), new Effect.Notify(
                                new Notification.Failed(ErrorCode.UNEXPECTED_ERROR.code(), message))), true);
            }
            state = t.state();
            if (state instanceof Live live) {
                if (live.pace().limit() != lastLive.pace().limit()) {
                    LOG.log(System.Logger.Level.DEBUG, "parts in flight {0} -> {1} (last window {2} MiB/s)",
                            lastLive.pace().limit(), live.pace().limit(),
                            String.format(java.util.Locale.ROOT, "%.1f", live.pace().lastRate() / (1 << 20)));
                }
                lastLive = live;
            }
            // ops dispatched by a terminal transition (a last abort) still need the state they came from
            Live ctx = state instanceof Live live ? live : before instanceof Live live ? live : null;
            if (feed != null) {
                followFeed();
            }
            if (state instanceof State.Succeeded r) {
                progress.confirmed(r.result().size()); // the final progress comes before the success
            }
            // checkpoint writes first: by the time anyone hears of a success the checkpoint is gone, so a
            // process that exits right after completion() leaves none behind; then callbacks
            // (onUploadStarted precedes any progress), then progress (before any new transfer can add
            // bytes to it), then the rest
            for (Effect effect : t.effects()) {
                if (isCheckpointWrite(effect)) {
                    executeLogged(effect, ctx);
                }
            }
            CompletableFuture<Void> released = null;
            if (!before.terminal() && state.terminal()) {
                // like the checkpoint, the lock is gone by the time anyone hears of the end: a new upload
                // of the same file started from the callback must not find it held; it goes once the
                // last checkpoint write (the remove of a success) is done, so no one else sees it half way
                CheckpointStore.Lease held = lease;
                lease = CheckpointStore.Lease.NONE;
                released = checkpoints.flushed().whenComplete((ignored, error) -> held.close());
            }
            Notification terminal = null;
            for (Effect effect : t.effects()) {
                if (effect instanceof Effect.Notify n) {
                    if (n.notification().terminal()) {
                        terminal = n.notification(); // posted once every storage call has returned
                        continue;
                    }
                    execute(effect, ctx);
                    if (n.notification() instanceof Notification.Started) {
                        progress.start(); // the one place that keeps progress after onUploadStarted
                    }
                }
            }
            if (state instanceof Live live) {
                progress.confirmed(live.upload().doneBytes());
            }
            for (Effect effect : t.effects()) {
                if (!(effect instanceof Effect.Notify) && !isCheckpointWrite(effect)) {
                    executeLogged(effect, ctx);
                }
            }
            if (!before.terminal() && state.terminal()) {
                shutdown();
            }
            if (terminal != null) {
                Notification last = terminal;
                List<CompletableFuture<Void>> first = new ArrayList<>(calls);
                first.add(released != null ? released : checkpoints.flushed());
                CompletableFuture.allOf(first.toArray(CompletableFuture[]::new))
                        .whenComplete((ignored, error) -> notifier.post(last));
            }
            settlePauses();
            return t.applied();
        }
    }

    /**
     * A stream's buffers follow the state: those of parts stored go back to the pool; at the end, the
     * reader stops and the source is closed. The total is known once the stream has ended.
     */
    private void followFeed() {
        if (state instanceof Live live) {
            feed.release(live.upload().done().keySet());
            if (live.feed().ended()) {
                progress.total(live.feed().size());
            }
        } else {
            if (state instanceof State.Succeeded r) {
                progress.total(r.result().size());
            }
            feed.close();
        }
    }

    /** Completes the pause waiters once the pause has settled, or fails them when it never will. */
    private void settlePauses() {
        if (pauses.isEmpty()) {
            return;
        }
        ResumeToken token = null;
        RuntimeException refused = null;
        if (!(state instanceof Live live)) {
            refused = new IllegalStateException("the upload ended (" + state.publicState()
                    + ") before the pause settled");
        } else if (!live.paused()) {
            refused = new IllegalStateException("the upload was resumed before the pause settled");
        } else if (!live.ops().active().containsValue(Live.OpStatus.IN_FLIGHT)) {
            token = token(live);
        } else {
            return; // requests still in flight: their results come back as events
        }
        List<CompletableFuture<ResumeToken>> waiting = List.copyOf(pauses);
        pauses.clear();
        ResumeToken settledWith = token;
        RuntimeException error = refused;
        Runnable complete = () -> waiting.forEach(f -> {
            if (error == null) {
                f.complete(settledWith);
            } else {
                f.completeExceptionally(error);
            }
        });
        // once the checkpoint of the settled state is written, and not under the lock: the caller's
        // continuations run there
        checkpoints.flushed().whenComplete((ignored, e) -> {
            try {
                io.execute(complete);
            } catch (RejectedExecutionException rejected) {
                complete.run();
            }
        });
    }

    /** What another process needs to go on from here (the checkpoint, as it is now, and the request). */
    private ResumeToken token(Live live) {
        Live.Upload u = live.upload();
        List<CheckpointPart> parts = u.resumeFrom().map(Checkpoint::parts)
                .orElse(List.copyOf(u.done().values()));
        Optional<String> uploadId = u.plan().singlePut() ? Optional.empty() : u.uploadId();
        return new ResumeToken(spec.file().path(), spec.file().length(), spec.file().lastModifiedMillis(),
                spec.target(), spec.metadata(), u.plan().partSize(), uploadId,
                uploadId.isPresent() ? parts : List.of());
    }

    private static boolean isCheckpointWrite(Effect effect) {
        return effect instanceof Effect.SaveCheckpoint || effect instanceof Effect.RemoveCheckpoint;
    }

    private void executeLogged(Effect effect, Live ctx) {
        try {
            execute(effect, ctx);
        } catch (RuntimeException bug) {
            LOG.log(System.Logger.Level.ERROR, "cannot perform " + effect.getClass().getSimpleName(), bug);
        }
    }

    private void execute(Effect effect, Live ctx) {
        if (effect instanceof Effect.Call c) {
            dispatch(c.op(), ctx);
        } else if (effect instanceof Effect.Backoff b) {
            Duration delay = retryPolicy.backoff(b.failures(), random.nextDouble());
            LOG.log(System.Logger.Level.DEBUG, "retry {0} after failure {1}, in {2} ms", b.op(), b.failures(),
                    delay.toMillis());
            schedule(() -> {
                sleeper.sleep(delay);
                fire(new Event.BackoffElapsed(b.op()));
            });
        } else if (effect instanceof Effect.RefreshCredentials r) {
            requestRefresh(r.generation());
        } else if (effect instanceof Effect.StartCredentialsTimer t) {
            schedule(() -> {
                sleeper.sleep(t.timeout());
                fire(new Event.CredentialsWaitTimedOut(t.generation()));
            });
        } else if (effect instanceof Effect.SaveCheckpoint s) {
            saveCheckpoint(s);
        } else if (effect instanceof Effect.RemoveCheckpoint r) {
            checkpoints.remove(r.fingerprint());
        } else if (effect instanceof Effect.InterruptTransfers) {
            for (ProgressTracker.Attempt a : transfers) {
                a.cancel();
                progress.end(a);
            }
        } else if (effect instanceof Effect.Notify n) {
            notifier.post(n.notification());
        } else {
            throw new IllegalStateException("unknown effect: " + effect);
        }
    }

    /** The upload ended: back-offs, waits and refreshes still running are interrupted. */
    private void shutdown() {
        for (Future<?> timer : List.copyOf(timers)) {
            timer.cancel(true); // its done() removes it from timers
        }
        timers.clear();
    }

    /** Runs a blocking task (a back-off, a refresh, a credentials wait) on the I/O executor until the upload ends. */
    private void schedule(Interruptible task) {
        synchronized (lock) {
            if (state.terminal()) {
                return;
            }
            Timer timer = new Timer(task);
            timers.add(timer);
            try {
                io.execute(timer);
            } catch (RejectedExecutionException e) {
                timers.remove(timer); // the upload has ended
            }
        }
    }

    @FunctionalInterface
    private interface Interruptible {
        void run() throws InterruptedException;
    }

    /** A task in {@code timers} while it runs: {@link #shutdown} interrupts it, and it leaves when done. */
    private final class Timer extends FutureTask<Void> {
        Timer(Interruptible task) {
            super(() -> {
                try {
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, null);
        }

        @Override
        protected void done() {
            synchronized (lock) {
                timers.remove(this);
            }
        }
    }

    /**
     * Asks the provider for credentials to replace those of {@code generation}: at once, or, while another
     * refresh is running (the application supplied credentials during it, and they expired too), once that
     * one has returned. So the provider never has two refreshes of one upload in flight.
     */
    private void requestRefresh(long generation) {
        if (refreshRunning) {
            refreshWanted = generation;
            return;
        }
        refreshRunning = true;
        Credentials expired = credentials;
        schedule(() -> refresh(expired, generation));
    }

    private void refresh(Credentials expired, long expiredGeneration) throws InterruptedException {
        try {
            Optional<Credentials> fresh;
            try {
                fresh = Objects.requireNonNull(provider.refresh(expired), "the provider's refresh returned null");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the credentials provider failed: {0}", e.getClass().getName());
                fire(new Event.CredentialsRefreshFailed(expiredGeneration, e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
                return;
            }
            synchronized (lock) {
                if (!(state instanceof Live live) || live.signing().generation() != expiredGeneration) {
                    return; // the upload ended, or the application supplied credentials meanwhile
                }
                if (fresh.isPresent()) {
                    credentials = fresh.get();
                    fire(new Event.CredentialsInstalled());
                } else {
                    fire(new Event.CredentialsUnavailable(expiredGeneration));
                }
            }
        } finally {
            synchronized (lock) {
                refreshRunning = false;
                long wanted = refreshWanted;
                refreshWanted = -1;
                if (wanted >= 0 && state instanceof Live live && live.signing().awaitingCredentials()
                        && live.signing().generation() == wanted) {
                    requestRefresh(wanted);
                }
            }
        }
    }

    private void saveCheckpoint(Effect.SaveCheckpoint s) {
        checkpoints.save(new Checkpoint(Checkpoint.FORMAT_VERSION, spec.fingerprint(), spec.file().path(),
                spec.file().length(), spec.file().lastModifiedMillis(), spec.target(), s.uploadId(),
                s.partSize(), s.parts(), clock.instant()));
    }

    // ---------------------------------------------------------------- storage calls

    private void dispatch(Op op, Live ctx) {
        Credentials signWith = credentials;
        long signedGeneration = ctx.signing().generation();
        ProgressTracker.Attempt attempt = new ProgressTracker.Attempt(op);
        if (op.isTransfer()) {
            transfers.add(attempt);
        }
        Call call = prepare(op, ctx, signWith, attempt);
        CompletableFuture<Void> returned = new CompletableFuture<>();
        calls.add(returned);
        try {
            io.execute(() -> {
                try {
                    run(op, signedGeneration, attempt, call);
                } finally {
                    synchronized (lock) {
                        calls.remove(returned);
                    }
                    returned.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the uploader is closed; {0} was not sent",
                    op.getClass().getSimpleName());
            transfers.remove(attempt);
            calls.remove(returned);
            returned.complete(null);
        }
    }

    @FunctionalInterface
    private interface Call {
        Event.Result perform() throws IOException;
    }

    /** Captures, under the lock, what the op needs from the current context. */
    private Call prepare(Op op, Live ctx, Credentials c, ProgressTracker.Attempt attempt) {
        TransferListener listener = bytes -> {
            if (attempt.cancelled()) {
                throw new CancellationException("transfer stopped: the upload was paused or canceled");
            }
            progress.add(attempt, bytes);
        };
        String uploadId = ctx.upload().uploadId().orElse(null);
        if (op instanceof Op.Initiate) {
            ObjectMetadata initiateMetadata = withoutNotification(spec.metadata());
            return () -> new Event.Initiated(op, storage.initiateMultipart(spec.target(), c, initiateMetadata));
        }
        if (op instanceof Op.VerifyLocal) {
            Checkpoint cp = ctx.upload().resumeFrom().orElseThrow();
            return () -> new Event.LocalVerified(op, LocalFile.unchanged(spec.file())
                    && cp.fileLength() == spec.file().length()
                    && cp.fileLastModifiedMillis() == spec.file().lastModifiedMillis()
                    && partsMatchFile(cp.parts()));
        }
        if (op instanceof Op.ListParts) {
            return () -> new Event.PartsListed(op, storage.listParts(spec.target(), c, uploadId));
        }
        if (op instanceof Op.UploadPart u && feed != null) {
            int number = u.partNumber();
            MemoryBody body = feed.borrow(number);
            return () -> {
                try {
                    return new Event.PartUploaded(op, storage.uploadPart(spec.target(), c, uploadId, number, body,
                            listener));
                } finally {
                    feed.giveBack(number);
                }
            };
        }
        if (op instanceof Op.Put && feed != null) {
            MemoryBody body = feed.borrow(1);
            return () -> {
                try {
                    LocalFile.Digests local = LocalFile.digests(body.bytes());
                    return new Event.PutDone(op, storage.putObject(spec.target(), c, body, spec.metadata(), listener),
                            local.crc64(), local.md5Hex());
                } finally {
                    feed.giveBack(1);
                }
            };
        }
        if (op instanceof Op.UploadPart u) {
            PartPlan.Part part = ctx.upload().plan().part(u.partNumber());
            FileRegion region = new FileRegion(spec.file().path(), part.offset(), part.size());
            return () -> {
                try {
                    return new Event.PartUploaded(op, storage.uploadPart(spec.target(), c, uploadId, part.number(),
                            region, listener));
                } catch (StorageException e) {
                    throw fileChangedIfRefusedDigest(e);
                }
            };
        }
        if (op instanceof Op.Put) {
            FileRegion region = new FileRegion(spec.file().path(), 0, spec.file().length());
            return () -> {
                requireUnchanged("before it was sent");
                LocalFile.Digests local = LocalFile.digests(spec.file().path(), 0, spec.file().length());
                ObjectReceipt receipt;
                try {
                    receipt = storage.putObject(spec.target(), c, region, spec.metadata(), listener);
                } catch (StorageException e) {
                    throw fileChangedIfRefusedDigest(e);
                }
                // the object may hold an earlier state of the file now: never call that a success
                requireUnchanged("while it was being uploaded");
                if (spec.checks().verifySource()) {
                    requireSameContent(local.crc64());
                }
                return new Event.PutDone(op, receipt, local.crc64(), local.md5Hex());
            };
        }
        if (op instanceof Op.Complete) {
            List<PartReceipt> parts = new ArrayList<>();
            for (CheckpointPart p : ctx.upload().done().values()) {
                parts.add(PartReceipt.of(p.partNumber(), p.etag(), p.size(), p.crc64()));
            }
            ObjectMetadata completeMetadata = onlyNotification(spec.metadata());
            long partsCrc = ctx.upload().combinedCrc();
            return () -> {
                // the last moment the old object can be kept: length, mtime and ctime, and the bytes if asked
                if (!spec.stream()) {
                    requireUnchanged("while it was being uploaded");
                }
                if (spec.checks().verifySource()) {
                    requireSameContent(partsCrc);
                }
                return new Event.CompleteDone(op, storage.completeMultipart(spec.target(), c, uploadId, parts,
                        completeMetadata));
            };
        }
        if (op instanceof Op.Head) {
            return () -> new Event.HeadDone(op, storage.headObject(spec.target(), c));
        }
        if (op instanceof Op.Abort a) {
            return () -> {
                storage.abortMultipart(spec.target(), c, a.uploadId());
                return new Event.AbortDone(op);
            };
        }
        throw new IllegalStateException("unknown op: " + op);
    }

    private void run(Op op, long signedGeneration, ProgressTracker.Attempt attempt, Call call) {
        Event.Result result;
        try {
            if (attempt.cancelled()) {
                result = new Event.OpInterrupted(op);
            } else {
                result = call.perform();
            }
        } catch (CancellationException e) {
            result = new Event.OpInterrupted(op);
        } catch (StorageException e) {
            result = new Event.OpFailed(op, signedGeneration, Event.Failure.of(e));
        } catch (IOException e) {
            result = new Event.OpFailed(op, signedGeneration, new Event.Failure(StorageException.Kind.FATAL,
                    ErrorCode.FILE_UNREADABLE.code(), "cannot read " + spec.file().path() + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "unexpected exception from " + op.getClass().getSimpleName(), e);
            result = new Event.OpFailed(op, signedGeneration, new Event.Failure(StorageException.Kind.FATAL,
                    ErrorCode.UNEXPECTED_ERROR.code(), op.getClass().getSimpleName() + " failed: "
                    + e.getClass().getName()));
        }
        if (result instanceof Event.OpFailed f && op.isTransfer() && !spec.stream()
                && !changedCode(f.failure().code()) && !LocalFile.unchanged(spec.file())) {
            // a file shortened or rewritten under a transfer shows as an I/O error, a truncated body or a
            // CRC difference; the cause is the change, and so is the code, whatever failed first
            result = new Event.OpFailed(op, signedGeneration, new Event.Failure(StorageException.Kind.FATAL,
                    ErrorCode.FILE_CHANGED.code(), "the file changed while it was being uploaded: "
                    + spec.file().path() + " (" + f.failure().code() + ")"));
        }
        synchronized (lock) {
            transfers.remove(attempt);
            progress.end(attempt);
            fire(result);
        }
    }

    /** @throws StorageException {@code FileChanged} when the file's length, mtime or ctime moved */
    private void requireUnchanged(String when) {
        if (!LocalFile.unchanged(spec.file())) {
            throw fileChanged("the file changed " + when + ": " + spec.file().path());
        }
    }

    /** @throws StorageException {@code FileChanged} when the whole file's CRC-64 is not {@code expected} */
    private void requireSameContent(long expected) throws IOException {
        long now = LocalFile.crc(spec.file().path(), 0, spec.file().length());
        if (now != expected) {
            throw fileChanged("the file read again after the upload has CRC-64 " + Long.toUnsignedString(now)
                    + ", but the bytes stored have " + Long.toUnsignedString(expected) + " (it changed in place): "
                    + spec.file().path());
        }
    }

    /**
     * A body refused for its Content-MD5 ({@code InvalidDigest}, {@code BadDigest}) when the file changed is
     * {@code FileChanged}: the bytes sent were not those read before; the storage kept what it had.
     */
    private StorageException fileChangedIfRefusedDigest(StorageException e) {
        if (!spec.stream() && (e.errorCode().equals("InvalidDigest") || e.errorCode().equals("BadDigest"))
                && !LocalFile.unchanged(spec.file())) {
            return fileChanged("the file changed while it was being sent (storage refused the body for its"
                    + " Content-MD5 and kept the object it had): " + spec.file().path());
        }
        return e;
    }

    private static StorageException fileChanged(String message) {
        return new StorageException(StorageException.Kind.FATAL, ErrorCode.FILE_CHANGED.code(), message, null);
    }

    private static boolean changedCode(String code) {
        return code.equals(ErrorCode.FILE_CHANGED.code()) || code.equals(ErrorCode.INTERRUPTED.code());
    }

    private boolean partsMatchFile(List<CheckpointPart> parts) throws IOException {
        for (CheckpointPart p : parts) {
            // overflow-safe: a damaged checkpoint may hold any long (offset 2^63-1 must not wrap around)
            if (p.offset() > spec.file().length() || p.size() > spec.file().length() - p.offset()
                    || LocalFile.crc(spec.file().path(), p.offset(), p.size()) != p.crc64()) {
                return false;
            }
        }
        return true;
    }

    /** The clock's time in ns since the epoch: what {@link Pace} measures windows with. */
    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static ObjectMetadata withoutNotification(ObjectMetadata m) {
        Map<String, String> headers = new TreeMap<>(m.headers());
        headers.remove("x-oss-notification");
        return new ObjectMetadata(m.contentType(), headers);
    }

    private static ObjectMetadata onlyNotification(ObjectMetadata m) {
        String notification = m.headers().get("x-oss-notification");
        return notification == null ? ObjectMetadata.EMPTY
                : new ObjectMetadata(Optional.empty(), Map.of("x-oss-notification", notification));
    }
}
