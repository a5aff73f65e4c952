package io.vodupload.domain.internal;

import io.vodupload.domain.ProgressSnapshot;
import io.vodupload.domain.ResumeToken;
import io.vodupload.domain.UploadState;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.UploadResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One upload as {@link io.vodupload.domain.UploadHandle} and {@link io.vodupload.domain.Uploader} drive
 * it; made by {@link Launcher#prepare}. Internal: not API.
 */
public interface RunningUpload {

    /** Starts it (once, after the handle and callback are in place). */
    void begin();

    /** @return the outcome, read-only for callers */
    CompletableFuture<UploadResult> completion();

    /** @return completes after the terminal callback, when no storage call of the upload is running */
    CompletableFuture<Void> ended();

    /** @return progress now */
    ProgressSnapshot progress();

    /** @return the public state now */
    UploadState state();

    /** @return whether this call paused it */
    boolean pause();

    /** @return the settled pause's token */
    CompletionStage<ResumeToken> pauseAndSettle();

    /** @return whether this call resumed it */
    boolean resume();

    /** @return whether this call began cancellation */
    boolean cancel();

    /** The uploader is closing. */
    void close();

    /**
     * @param fresh the credentials for every later request
     * @return false once the upload has ended
     */
    boolean refreshCredentials(Credentials fresh);
}
