package io.vodupload.ports;

/**
 * The callbacks of one upload, as the short-video SDK's {@code AliyunVodPublishManager} reports them,
 * plus {@link #onUploadStarted} and {@link #onUploadCanceled}. Every method has a no-op default.
 *
 * <p><b>Order and threads:</b> callbacks of one upload arrive in order on one thread (never the caller's
 * thread of {@code start}, never concurrently with each other). {@code onUploadStarted} comes first (when
 * the upload gets that far); then any number of progress, retry, retry-resume and token-expired
 * callbacks, and {@code onUploadStarted} again, with the new upload id, each time the storage upload
 * vanished ({@code NoSuchUpload}) and the upload started over; then <b>exactly one</b> terminal callback: {@link #onUploadSuccess}, {@link #onUploadFailed}
 * or {@link #onUploadCanceled}. Nothing follows the terminal callback.
 *
 * <p><b>Must not block for long, must not throw:</b> a callback that throws is logged through
 * {@link System.Logger} and ignored; the upload goes on. Callbacks may call back into the upload's handle
 * (pause, resume, cancel, refresh credentials).
 *
 * <p>This interface lives in {@code ports} because it is an outbound port: the domain drives it and the
 * application implements it (and the testkit's recording callback, which the domain's own tests use).
 */
public interface UploadCallback {

    /**
     * The upload is planned and its storage upload exists (or was resumed). Sent again, with the new
     * {@link UploadStarted#uploadId()}, when the storage upload vanished and the upload started over, so the
     * last upload id heard is always the one in use. Progress goes on from where it was (it never decreases).
     *
     * @param info the plan: file, target, parts, whether it resumed
     */
    default void onUploadStarted(UploadStarted info) {
    }

    /**
     * Bytes uploaded so far: confirmed parts plus bytes in flight. Never decreases, never exceeds
     * {@code total}, reaches {@code total} before {@link #onUploadSuccess}. Throttled (about 20 a second at
     * most, plus the final one).
     *
     * <p>A stream whose length is not known ({@link StreamSource}, no size given) reports {@code totalSize}
     * {@code -1} until its last part has been read; from then on the stream's length.
     *
     * @param uploadedSize bytes sent so far
     * @param totalSize the file's size, or -1 while a stream's length is unknown
     */
    default void onUploadProgress(long uploadedSize, long totalSize) {
    }

    /**
     * A retryable fault (timeout, reset, 5xx) started a retry episode. Once per episode, however many
     * parts fail during it.
     *
     * @param code    the error code of the fault that started it
     * @param message its message
     */
    default void onUploadRetry(String code, String message) {
    }

    /** The first progress after a retry episode: the upload is moving again. Once per episode. */
    default void onUploadRetryResume() {
    }

    /**
     * The storage said the credentials expired. The upload waits (finished parts are kept) until new
     * credentials arrive: from the {@link CredentialsProvider}, or from the application through the
     * handle's credential refresh ({@code refreshWithUploadAuth} in the facade). Once per expiry.
     */
    default void onUploadTokenExpired() {
    }

    /**
     * Terminal: the object is complete and matches the local file, by the check that
     * {@link UploadResult#verification()} names (CRC-64 when the storage reports it).
     *
     * @param result the finished object
     */
    default void onUploadSuccess(UploadResult result) {
    }

    /**
     * Terminal: the upload failed.
     *
     * @param code    a stable code from the error catalogue ({@code docs/error-codes.md}) or the server's
     *                error code passed through
     * @param message a one-line message without secrets
     */
    default void onUploadFailed(String code, String message) {
    }

    /** Terminal: the upload was canceled; its multipart upload was aborted and its checkpoint removed. */
    default void onUploadCanceled() {
    }
}
