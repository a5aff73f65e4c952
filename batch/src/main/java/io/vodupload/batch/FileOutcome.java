package io.vodupload.batch;

import java.util.Objects;
import java.util.Optional;

/** How one attempt at a file ended, as the {@link FileUploader} reports it. */
public sealed interface FileOutcome {

    /** The VOD video id the attempt ended with, if any. */
    Optional<String> videoId();

    /**
     * The file is uploaded.
     *
     * @param bytes   its size
     * @param videoId the VOD video id, if the target has one
     */
    record Succeeded(long bytes, Optional<String> videoId) implements FileOutcome {
        public Succeeded {
            if (bytes < 0) {
                throw new IllegalArgumentException("bytes < 0: " + bytes);
            }
            Objects.requireNonNull(videoId, "videoId");
        }
    }

    /**
     * The attempt failed.
     *
     * @param code      the error code (the domain's catalogue or the server's), never a secret
     * @param message   one line for people, never a secret
     * @param retryable whether another attempt may succeed; {@code false} fails the file for good at once
     * @param videoId   the VOD video id, if one was created
     */
    record Failed(String code, String message, boolean retryable, Optional<String> videoId) implements FileOutcome {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(videoId, "videoId");
        }
    }
}
