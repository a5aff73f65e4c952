package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.ProgressSnapshot;
import io.vodupload.domain.RetryPolicy;
import io.vodupload.domain.UploadState;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.FileRegion;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.random.RandomGenerator;

/**
 * Runs one upload: feeds events to {@link Machine#next} under one lock and performs the effects through
 * the ports. Storage calls, back-off waits and credential refreshes run on a pool of I/O threads (the
 * machine keeps at most {@code parallelism} parts in flight); callbacks go through a {@link Notifier}
 * on their own thread. Nothing here blocks while holding the lock except checkpoint writes, which are
 * kept in order that way.
 *
 * <p>Internal: use {@link io.vodupload.domain.Uploader} and {@link io.vodupload.domain.UploadHandle}.
 */
public final class Engine {

    private static final System.Logger LOG = System.getLogger(Engine.class.getName());

    private final Object lock = new Object();
    private final Spec spec;
    private final ObjectStorage storage;
    private final CheckpointStore checkpoints;
    private final CredentialsProvider provider;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryPolicy retryPolicy;
    private final ExecutorService io;
    private final Notifier notifier;
    private final ProgressTracker progress;
    private final CompletableFuture<UploadResult> completion = new CompletableFuture<>();

    private State state;
    /** The credentials of the generation the state says is in use ({@link Live.Signing#generation()}). */
    private Credentials credentials;
    private final Set<ProgressTracker.Attempt> transfers = new HashSet<>();
    private final Set<Future<?>> timers = new HashSet<>();
    private boolean checkpointWarned;
    /** The checkpoint lock this upload holds; released when it ends. */
    private CheckpointStore.Lease lease = CheckpointStore.Lease.NONE;

    /** Everything one upload needs. */
    public record Wiring(ObjectStorage storage, CheckpointStore checkpoints, CredentialsProvider provider,
                         Clock clock, Sleeper sleeper, RandomGenerator random, RetryPolicy retryPolicy,
                         Duration progressInterval, ThreadFactory ioThreads, ThreadFactory callbackThreads,
                         UploadCallback callback) {
    }

    public Engine(Spec spec, Credentials initial, Wiring w) {
        this.spec = spec;
        this.storage = w.storage();
        this.checkpoints = w.checkpoints();
        this.provider = w.provider();
        this.clock = w.clock();
        this.sleeper = w.sleeper();
        this.random = w.random();
        this.retryPolicy = w.retryPolicy();
        this.io = Executors.newCachedThreadPool(w.ioThreads());
        this.notifier = new Notifier(w.callback(), completion, w.callbackThreads());
        this.progress = new ProgressTracker(spec.file().length(), clock, w.progressInterval(), notifier);
        this.credentials = initial;
        this.state = Live.initial(spec);
        completion.whenComplete((result, error) -> {
            if (error instanceof CancellationException) {
                cancel(); // the application canceled the future itself
            }
        });
    }

    // ---------------------------------------------------------------- handle operations

    /** Holds {@code held} (the checkpoint lock) until the upload ends; call before {@link #start}. */
    public void releaseAtEnd(CheckpointStore.Lease held) {
        synchronized (lock) {
            lease = held;
        }
    }

    /** Starts the upload with what the checkpoint store had. */
    public void start(Optional<Checkpoint> checkpoint, List<Checkpoint> stale) {
        fire(new Event.Start(checkpoint, stale));
    }

    public boolean pause() {
        return fire(new Event.PauseRequested());
    }

    public boolean resume() {
        return fire(new Event.ResumeRequested());
    }

    public boolean cancel() {
        return fire(new Event.CancelRequested());
    }

    /** Installs {@code fresh} for every later request; false once the upload has ended. */
    public boolean refreshCredentials(Credentials fresh) {
        synchronized (lock) {
            if (state.terminal()) {
                return false;
            }
            credentials = fresh;
            return fire(new Event.CredentialsInstalled());
        }
    }

    public CompletableFuture<UploadResult> completion() {
        return completion;
    }

    public UploadState state() {
        synchronized (lock) {
            return state.publicState();
        }
    }

    public ProgressSnapshot progress() {
        synchronized (lock) {
            UploadState s = state.publicState();
            long total = spec.file().length();
            if (state instanceof State.Succeeded r) {
                return new ProgressSnapshot(total, total, r.result().partCount(), r.result().partCount(), s);
            }
            PartPlan plan = state instanceof Live l ? l.upload().plan() : spec.configuredPlan();
            int done = state instanceof Live l ? l.upload().done().size() : 0;
            return new ProgressSnapshot(progress.uploaded(), total, done, plan.partCount(), s);
        }
    }

    // ---------------------------------------------------------------- the loop

