package io.vodupload.batch;

/**
 * Uploads one file of a batch; the application (the command line, an app server) supplies it, with the
 * storage, transport and credentials of its own environment. The queue never chooses them.
 *
 * <p>Runs on a worker thread, several at once (one per worker thread). Must be thread-safe.
 */
@FunctionalInterface
public interface FileUploader {

    /**
     * Uploads {@code task}'s file and reports how it ended. A runtime exception counts as a retryable
     * failure with code {@code UploaderError}.
     *
     * @throws InterruptedException when the thread is interrupted: stop now, keep the checkpoint (the file
     *                              is released to other workers and resumed from it)
     */
    FileOutcome upload(FileTask task, FileTaskContext context) throws InterruptedException;
}
