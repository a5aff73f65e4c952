package io.vodupload.batch;

/** Where a file of a batch stands; the same vocabulary as the library's upload queue. */
public enum FileStatus {
    /** Waiting for a worker (or for a retry). */
    PENDING,
    /** A worker is on it. */
    RUNNING,
    /** Uploaded. */
    SUCCEEDED,
    /** Failed for good (all attempts used, or a failure no retry can mend); {@link BatchQueue#retryFailed} reschedules it. */
    FAILED,
    /** Canceled with {@link BatchQueue#cancel}; a new submission of its batch schedules it again. */
    CANCELED
}
