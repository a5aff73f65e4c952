package io.vodupload.domain;

import io.vodupload.domain.internal.Engine;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.UploadResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One running upload, as {@link Uploader#start} returns it: its outcome as a future, its progress and
 * state, and the controls (pause, resume, cancel, new credentials).
 *
 * <p><b>Threading:</b> every method may be called from any thread, including from inside a callback.
 * The controls return at once; what they set in motion is reported through the callback.
 *
 * <pre>{@code
 * UploadHandle handle = uploader.start(request, credentials, callback);
 * handle.pause();            // parts in flight stop at their next chunk; finished parts are kept
 * handle.resume();
 * UploadResult result = handle.completion().join();
 * }</pre>
 */
public final class UploadHandle {

    private final Engine engine;

    UploadHandle(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The outcome: completes with the result after {@code onUploadSuccess} was delivered, completes
     * exceptionally with an {@link UploadFailedException} after {@code onUploadFailed}, and is cancelled
     * after {@code onUploadCanceled}. Cancelling this future cancels the upload. Do not wait on it from
     * inside a callback (the callback thread delivers the outcome).
     */
    public CompletableFuture<UploadResult> completion() {
        return engine.completion();
    }

    /** Progress now: confirmed plus in-flight bytes, never decreasing. */
    public ProgressSnapshot progress() {
        return engine.progress();
    }

    /** The state now. */
    public UploadState state() {
        return engine.state();
    }

    /**
     * Pauses: transfers in flight stop at their next chunk, no new request starts; the storage upload and
     * the checkpoint are kept.
     *
     * @return true when it paused; false when it was already paused, is completing or has ended
     */
    public boolean pause() {
        return engine.pause();
    }

    /**
     * Resumes a paused upload where it stopped.
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
