package io.vodupload.domain.internal;

import io.vodupload.ports.UploadCallback;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;

/** A callback to deliver, in order, on the callback thread. */
sealed interface Notification {

    /** Calls the matching method of {@code callback}. */
    void deliverTo(UploadCallback callback);

    /** Whether this ends the upload. */
    default boolean terminal() {
        return false;
    }

    /** {@code onUploadStarted}. */
    record Started(UploadStarted info) implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadStarted(info);
        }
    }

    /** {@code onUploadProgress}. */
    record Progress(long uploaded, long total) implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadProgress(uploaded, total);
        }
    }

    /** {@code onUploadRetry}. */
    record Retry(String code, String message) implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadRetry(code, message);
        }
    }

    /** {@code onUploadRetryResume}. */
    record RetryResume() implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadRetryResume();
        }
    }

    /** {@code onUploadTokenExpired}. */
    record TokenExpired() implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadTokenExpired();
        }
    }

    /** {@code onUploadSuccess}. */
    record Succeeded(UploadResult result) implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadSuccess(result);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code onUploadFailed}; {@code storage} is the storage failure behind it, when there is one. */
    record Failed(String code, String message, java.util.Optional<Event.Failure> storage) implements Notification {
        Failed(String code, String message) {
            this(code, message, java.util.Optional.empty());
        }

        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadFailed(code, message);
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }

    /** {@code onUploadCanceled}. */
    record Canceled() implements Notification {
        @Override
        public void deliverTo(UploadCallback callback) {
            callback.onUploadCanceled();
        }

        @Override
        public boolean terminal() {
            return true;
        }
    }
}
