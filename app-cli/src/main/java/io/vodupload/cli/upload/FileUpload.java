package io.vodupload.cli.upload;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.ByteSize;
import io.vodupload.cli.options.UploadOptions;
import io.vodupload.cli.target.Target;
import io.vodupload.cli.target.TargetResolver;
import io.vodupload.domain.ErrorCode;
import io.vodupload.domain.InvalidUploadException;
import io.vodupload.domain.UploadFailedException;
import io.vodupload.domain.UploadHandle;
import io.vodupload.domain.UploadRequest;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.ObjectInfo;
import io.vodupload.ports.ObjectStorage;
import io.vodupload.ports.StorageException;
import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Uploads one file of a batch with the pieces {@link UploadRunner} uses for a single file: the target from
 * {@link TargetResolver} (sharing the run's storage adapter, VOD client and local store), the overwrite rule
 * of {@link ExistingObject}, the domain's {@link Uploader} (one per storage adapter, shared by the run), the
 * same refresh guard and the same failure codes. It writes nothing itself: it returns an {@link Outcome},
 * and the upload's events go to the callback given.
 *
 * <p>Interrupting the calling thread pauses the upload (its checkpoint kept, so a rerun or another worker
 * resumes from the stored parts) and throws {@link InterruptedException}.
 *
 * <p>Thread-safe: one instance serves every file of a run, from the run's worker threads.
 */
public final class FileUpload {

    /** How one file ended. */
    public sealed interface Outcome {
        /** Stored and verified; {@code where} names the object as the user knows it (a local store's path). */
        record Uploaded(UploadResult result, Optional<String> videoId, String where) implements Outcome {
        }

        /** Not sent: the target holds it already ({@link UploadRunner#ALREADY_UPLOADED}). */
        record Skipped(String reason) implements Outcome {
        }

        /**
         * Failed. {@code exit} is the code a single-file upload would exit with (1, 2 for a refused name, 3 for
         * credentials); {@code retryable} whether another attempt may succeed.
         */
        record Failed(String code, String message, int exit, boolean retryable, Optional<String> videoId)
                implements Outcome {
        }
    }

    private final TargetResolver resolver;
    private final TargetResolver.Shared shared;
    private final Function<ObjectStorage, Uploader> uploaders;

    /**
     * @param resolver  resolves each file's target
     * @param shared    what the run's files share
     * @param uploaders the run's uploader over a storage adapter (the same one for the same adapter)
     */
    public FileUpload(TargetResolver resolver, TargetResolver.Shared shared, Function<ObjectStorage, Uploader> uploaders) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.uploaders = Objects.requireNonNull(uploaders, "uploaders");
    }

    /**
     * Uploads {@code o.file()} to its key.
     *
     * @param o              the file's options (its key set)
     * @param knownVideoId   the VideoId an earlier attempt created (refreshed instead of created again)
     * @param videoIdCreated told at once of a VideoId a create call made
     * @param replaceOwn     whether the object at the key is this batch's own earlier upload of the file
     *                       (then a different object there is replaced, whatever the overwrite rule says)
     * @param callback       the upload's events
     * @throws InterruptedException when interrupted: the upload is paused and its checkpoint kept
     */
    public Outcome upload(UploadOptions o, Optional<String> knownVideoId, Consumer<String> videoIdCreated,
                          boolean replaceOwn, UploadCallback callback) throws InterruptedException {
        Optional<String>[] videoId = new Optional[] {knownVideoId};
        Target t;
        try {
            t = resolve(o, knownVideoId, id -> {
                videoId[0] = Optional.of(id);
                videoIdCreated.accept(id);
            });
        } catch (CliException e) {
            return new Outcome.Failed(e.code(), e.getMessage(), e.exitCode(),
                    e.exitCode() == Exit.FAILED, videoId[0]);
        }
        return upload(o, t, replaceOwn, callback);
    }

    /**
     * Resolves {@code o}'s target with what the run shares (a VOD target: its create or refresh call).
     *
     * @throws CliException when it cannot be resolved
     */
    public Target resolve(UploadOptions o, Optional<String> knownVideoId, Consumer<String> videoIdCreated) {
        return resolver.resolve(o, shared, knownVideoId, videoIdCreated);
    }

    /**
     * Uploads {@code o.file()} to the target {@code t} resolved before: an HLS package's files all go with
     * its one target's storage and credentials, each to its own key.
     *
     * @throws InterruptedException when interrupted: the upload is paused and its checkpoint kept
     */
    public Outcome upload(UploadOptions o, Target t, boolean replaceOwn, UploadCallback callback)
            throws InterruptedException {
        Path canonical;
        try {
            canonical = o.file().toRealPath();
        } catch (IOException e) {
            return new Outcome.Failed("FileNotFound", "no such file: " + o.file(), Exit.USAGE, false, t.videoId());
        }
        Optional<Outcome> existing = existing(o, t, canonical, replaceOwn);
        if (existing.isPresent()) {
            return existing.get();
        }
        RefreshGuard credentials = new RefreshGuard(t.credentials(), t.cannotRefresh());
        UploadRequest request = UploadRequest.builder(canonical, t.target())
                .metadata(o.object().metadataFor(o.file().getFileName().toString())).config(o.config()).build();
        UploadHandle handle;
        try {
            handle = uploaders.apply(t.storage()).start(request, credentials, callback);
        } catch (InvalidUploadException e) {
            boolean busy = e.errorCode() == ErrorCode.UPLOAD_IN_PROGRESS;
            return new Outcome.Failed(e.errorCode().code(), e.getMessage(), busy ? Exit.FAILED : Exit.USAGE, busy,
                    t.videoId());
        }
        try {
            UploadResult result = handle.completion().toCompletableFuture().get();
            t.onSuccess().run();
            return new Outcome.Uploaded(result, t.videoId(),
                    t.localPath().map(Path::toString).orElse(result.target().displayName()));
        } catch (InterruptedException e) {
            pause(handle);
            throw e;
        } catch (ExecutionException | CompletionException e) {
            return failed(e.getCause() != null ? e.getCause() : e, credentials, t);
        }
    }

    /** Pauses, bounded: the requests in flight come back and their parts are checkpointed. */
    private static void pause(UploadHandle handle) {
        try {
            handle.pause().toCompletableFuture().get(UploadRunner.SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // completing (cannot pause) or ended: the outcome stands as it is
        }
    }

    private static Outcome failed(Throwable error, RefreshGuard credentials, Target t) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (credentials.refused().isPresent()) {
            return new Outcome.Failed("CredentialsExpired", credentials.refused().get(), Exit.CREDENTIALS_EXPIRED,
                    false, t.videoId());
        }
        if (e instanceof UploadFailedException) {
            UploadFailedException f = (UploadFailedException) e;
            String code = f.code();
            int exit = UploadRunner.isCredentialFailure(code) ? Exit.CREDENTIALS_EXPIRED
                    : UploadRunner.isBadName(code) ? Exit.USAGE : Exit.FAILED;
            boolean retryable = exit == Exit.FAILED && (f.isRetryable() || code.equals("Interrupted"));
            return new Outcome.Failed(code, f.detail(), exit, retryable, t.videoId());
        }
        return new Outcome.Failed("UnexpectedError", String.valueOf(e), Exit.FAILED, false, t.videoId());
    }

    /** The overwrite rule of a single-file upload ({@link UploadRunner}), and this batch's own objects. */
    private static Optional<Outcome> existing(UploadOptions o, Target t, Path canonical, boolean replaceOwn) {
        boolean local = t.localPath().isPresent();
        if (!local && !o.skipExisting()) {
            return Optional.empty();
        }
        ExistingObject.Check check;
        try {
            check = ExistingObject.check(t.storage(), t.target(), t.credentials().current(), canonical);
        } catch (StorageException e) {
            return Optional.of(new Outcome.Failed(e.errorCode(), e.detail(),
                    UploadRunner.isBadName(e.errorCode()) ? Exit.USAGE : Exit.FAILED,
                    e.kind() == StorageException.Kind.RETRYABLE, t.videoId()));
        } catch (UncheckedIOException e) {
            return Optional.of(new Outcome.Failed("FileNotReadable", "cannot read file: " + o.file(), Exit.USAGE,
                    false, t.videoId()));
        }
        if (check.verdict() == ExistingObject.Verdict.IDENTICAL) {
            return Optional.of(new Outcome.Skipped(UploadRunner.ALREADY_UPLOADED));
        }
        if (check.verdict() == ExistingObject.Verdict.DIFFERENT && local && !o.overwrite() && !replaceOwn) {
            String where = t.localPath().map(Path::toString).orElse(t.target().displayName());
            ObjectInfo held = check.object().orElseThrow();
            String message = where + " already holds a different object (" + ByteSize.format(held.contentLength())
                    + held.crc64().stream().mapToObj(c -> ", crc64 " + Crc64.toUnsignedString(c)).findFirst().orElse("")
                    + "); give --overwrite to replace it";
            return Optional.of(new Outcome.Failed(UploadRunner.OBJECT_EXISTS, message, Exit.FAILED, false,
                    t.videoId()));
        }
        return Optional.empty();
    }
}
