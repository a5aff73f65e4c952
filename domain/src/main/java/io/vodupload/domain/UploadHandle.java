package io.vodupload.domain;

import io.vodupload.domain.internal.RunningUpload;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.UploadResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One running upload, as {@link Uploader#start} returns it: its outcome as a future, its progress and
 * state, and the controls (pause, resume, cancel, new credentials).
 *
 * <p><b>Threading:</b> every method may be called from any thread, including from inside a callback.
 * The controls return at once; what they set in motion is reported through the callback.
 *
 * <pre>{@code
 * UploadHandle handle = uploader.start(request, credentials, callback);
 * ResumeToken token = handle.pause().toCompletableFuture().join(); // settled: nothing in flight
 * handle.resume();
 * UploadResult result = handle.completion().join();
 * }</pre>
 */
public final class UploadHandle {

    private final RunningUpload engine;

    UploadHandle(RunningUpload engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The outcome: completes with the result after {@code onUploadSuccess} was delivered, completes
     * exceptionally with an {@link UploadFailedException} after {@code onUploadFailed}, and is cancelled
     * after {@code onUploadCanceled}; in each case only once every storage call of the upload has returned
     * (the abort that cleans up after a failure included), so the storage may be closed right after.
     *
     * <p>Read-only: {@code complete}, {@code completeExceptionally}, {@code obtrude*},
     * {@code orTimeout} and {@code completeOnTimeout} throw {@link UnsupportedOperationException} (use a
     * dependent stage, {@code get(timeout, unit)} or {@code completeOnTimeout} on a {@code thenApply} copy).
     * {@code cancel} is {@link #cancel()}: when the upload accepts, the future is cancelled at once (as
     * {@link java.util.concurrent.Future} requires) and the abort follows, then {@code onUploadCanceled};
     * when the upload refuses (it is completing or has ended) {@code cancel} returns false and the future
     * is left to complete as the upload does, consistently with the callbacks.
     *
     * <p>The same future on every call. Do not wait on it from inside a callback (the callback thread
     * delivers the outcome).
     *
     * @return the outcome
     */
    public CompletableFuture<UploadResult> completion() {
        return engine.completion();
    }

    /**
     * Progress now: bytes storage confirmed, and bytes sent (confirmed plus in flight, never decreasing,
     * below the total until the last part is stored).
     *
     * @return an immutable snapshot
     */
    public ProgressSnapshot progress() {
        return engine.progress();
    }

    /**
     * The state now.
     *
     * @return the state
     */
    public UploadState state() {
        return engine.state();
    }

    /**
     * Pauses: transfers in flight stop at their next chunk, no new request starts; the storage upload and
     * the checkpoint are kept. The stage completes with a {@link ResumeToken} once the pause has
     * <em>settled</em>: no request of the upload is in flight and the checkpoint holds every part that
     * came back stored. Pass the token to {@link #resume()}'s counterpart in another process,
     * {@link Uploader#resume(ResumeToken, io.vodupload.ports.CredentialsProvider,
     * io.vodupload.ports.UploadCallback)}, or simply call {@link #resume()} here.
     *
     * <p>On an upload already paused it returns a stage for the same settled pause. The stage fails with
     * {@link IllegalStateException} when the upload cannot pause (it is completing, canceling or has ended),
     * or when it is resumed or ends before the pause settled. Its continuations do not run on the callback
     * thread.
     *
     * <p>A stream ({@link StreamUploadRequest}) pauses too, but has no resume token: its bytes were read once.
     * The stage fails at once with {@link IllegalStateException}; {@link #resume()} goes on here.
     *
     * @return the settled pause's resume token
     */
    public CompletionStage<ResumeToken> pause() {
        return engine.pauseAndSettle();
    }

    /**
     * Ends the upload as its uploader's {@code close()} would: a paused upload ends {@code Interrupted},
     * keeping its storage upload and checkpoint (so it resumes later), and frees its threads and its
     * checkpoint lock. For {@link UploadQueue#close()}.
     */
    void end() {
        engine.close();
    }

    /** The facade's pause: whether this call paused it. */
    boolean pauseNow() {
        return engine.pause();
    }

    /**
     * Resumes a paused upload where it stopped (in this process; in another one, use its
     * {@link ResumeToken}).
     *
     * @return true when it resumed; false when it was not paused
     */
    public boolean resume() {
        return engine.resume();
    }

    /**
     * Cancels: transfers stop, the storage multipart upload is aborted and the checkpoint removed; then
     * {@code onUploadCanceled}. Refused once every part is uploaded and the object is being completed.
     *
     * @return true when cancellation began; false when it is completing, already canceling or has ended
     */
    public boolean cancel() {
        return engine.cancel();
    }

    /**
     * Uses {@code fresh} for every later request. An upload waiting in
     * {@link UploadState#AWAITING_CREDENTIALS} goes on at once; parts already finished are not sent again.
     *
     * @param fresh the credentials for every later request
     * @return true when taken; false when the upload has ended
     */
    public boolean refreshCredentials(Credentials fresh) {
        return engine.refreshCredentials(Objects.requireNonNull(fresh, "fresh"));
    }

    @Override
    public String toString() {
        return "UploadHandle[" + state() + "]";
    }
}
