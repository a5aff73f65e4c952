package io.vodupload.domain;

import io.vodupload.domain.internal.Engine;
import io.vodupload.domain.internal.Fingerprint;
import io.vodupload.domain.internal.LocalFile;
import io.vodupload.domain.internal.PartPlan;
import io.vodupload.domain.internal.Spec;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadCallback;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Uploads files to object storage: in parallel parts, resumable, retried, verified by CRC-64, reported
 * through an {@link UploadCallback}. One uploader serves any number of uploads; each
 * {@link #start} returns an {@link UploadHandle}.
 *
 * <pre>{@code
 * Uploader uploader = Uploader.builder(storage).checkpointStore(store).build();
 * UploadHandle handle = uploader.start(UploadRequest.of(file, target),
 *         CredentialsProvider.fixed(credentials), callback);
 * handle.completion().join();
 * }</pre>
 *
 * <p><b>Threading:</b> thread-safe. Each upload runs on its own I/O threads and one callback thread
 * (daemon threads named {@code vodupload-N-io-M} and {@code vodupload-N-callback} unless a thread
 * factory is given). Time comes only from the injected {@link Clock} and {@link Sleeper}.
 */
public final class Uploader {

    private static final System.Logger LOG = System.getLogger(Uploader.class.getName());
    private static final AtomicLong UPLOADS = new AtomicLong();

    private final ObjectStorage storage;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ThreadFactory threadFactory;
    private final String lockOwner;

    private Uploader(Builder b) {
        this.lockOwner = b.lockOwner != null ? b.lockOwner : processOwner();
        this.storage = b.storage;
        this.checkpoints = b.checkpoints;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.threadFactory = b.threadFactory;
    }

    /** A builder for an uploader writing to {@code storage}. */
    public static Builder builder(ObjectStorage storage) {
        return new Builder(storage);
    }

    /** The clock this uploader reads (the facade decodes ticket lifetimes against it). */
    public Clock clock() {
        return clock;
    }

    /**
     * Checks the request and starts the upload. Returns at once; the upload runs in the background and
     * reports through {@code callback} (first {@code onUploadStarted}, last exactly one of success,
     * failed, canceled).
     *
     * @throws InvalidUploadException at once, with its {@link ErrorCode}, when the file is missing
     *                                ({@code FileNotFound}), not a regular file ({@code NotAFile}), cannot be
     *                                read ({@code FileUnreadable}), is empty ({@code EmptyFile}) or too large
     *                                ({@code FileTooLarge}), or the provider has no credentials
     *                                ({@code CredentialsUnavailable}), or, with resume on, another process holds
     *                                this upload's checkpoint lock ({@code UploadInProgress}, naming it)
     */
    public UploadHandle start(UploadRequest request, CredentialsProvider credentials, UploadCallback callback) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(callback, "callback");
        LocalFile.Snapshot file = LocalFile.inspect(request.file());
        UploadConfig config = request.config();
        PartPlan plan = PartPlan.of(file.length(), config.partSize());
        Credentials initial;
        try {
            initial = Objects.requireNonNull(credentials.current(), "the provider returned null");
        } catch (RuntimeException e) {
            throw new InvalidUploadException(ErrorCode.CREDENTIALS_UNAVAILABLE, "the credentials provider failed: "
                    + e.getClass().getSimpleName());
        }
        StorageTarget target = request.target();
        String fingerprint = Fingerprint.of(file.path(), file.length(), file.lastModifiedMillis(), target);
        boolean checkpointing = config.resume() && checkpoints != CheckpointStore.NONE;

        CheckpointStore.Lease lease = checkpointing ? lock(fingerprint, file, target) : CheckpointStore.Lease.NONE;
        Optional<Checkpoint> found = Optional.empty();
        List<Checkpoint> stale = List.of();
        if (checkpointing) {
            try {
                found = checkpoints.find(fingerprint).filter(cp -> sameUpload(cp, file, target));
                stale = checkpoints.list().stream()
                        .filter(cp -> !cp.fingerprint().equals(fingerprint))
                        .filter(cp -> cp.file().equals(file.path()) && sameTarget(cp.target(), target))
                        .filter(this::unlocked)
                        .toList();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read checkpoints; starting afresh: " + e);
            }
        }

        long id = UPLOADS.incrementAndGet();
        Spec spec = new Spec(file, target, request.metadata(), fingerprint, plan, config.parallelism(),
                config.retryPolicy().maxAttempts(), checkpointing, config.credentialsTimeout());
        Engine engine = new Engine(spec, initial, new Engine.Wiring(storage, checkpoints, credentials, clock, sleeper,
                random, config.retryPolicy(), config.progressInterval(), named("vodupload-" + id + "-io-"),
                named("vodupload-" + id + "-callback-"), callback));
        engine.releaseAtEnd(lease);
        engine.start(found, stale);
        return new UploadHandle(engine);
    }

    /**
     * Locks the checkpoint of this upload, so that no other process joins it.
     *
     * @throws InvalidUploadException {@code UploadInProgress}, naming the holder, when another process has it
     */
    private CheckpointStore.Lease lock(String fingerprint, LocalFile.Snapshot file, StorageTarget target) {
        try {
            return checkpoints.tryLock(fingerprint, lockOwner);
        } catch (CheckpointInUseException e) {
            throw new InvalidUploadException(ErrorCode.UPLOAD_IN_PROGRESS, "another process is uploading "
                    + file.path() + " to " + target.displayName() + " right now: " + e.holder()
                    + " holds checkpoint " + fingerprint);
        } catch (RuntimeException e) {
            // the store cannot write: saving checkpoints will fail too, and resume with it
            LOG.log(System.Logger.Level.WARNING, "cannot lock the checkpoint; going on without a lock: " + e);
            return CheckpointStore.Lease.NONE;
        }
    }

    /** Whether no other process works on {@code cp} (a stale checkpoint in use is not discarded). */
    private boolean unlocked(Checkpoint cp) {
        try (CheckpointStore.Lease ignored = checkpoints.tryLock(cp.fingerprint(), lockOwner)) {
            return true;
        } catch (CheckpointInUseException e) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** {@code "<host> pid <pid>"} of this process, how a lock names its holder. */
    static String processOwner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        return host + " pid " + ProcessHandle.current().pid();
    }

    private static boolean sameUpload(Checkpoint cp, LocalFile.Snapshot file, StorageTarget target) {
        return cp.file().equals(file.path()) && cp.fileLength() == file.length()
                && cp.fileLastModifiedMillis() == file.lastModifiedMillis() && sameTarget(cp.target(), target);
    }

    private static boolean sameTarget(StorageTarget a, StorageTarget b) {
        return a.endpoint().equals(b.endpoint()) && a.bucket().equals(b.bucket()) && a.key().equals(b.key());
    }

    private ThreadFactory named(String prefix) {
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

    /** Builds an {@link Uploader}. Not thread-safe. */
    public static final class Builder {
        private final ObjectStorage storage;
        private CheckpointStore checkpoints = CheckpointStore.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RandomGenerator random = new Random();
        private ThreadFactory threadFactory;
        private String lockOwner;

        private Builder(ObjectStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
        }

        /** Where checkpoints go; default {@link CheckpointStore#NONE} (no resume across processes). */
        public Builder checkpointStore(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock; default the system clock in UTC. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** What waits out back-offs; default {@link Sleeper#system()}. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** The source of back-off jitter; default a new {@link Random}. Used under a lock. */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** Jitter from {@code new Random(seed)}, for reproducible back-off. */
        public Builder seed(long seed) {
            return random(new Random(seed));
        }

        /** Makes the uploads' threads; default daemon threads with descriptive names. */
        public Builder threadFactory(ThreadFactory value) {
            this.threadFactory = Objects.requireNonNull(value, "threadFactory");
            return this;
        }

        /**
         * How this process names itself in a checkpoint lock ({@link CheckpointStore#tryLock}); default
         * {@code "<host> pid <pid>"}. One line, no secret.
         */
        public Builder lockOwner(String value) {
            this.lockOwner = Objects.requireNonNull(value, "lockOwner");
            return this;
        }

        public Uploader build() {
            return new Uploader(this);
        }
    }
}
