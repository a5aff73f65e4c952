package io.vodupload.domain;

import io.vodupload.ports.QueuedFileInfo;
import io.vodupload.ports.UploadResult;

/**
 * The callbacks of an {@link UploadQueue}: the seed SDK's {@code VODUploadCallback} (succeed, failed,
 * progress, token expired, retry, retry resume, started), each carrying the file's {@link QueuedFileInfo}
 * snapshot, plus {@link #onUploadCanceled} and the queue-level {@link #onQueueFinished}. Every method has
 * a no-op default.
 *
 * <p><b>Order and threads:</b> the callbacks of one file arrive in order, never concurrently with each
 * other: on its upload's callback thread, or, for a file that never got an upload (its ticket failed, it
 * was refused at start, canceled before it started), on the thread that settled it. Callbacks of
 * different files may run concurrently. A file's upload begins with {@link #onUploadStarted} (when it
 * gets that far) and ends with exactly one of {@link #onUploadSucceed}, {@link #onUploadFailed},
 * {@link #onUploadCanceled}; a file retried with {@link UploadQueue#retryFailed()} starts such a sequence
 * again. A deleted file gets no more callbacks.
 *
 * <p><b>Must not block for long, must not throw:</b> a callback that throws is logged through
 * {@link System.Logger} and ignored. Callbacks may call the queue (add, pause, cancel, retry).
 *
 * <pre>{@code
 * QueueCallback callback = new QueueCallback() {
 *     public void onUploadFailed(QueuedFileInfo file, String code, String message) { log(file.source(), code); }
 *     public void onQueueFinished(QueueCounts counts) { done.countDown(); }
 * };
 * }</pre>
 */
public interface QueueCallback {

    /** The file's upload is planned and its storage upload exists (or was resumed). */
    default void onUploadStarted(QueuedFileInfo file) {
    }

    /** Bytes of {@code file} uploaded so far; never decreasing within one upload. */
    default void onUploadProgress(QueuedFileInfo file, long uploadedSize, long totalSize) {
    }

    /** A retryable fault started a retry episode for {@code file}. */
    default void onUploadRetry(QueuedFileInfo file, String code, String message) {
    }

    /** {@code file} is moving again after a retry episode. */
    default void onUploadRetryResume(QueuedFileInfo file) {
    }

    /** The storage said {@code file}'s credentials expired; its credentials provider is asked for fresh ones. */
    default void onUploadTokenExpired(QueuedFileInfo file) {
    }

    /** Terminal for this upload of {@code file}: the object is complete and verified. */
    default void onUploadSucceed(QueuedFileInfo file, UploadResult result) {
    }

    /** Terminal for this upload of {@code file}: it failed with {@code code} (also in {@code file.errorCode()}). */
    default void onUploadFailed(QueuedFileInfo file, String code, String message) {
    }

    /** Terminal: {@code file} was canceled. */
    default void onUploadCanceled(QueuedFileInfo file) {
    }

    /**
     * Every file of the queue has ended (succeeded, failed or canceled) and its terminal callback has
     * returned. Told once each time the queue becomes all done; adding or retrying files and finishing
     * them tells it again. Not told while a file is paused.
     */
    default void onQueueFinished(QueueCounts counts) {
    }
}
