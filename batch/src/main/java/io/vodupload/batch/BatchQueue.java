package io.vodupload.batch;

import io.vodupload.ports.CheckpointStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Batches of files as durable tasks in a database (SQLite, one file, or PostgreSQL shared by many
 * workers), run by db-scheduler: one task per file, bounded retries, a dead worker's files taken over,
 * finished files recorded so that submitting a batch again skips them. See docs/batches.md.
 */
public final class BatchQueue implements AutoCloseable {

    private BatchQueue() {
    }

    /**
     * Opens the queue in the database at {@code jdbcUrl}; the schema is created or migrated on first use.
     *
     * @param jdbcUrl    {@code jdbc:sqlite:/path} or {@code jdbc:postgresql://...}; a password in it is never shown
     * @param properties driver properties ({@code user}, {@code password}, ...)
     * @param clock      the time stamps of the queue's records
     */
    public static BatchQueue open(String jdbcUrl, Properties properties, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(clock, "clock");
        throw new UnsupportedOperationException("not yet");
    }

    /** Enqueues the files of a batch; idempotent (a file's task id is derived from its batch and key). */
    public SubmitResult submit(BatchSubmission submission) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Works until nothing is pending or running (or forever with follow), or until interrupted. */
    public WorkResult work(WorkOptions options, FileUploader uploader, BatchListener listener)
            throws InterruptedException {
        throw new UnsupportedOperationException("not yet");
    }

    /** Counts and every file's state, of one batch or of all. */
    public QueueStatus status(Optional<String> batchId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** FAILED files back to PENDING; returns how many. */
    public int retryFailed(Optional<String> batchId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** PENDING and FAILED files to CANCELED; returns how many. */
    public int cancel(Optional<String> batchId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A checkpoint store on the same database, so a takeover resumes from the parts another worker stored. */
    public CheckpointStore checkpoints() {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void close() {
    }
}
