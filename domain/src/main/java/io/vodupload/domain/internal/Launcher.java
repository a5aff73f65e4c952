package io.vodupload.domain.internal;

import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.UploadConfig;
import io.vodupload.domain.StreamUploadRequest;
import io.vodupload.domain.UploadRequest;
import io.vodupload.ports.Checkpoint;
import io.vodupload.ports.CheckpointInUseException;
import io.vodupload.ports.CheckpointStore;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.Sleeper;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.ObjectMetadata;
import io.vodupload.ports.StreamSource;
import io.vodupload.ports.UploadCallback;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Checks a request and prepares its upload: the file, the part plan, the credentials, the checkpoint to
 * resume (from the store or a resume token) and the stale ones. The one entry into this package for
 * {@link io.vodupload.domain.Uploader}. Internal: not API.
 */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    private Launcher() {
    }

    /**
     * What an uploader shares with all its uploads.
     *
     * @param storage     where objects go
     * @param checkpoints where checkpoints go
     * @param clock       the time
     * @param sleeper     what waits
     * @param random      back-off jitter
     * @param io          runs storage calls, waits and refreshes
     * @param callbacks   runs callbacks in order
     * @param lockOwner   how this process names itself in a checkpoint lock
     */
    public record Shared(ObjectStorage storage, CheckpointStore checkpoints, Clock clock, Sleeper sleeper,
                         RandomGenerator random, Executor io, Executor callbacks, String lockOwner) {
    }

    /**
     * An upload ready to {@link RunningUpload#begin()}.
     *
     * @param shared      the uploader's ports and threads
     * @param request     what to upload
     * @param credentials where the credentials come from
     * @param callback    told of the events
     * @param token       the resume token, when resuming from one
     * @return the upload, not started
     * @throws InvalidUploadException when the file or the credentials are unusable
     */
    public static RunningUpload prepare(Shared shared, UploadRequest request, CredentialsProvider credentials,
                                 UploadCallback callback, Optional<ResumeToken> token) {
        CheckpointStore checkpoints = shared.checkpoints();
        Clock clock = shared.clock();
        LocalFile.Snapshot file = LocalFile.inspect(request.file());
        UploadConfig config = request.config();
        PartPlan plan = PartPlan.of(file.length(), config.partSize());
        Credentials initial = initialCredentials(credentials);
        StorageTarget target = request.target();
        String fingerprint = Fingerprint.of(file.path(), file.length(), file.lastModifiedMillis(), target);
        boolean checkpointing = config.resume() && checkpoints != CheckpointStore.NONE;

        CheckpointStore.Lease lease = checkpointing ? lock(checkpoints, shared.lockOwner(), fingerprint, file, target)
                : CheckpointStore.Lease.NONE;
        Optional<Checkpoint> found = Optional.empty();
        List<Checkpoint> stale = new ArrayList<>();
        if (checkpointing) {
            try {
                found = checkpoints.find(fingerprint).filter(cp -> sameUpload(cp, file, target));
                stale.addAll(checkpoints.list().stream()
                        .filter(cp -> !cp.fingerprint().equals(fingerprint))
                        .filter(cp -> cp.file().equals(file.path()) && sameTarget(cp.target(), target))
                        .filter(cp -> unlocked(checkpoints, shared.lockOwner(), cp))
                        .toList());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot read checkpoints; starting afresh: " + e);
            }
        }
        if (token.isPresent() && token.get().uploadId().isPresent()) {
            ResumeToken t = token.get();
            Checkpoint fromToken = new Checkpoint(Checkpoint.FORMAT_VERSION,
                    Fingerprint.of(t.file(), t.fileLength(), t.fileLastModifiedMillis(), t.target()), t.file(),
                    t.fileLength(), t.fileLastModifiedMillis(), t.target(), t.uploadId().get(), t.partSize(),
                    t.parts(), clock.instant());
            if (!sameUpload(fromToken, file, target)) {
                stale.add(fromToken); // the file changed since the pause: abort that upload, start afresh
            } else if (found.isEmpty() || !found.get().uploadId().equals(fromToken.uploadId())
                    || found.get().parts().size() < fromToken.parts().size()) {
                found.filter(cp -> !cp.uploadId().equals(fromToken.uploadId())).ifPresent(stale::add);
                found = Optional.of(fromToken);
            }
        }

        Spec spec = new Spec(file, target, request.metadata(), fingerprint, plan, config.parallelism(),
                config.maxParallelism(), config.retryPolicy().maxAttempts(), checkpointing, config.credentialsTimeout(),
                new Spec.Checks(shared.storage().checksContentMd5(), config.requireCrc64(), config.verifySource()));
        Engine engine = new Engine(spec, initial, new Engine.Wiring(shared.storage(), checkpoints, credentials, clock,
                shared.sleeper(), shared.random(), config.retryPolicy(), config.progressInterval(), shared.io(),
                shared.callbacks(), callback), new Event.Start(found, stale));
        engine.releaseAtEnd(lease);
        return engine;
    }

    /**
     * A stream's upload ready to {@link RunningUpload#begin()}: the source is opened here (on the caller's
     * thread), its parts are read once begun. No checkpoint: a stream cannot resume.
     *
     * @param shared      the uploader's ports and threads
     * @param request     what to upload
     * @param credentials where the credentials come from
     * @param callback    told of the events
     * @return the upload, not started
     * @throws InvalidUploadException when the source cannot be opened ({@code StreamUnreadable}), the part
     *                                size is above 1 GiB ({@code InvalidConfig}), the size given needs parts
     *                                above 1 GiB ({@code FileTooLarge}) or the credentials are unusable
     */
    public static RunningUpload prepareStream(Shared shared, StreamUploadRequest request,
                                              CredentialsProvider credentials, UploadCallback callback) {
        UploadConfig config = request.config();
        if (config.partSize() > PartPlan.MAX_STREAM_PART_SIZE) {
            throw new InvalidUploadException(ErrorCode.INVALID_CONFIG, "a stream's part size is at most 1 GiB"
                    + " (each part is one buffer in memory): " + config.partSize());
        }
        Credentials initial = initialCredentials(credentials);
        String description = request.source().describe();
        StreamSource.Opened opened;
        try {
            opened = Objects.requireNonNull(request.source().open(), "the source opened to null");
        } catch (IOException e) {
            throw new InvalidUploadException(ErrorCode.STREAM_UNREADABLE, "cannot open " + description + ": "
                    + e.getMessage());
        }
        OptionalLong expected = request.expectedSize().isPresent() ? request.expectedSize() : opened.size();
        PartPlan plan = expected.isPresent() ? PartPlan.of(expected.getAsLong(), config.partSize())
                : PartPlan.unknownLength(config.partSize());
        if (plan.partSize() > PartPlan.MAX_STREAM_PART_SIZE) {
            closeQuietly(opened);
            throw new InvalidUploadException(ErrorCode.FILE_TOO_LARGE, description + " has " + expected.getAsLong()
                    + " bytes, more than 10,000 parts of 1 GiB (the largest part a stream holds in memory)");
        }
        ObjectMetadata metadata = request.metadata();
        if (metadata.contentType().isEmpty() && opened.contentType().isPresent()) {
            metadata = new ObjectMetadata(opened.contentType(), metadata.headers());
        }
        int parallelism = config.parallelism(); // adaptive parallelism stays off: memory is parallelism x part size
        Spec spec = new Spec(new LocalFile.Snapshot(Path.of("-"), plan.fileSize(), 0), request.target(), metadata,
                "stream", plan, parallelism, parallelism, config.retryPolicy().maxAttempts(), false,
                config.credentialsTimeout(), new Spec.Checks(shared.storage().checksContentMd5(),
                config.requireCrc64(), false), true);
        StreamFeed feed = new StreamFeed(opened.body(), description, expected, plan, new BufferPool(parallelism));
        return new Engine(spec, initial, new Engine.Wiring(shared.storage(), CheckpointStore.NONE, credentials,
                shared.clock(), shared.sleeper(), shared.random(), config.retryPolicy(), config.progressInterval(),
                shared.io(), shared.callbacks(), callback), new Event.Start(Optional.empty(), List.of()), feed);
    }

    private static Credentials initialCredentials(CredentialsProvider credentials) {
        try {
            return Objects.requireNonNull(credentials.current(), "the provider returned null");
        } catch (RuntimeException e) {
            throw new InvalidUploadException(ErrorCode.CREDENTIALS_UNAVAILABLE, "the credentials provider failed: "
                    + e.getClass().getSimpleName());
        }
    }

    private static void closeQuietly(StreamSource.Opened opened) {
        try {
            opened.body().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a refused stream failed: " + e.getMessage());
        }
    }

    /**
     * Locks the checkpoint of this upload, so that no other process joins it.
     *
     * @throws InvalidUploadException {@code UploadInProgress}, naming the holder, when another process has it
     */
    private static CheckpointStore.Lease lock(CheckpointStore checkpoints, String owner, String fingerprint,
                                              LocalFile.Snapshot file, StorageTarget target) {
        try {
            return checkpoints.tryLock(fingerprint, owner);
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
    @SuppressWarnings("try") // the lease is held for the block's duration, never read
    private static boolean unlocked(CheckpointStore checkpoints, String owner, Checkpoint cp) {
        try (CheckpointStore.Lease ignored = checkpoints.tryLock(cp.fingerprint(), owner)) {
            return true;
        } catch (CheckpointInUseException e) {
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * {@code "<host> pid <pid>"} of this process, how a lock names its holder.
     *
     * @return the name
     */
    public static String processOwner() {
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

}
