package io.vodupload.batch;

import java.util.List;

/** Counts by status, and every file's state, ordered by batch and key. */
public record QueueStatus(int pending, int running, int succeeded, int failed, int canceled,
                          List<FileState> files) {

    public QueueStatus {
        files = List.copyOf(files);
    }
}
