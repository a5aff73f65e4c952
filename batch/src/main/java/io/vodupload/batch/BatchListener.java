package io.vodupload.batch;

/**
 * Hears what a worker does, for progress output. Called on the worker threads, several at once; must be
 * thread-safe and quick, and must not throw (what it throws is logged and ignored).
 *
 * <p>For each attempt: {@link #fileStarted}, then exactly one {@link #fileFinished}, unless the worker is
 * interrupted first (then the file is released, and no {@code fileFinished} follows for that attempt).
 */
public interface BatchListener {

    /** An attempt at {@code task}'s file begins. */
    default void fileStarted(FileTask task) {
    }

    /**
     * An attempt ended.
     *
     * @param last no more attempts follow for this file in this run: it succeeded, or failed for good
     */
    default void fileFinished(FileTask task, FileOutcome outcome, boolean last) {
    }

    /** A listener that does nothing. */
    BatchListener NONE = new BatchListener() {
    };
}
