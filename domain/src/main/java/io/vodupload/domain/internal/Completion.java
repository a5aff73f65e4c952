package io.vodupload.domain.internal;

import io.vodupload.ports.UploadResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The future {@link io.vodupload.domain.UploadHandle#completion()} hands out: only the engine completes
 * it ({@code complete}, {@code completeExceptionally}, {@code obtrude*} and the timeouts that complete it
 * throw {@link UnsupportedOperationException}). {@link #cancel} asks the upload to cancel: when the upload
 * refuses (it is completing, or has ended) the future is left as it is and {@code false} returned, so the
 * future never says "cancelled" while {@code onUploadSuccess} is on its way.
 *
 * <p>Dependent stages ({@code thenApply}, ...) are plain futures the caller owns.
 */
final class Completion extends CompletableFuture<UploadResult> {

    private final BooleanSupplier cancelUpload;

    Completion(BooleanSupplier cancelUpload) {
        this.cancelUpload = cancelUpload;
    }

    /**
     * Cancels the upload, then this future at once (as {@link java.util.concurrent.Future} requires); the
     * storage abort goes on after it and {@code onUploadCanceled} follows. Refused (false, nothing changes)
     * when the upload is completing or has ended.
     */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (isDone() || !cancelUpload.getAsBoolean()) {
            return false;
        }
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(UploadResult value) {
        throw readOnly();
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        throw readOnly();
    }

    @Override
    public void obtrudeValue(UploadResult value) {
        throw readOnly();
    }

    @Override
    public void obtrudeException(Throwable ex) {
        throw readOnly();
    }

    @Override
    public CompletableFuture<UploadResult> completeOnTimeout(UploadResult value, long timeout, TimeUnit unit) {
        throw readOnly();
    }

    @Override
    public CompletableFuture<UploadResult> orTimeout(long timeout, TimeUnit unit) {
        throw readOnly();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    void succeeded(UploadResult result) {
        super.complete(result);
    }

    void failed(Throwable error) {
        super.completeExceptionally(error);
    }

    void canceled() {
        super.cancel(false);
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("only the upload completes its completion future; "
                + "use a dependent stage (thenApply, ...) or UploadHandle.cancel()");
    }
}
