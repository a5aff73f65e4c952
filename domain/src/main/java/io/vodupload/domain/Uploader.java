package io.vodupload.domain;

import io.vodupload.domain.internal.Launcher;
import io.vodupload.domain.internal.RunningUpload;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import java.time.Clock;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Uploads files to object storage: in parallel parts, resumable, retried, verified by CRC-64, reported
 * through an {@link UploadCallback}. One uploader serves any number of uploads; each
 * {@link #start} returns an {@link UploadHandle}. Close it when done: {@link #close()}.
 *
 * <pre>{@code
 * try (Uploader uploader = Uploader.builder(storage).checkpointStore(store).build()) {
 *     UploadHandle handle = uploader.start(UploadRequest.of(file, target),
 *             CredentialsProvider.fixed(credentials), callback);
 *     handle.completion().join();
 * }
 * }</pre>
 *
 * <p><b>Threads:</b> the uploads of one uploader share its threads. Storage calls, back-off waits,
 * credential waits and provider refreshes run on its I/O executor: by default a pool of its own that
 * grows with the work (at most {@code maxParallelism} parts in flight per upload, plus one thread per upload
 * while it backs off, waits for credentials or refreshes them) and whose idle threads end after 30
 * seconds, so a paused upload holds no thread; or the {@link Builder#executor executor} given. Callbacks
 * of every upload run on one callback thread, in order per upload, never two at once. Threads are daemon
 * threads named {@code vodupload-io-N} and {@code vodupload-callback-N} unless a thread factory is given.
 * Time comes only from the injected {@link Clock} and {@link Sleeper}.
 *
 * <p><b>Lifecycle:</b> {@link #close()} cancels what can still be canceled, waits for every upload to end
 * (aborts and cleanup included) and stops the uploader's threads. Thread-safe.
 */
public final class Uploader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Uploader.class.getName());
    private static final AtomicLong UPLOADERS = new AtomicLong();
    private static final long IDLE_SECONDS = 30;

    private final Launcher.Shared shared;
    private final Clock clock;
    private final ExecutorService ownedIo;
    private final Executor io;
    private final ThreadPoolExecutor callbacks;
    private final Set<RunningUpload> running = ConcurrentHashMap.newKeySet();
    private boolean closed;
    private final String lockOwner;

    private Uploader(Builder b) {
        this.clock = b.clock;
        long id = UPLOADERS.incrementAndGet();
        if (b.executor == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), named(b.threadFactory, "vodupload-" + id + "-io-"));
            this.ownedIo = pool;
            this.io = pool;
        } else {
            this.ownedIo = null;
            this.io = b.executor;
        }
        this.callbacks = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named(b.threadFactory, "vodupload-" + id + "-callback-"));
        this.callbacks.allowCoreThreadTimeOut(true);
        this.lockOwner = b.lockOwner != null ? b.lockOwner : Launcher.processOwner();
        this.shared = new Launcher.Shared(b.storage, b.checkpoints, b.clock, b.sleeper, b.random, io, callbacks,
                lockOwner);
    }

    /**
     * A builder for an uploader writing to {@code storage}.
     *
     * @param storage any {@link ObjectStorage} adapter; the uploader does not close it
     * @return a builder with the defaults
     */
    public static Builder builder(ObjectStorage storage) {
        return new Builder(storage);
    }

    /**
     * The clock this uploader reads (the facade decodes ticket lifetimes against it).
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The executor the uploads' storage calls and waits run on (the uploader's own pool or the one given);
     * an {@link UploadQueue} starts its files there too, so a queue adds no threads of its own.
     */
    Executor executor() {
        return io;
    }

    /**
     * Checks the request and starts the upload. Returns at once; the upload runs in the background and
     * reports through {@code callback} (first {@code onUploadStarted}, last exactly one of success,
     * failed, canceled).
     *
     * @param request     what to upload, where, how
     * @param credentials where the credentials come from
     * @param callback    told of the upload's events
     * @return the running upload
     * @throws InvalidUploadException at once, with its {@link ErrorCode}, when the file is missing
     *                                ({@code FileNotFound}), not a regular file ({@code NotAFile}), cannot be
     *                                read ({@code FileUnreadable}) or too large ({@code FileTooLarge}), or the
     *                                provider has no credentials
     *                                ({@code CredentialsUnavailable})
     *                                or, with resume on, another process holds this upload's checkpoint
     *                                lock ({@code UploadInProgress}, naming it)
     * @throws IllegalStateException  when this uploader is closed
     */
    public UploadHandle start(UploadRequest request, CredentialsProvider credentials, UploadCallback callback) {
        Objects.requireNonNull(callback, "callback");
        return start(request, credentials, handle -> callback);
    }

    /**
     * Like {@link #start(UploadRequest, CredentialsProvider, UploadCallback)}, with a callback made for the
     * upload's handle, so that callbacks can pause, cancel or refresh without holding a reference of their
     * own. {@code callbackFor} is called once, before any callback.
     *
     * <pre>{@code
     * uploader.start(request, provider, handle -> new UploadCallback() {
     *     public void onUploadTokenExpired() { handle.refreshCredentials(fetchFresh()); }
     * });
     * }</pre>
     *
     * @param request     what to upload, where, how
     * @param credentials where the credentials come from
     * @param callbackFor makes the callback for the handle
     * @return the running upload
     */
    public UploadHandle start(UploadRequest request, CredentialsProvider credentials,
                              Function<? super UploadHandle, ? extends UploadCallback> callbackFor) {
        Objects.requireNonNull(request, "request");
        return launch(credentials, callbackFor,
                callback -> Launcher.prepare(shared, request, credentials, callback, Optional.empty()));
    }

    /**
     * Starts uploading a stream (standard input, an {@code InputStream}, a URL): its source is opened here,
     * its parts read into at most {@code parallelism} reused part-sized buffers and sent as they fill, a
     * stream that ends within the first part in one PutObject. Reports through {@code callback} like a file
     * (the same six callbacks, the same retries, credential refreshes and CRC-64 checks); progress has a
     * total of -1 until the stream's end has been read, unless its size was given.
     *
     * <p>A stream cannot resume: no checkpoint is written, {@link UploadHandle#pause()} pauses but its stage
     * fails (there is no resume token), and a failure or cancel aborts the multipart upload.
     *
     * <pre>{@code
     * StreamSource stdin = ...; // describe() -> "standard input"
     * UploadHandle handle = uploader.start(StreamUploadRequest.builder(stdin, target).build(),
     *         CredentialsProvider.fixed(credentials), callback);
     * }</pre>
     *
     * @param request     what to read, where it goes, how
     * @param credentials where the credentials come from
     * @param callback    told of the upload's events
     * @return the running upload
     * @throws InvalidUploadException at once when the source cannot be opened ({@code StreamUnreadable}), a
     *                                part size above 1 GiB ({@code InvalidConfig}), a given size that needs
     *                                more ({@code FileTooLarge}), or no credentials
     *                                ({@code CredentialsUnavailable})
     * @throws IllegalStateException  when this uploader is closed
     */
    public UploadHandle start(StreamUploadRequest request, CredentialsProvider credentials,
                              UploadCallback callback) {
        Objects.requireNonNull(callback, "callback");
        return start(request, credentials, handle -> callback);
    }

    /**
     * Like {@link #start(StreamUploadRequest, CredentialsProvider, UploadCallback)}, with a callback made for
     * the upload's handle.
     *
     * @param request     what to read, where it goes, how
     * @param credentials where the credentials come from
     * @param callbackFor makes the callback for the handle
     * @return the running upload
     */
    public UploadHandle start(StreamUploadRequest request, CredentialsProvider credentials,
                              Function<? super UploadHandle, ? extends UploadCallback> callbackFor) {
        Objects.requireNonNull(request, "request");
        return launch(credentials, callbackFor,
                callback -> Launcher.prepareStream(shared, request, credentials, callback));
    }

    /**
     * Goes on with a paused upload from its {@link ResumeToken}, in this process or another, with the
     * default {@link UploadConfig}. Parts the token lists are kept when storage still holds them with the
     * same size and CRC-64 (they are not sent again). A file whose length or modification time changed
     * since is uploaded afresh and the token's storage upload aborted.
     *
     * @param token       from {@link UploadHandle#pause()}
     * @param credentials where the credentials come from
     * @param callback    told of the upload's events ({@code onUploadStarted} says it resumed)
     * @return the running upload
     * @throws InvalidUploadException like {@link #start(UploadRequest, CredentialsProvider, UploadCallback)}
     */
    public UploadHandle resume(ResumeToken token, CredentialsProvider credentials, UploadCallback callback) {
        return resume(token, UploadConfig.defaults(), credentials, callback);
    }

    /**
     * Like {@link #resume(ResumeToken, CredentialsProvider, UploadCallback)} with {@code config} (its part
     * size is replaced by the token's).
     *
     * @param token       from {@link UploadHandle#pause()}
     * @param config      how to upload
     * @param credentials where the credentials come from
     * @param callback    told of the upload's events
     * @return the running upload
     */
    public UploadHandle resume(ResumeToken token, UploadConfig config, CredentialsProvider credentials,
                               UploadCallback callback) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(callback, "callback");
        long partSize = Math.max(UploadConfig.MIN_PART_SIZE, Math.min(UploadConfig.MAX_PART_SIZE, token.partSize()));
        UploadRequest request = UploadRequest.builder(token.file(), token.target()).metadata(token.metadata())
                .config(config.toBuilder().partSize(partSize).build()).build();
        return launch(credentials, handle -> callback,
                c -> Launcher.prepare(shared, request, credentials, c, Optional.of(token)));
    }

    /**
     * Ends every upload and stops the uploader's threads. The choice: running uploads are <b>canceled</b>
     * (their storage upload aborted, their checkpoint removed, {@code onUploadCanceled}); an upload already
     * completing is let finish; a <b>paused</b> upload ends with {@code onUploadFailed(Interrupted)} and
     * keeps its storage upload and checkpoint, so the token its {@link UploadHandle#pause()} gave resumes it
     * later, here or in another process. Then it waits until every upload's terminal callback has been
     * delivered and its storage calls (aborts included) have returned, and stops the uploader's threads.
     * An executor given to the builder is not shut down; the storage is not closed. Idempotent;
     * {@link #start} throws afterwards.
     *
     * <p>To keep running uploads resumable, pause them and wait for their tokens before closing. Do not call
     * it from a callback (it waits for the callback thread).
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (RunningUpload engine : List.copyOf(running)) {
            engine.close();
        }
        boolean interrupted = false;
        for (RunningUpload engine : List.copyOf(running)) {
            try {
                engine.ended().get();
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                // ended() never fails
            }
        }
        if (ownedIo != null) {
            ownedIo.shutdown();
        }
        callbacks.shutdown();
        try {
            if (!interrupted) {
                awaitTermination(ownedIo);
                awaitTermination(callbacks);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTermination(ExecutorService pool) throws InterruptedException {
        while (pool != null && !pool.awaitTermination(1, TimeUnit.MINUTES)) {
            LOG.log(System.Logger.Level.WARNING, "still waiting for the uploader's threads to stop");
        }
    }

    private UploadHandle launch(CredentialsProvider credentials,
                                Function<? super UploadHandle, ? extends UploadCallback> callbackFor,
                                Function<UploadCallback, RunningUpload> prepare) {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(callbackFor, "callbackFor");
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the uploader is closed");
            }
        }
        ForwardingCallback callback = new ForwardingCallback();
        RunningUpload upload = prepare.apply(callback);
        UploadHandle handle = new UploadHandle(upload);
        callback.delegate = Objects.requireNonNull(callbackFor.apply(handle), "the callback factory returned null");
        running.add(upload);
        upload.ended().whenComplete((ignored, error) -> running.remove(upload));
        upload.begin();
        return handle;
    }

    private static ThreadFactory named(ThreadFactory threadFactory, String prefix) {
        AtomicLong n = new AtomicLong();
        return runnable -> {
            Thread t = threadFactory != null ? threadFactory.newThread(runnable) : new Thread(runnable);
            if (threadFactory == null) {
                t.setDaemon(true);
                t.setName(prefix + n.incrementAndGet());
            }
            return t;
        };
    }

    /** Lets the callback be made for the handle, which needs the engine, which needs the callback. */
    private static final class ForwardingCallback implements UploadCallback {
        private volatile UploadCallback delegate;

        @Override
        public void onUploadStarted(UploadStarted info) {
            delegate.onUploadStarted(info);
        }

        @Override
        public void onUploadProgress(long uploadedSize, long totalSize) {
            delegate.onUploadProgress(uploadedSize, totalSize);
        }

        @Override
        public void onUploadRetry(String code, String message) {
            delegate.onUploadRetry(code, message);
        }

        @Override
        public void onUploadRetryResume() {
            delegate.onUploadRetryResume();
        }

        @Override
        public void onUploadTokenExpired() {
            delegate.onUploadTokenExpired();
        }

        @Override
        public void onUploadSuccess(UploadResult result) {
            delegate.onUploadSuccess(result);
        }

        @Override
        public void onUploadFailed(String code, String message) {
            delegate.onUploadFailed(code, message);
        }

        @Override
        public void onUploadCanceled() {
            delegate.onUploadCanceled();
        }
    }

    /** Builds an {@link Uploader}. Not thread-safe. */
    public static final class Builder {
        private final ObjectStorage storage;
        private CheckpointStore checkpoints = CheckpointStore.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new Random();
        private ThreadFactory threadFactory;
        private Executor executor;
        private String lockOwner;

        private Builder(ObjectStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /**
         * Where checkpoints go; default {@link CheckpointStore#NONE} (no resume across processes).
         *
         * @param store the checkpoint store
         * @return this builder
         */
        public Builder checkpointStore(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The clock; default the system clock in UTC.
         *
         * @param value the value
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * What waits out back-offs; default {@link Sleeper#system()}.
         *
         * @param value the value
         * @return this builder
         */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * The source of back-off jitter; default a new {@link Random}. Used under a lock.
         *
         * @param value the value
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Jitter from {@code new Random(seed)}, for reproducible back-off.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            return random(new Random(seed));
        }

        /**
         * Makes the uploader's threads (the I/O pool unless an executor is given, and the callback thread);
         * default daemon threads with descriptive names.
         *
         * @param value the factory
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory value) {
            this.threadFactory = Objects.requireNonNull(value, "threadFactory");
            return this;
        }

        /**
         * How this process names itself in a checkpoint lock ({@link CheckpointStore#tryLock}); default
         * {@code "<host> pid <pid>"}. One line, no secret.
         *
         * @param value the owner's name
         * @return this builder
         */
        public Builder lockOwner(String value) {
            this.lockOwner = Objects.requireNonNull(value, "lockOwner");
            return this;
        }

        /**
         * Runs every upload's storage calls, back-off waits, credential waits and provider refreshes on
         * {@code value} instead of a pool of the uploader's own; {@link Uploader#close()} does not shut it
         * down. The tasks block (a storage call, a wait), so a bounded executor needs at least
         * {@code maxParallelism + 2} threads per upload running at once, or uploads queue behind each other
         * (and an adaptive parallelism measures the queueing, not the link).
         *
         * @param value the executor, shared by all uploads of this uploader
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * The uploader.
         *
         * @return a new uploader
         */
        public Uploader build() {
            return new Uploader(this);
        }
    }
}