    private boolean fire(Event event) {
        synchronized (lock) {
            State before = state;
            Transition t;
            try {
                t = Machine.next(state, event);
            } catch (RuntimeException bug) {
                LOG.log(System.Logger.Level.ERROR, "state machine failed on " + event.getClass().getSimpleName(), bug);
                String message = "internal error: " + bug;
                t = new Transition(new State.Failed(ErrorCode.UNEXPECTED_ERROR.code(), message),
                        List.of(new Effect.InterruptTransfers(), new Effect.Notify(
                                new Notification.Failed(ErrorCode.UNEXPECTED_ERROR.code(), message))), true);
            }
            state = t.state();
            // ops dispatched by a terminal transition (a last abort) still need the state they came from
            Live ctx = state instanceof Live live ? live : before instanceof Live live ? live : null;
            if (state instanceof State.Succeeded) {
                progress.confirmed(spec.file().length()); // the final progress comes before the success
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
            if (!before.terminal() && state.terminal()) {
                // like the checkpoint, the lock is gone by the time anyone hears of the end: a new upload
                // of the same file started from the callback must not find it held
                lease.close();
                lease = CheckpointStore.Lease.NONE;
            }
            for (Effect effect : t.effects()) {
                if (effect instanceof Effect.Notify n) {
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
            return t.applied();
        }
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
            schedule(() -> {
                sleeper.sleep(delay);
                fire(new Event.BackoffElapsed(b.op()));
            });
        } else if (effect instanceof Effect.RefreshCredentials r) {
            Credentials expired = credentials;
            schedule(() -> refresh(expired, r.generation()));
        } else if (effect instanceof Effect.StartCredentialsTimer t) {
            schedule(() -> {
                sleeper.sleep(t.timeout());
                fire(new Event.CredentialsWaitTimedOut(t.generation()));
            });
        } else if (effect instanceof Effect.SaveCheckpoint s) {
            saveCheckpoint(s);
        } else if (effect instanceof Effect.RemoveCheckpoint r) {
            try {
                checkpoints.remove(r.fingerprint());
            } catch (RuntimeException e) {
                warnCheckpoint("cannot remove the checkpoint", e);
            }
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

    private void shutdown() {
        for (Future<?> timer : List.copyOf(timers)) {
            timer.cancel(true); // its done() removes it from timers
        }
        timers.clear();
        io.shutdown();
    }

    /** Runs a blocking task (a back-off, a refresh, a credentials wait) on the I/O pool until the upload ends. */
    private void schedule(Interruptible task) {
        synchronized (lock) {
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

    private void refresh(Credentials expired, long expiredGeneration) throws InterruptedException {
        Optional<Credentials> fresh;
        try {
            fresh = provider.refresh(expired);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the credentials provider failed: {0}", e.getClass().getName());
            fire(new Event.CredentialsRefreshFailed(e.getClass().getSimpleName()
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
    }

    private void saveCheckpoint(Effect.SaveCheckpoint s) {
        try {
            checkpoints.save(new Checkpoint(Checkpoint.FORMAT_VERSION, spec.fingerprint(), spec.file().path(),
                    spec.file().length(), spec.file().lastModifiedMillis(), spec.target(), s.uploadId(),
                    s.partSize(), s.parts(), clock.instant()));
        } catch (RuntimeException e) {
            warnCheckpoint("cannot save the checkpoint; the upload goes on but may not resume after a crash", e);
        }
    }

    private void warnCheckpoint(String what, RuntimeException e) {
        if (!checkpointWarned) {
            checkpointWarned = true;
            LOG.log(System.Logger.Level.WARNING, what + ": " + e);
        }
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
        try {
            io.execute(() -> run(op, signedGeneration, attempt, call));
        } catch (RejectedExecutionException e) {
            transfers.remove(attempt);
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
        if (op instanceof Op.UploadPart u) {
            PartPlan.Part part = ctx.upload().plan().part(u.partNumber());
            FileRegion region = new FileRegion(spec.file().path(), part.offset(), part.size());
            return () -> new Event.PartUploaded(op, storage.uploadPart(spec.target(), c, uploadId, part.number(),
                    region, listener));
        }
        if (op instanceof Op.Put) {
            FileRegion region = new FileRegion(spec.file().path(), 0, spec.file().length());
            return () -> {
                long localCrc = LocalFile.crc(spec.file().path(), 0, spec.file().length());
                ObjectReceipt receipt = storage.putObject(spec.target(), c, region, spec.metadata(), listener);
                return new Event.PutDone(op, receipt, localCrc);
            };
        }
        if (op instanceof Op.Complete) {
            List<PartReceipt> parts = new ArrayList<>();
            for (CheckpointPart p : ctx.upload().done().values()) {
                parts.add(PartReceipt.of(p.partNumber(), p.etag(), p.size(), p.crc64()));
            }
            ObjectMetadata completeMetadata = onlyNotification(spec.metadata());
            return () -> {
                if (!LocalFile.unchanged(spec.file())) {
                    throw new StorageException(StorageException.Kind.FATAL, ErrorCode.FILE_CHANGED.code(),
                            "the file changed while it was being uploaded: " + spec.file().path(), null);
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
        if (result instanceof Event.OpFailed f && op.isTransfer() && !changedCode(f.failure().code())
                && !LocalFile.unchanged(spec.file())) {
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
