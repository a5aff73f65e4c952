package io.vodupload.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * One file's state, as {@link BatchQueue#status} reports it.
 *
 * @param error the last failure's code and message ({@code "code: message"}), if the file failed
 */
public record FileState(String batchId, String source, String key, FileStatus status, Optional<String> error,
                        long length) {

    public FileState {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(error, "error");
    }
}
