package io.vodupload.ports;

/**
 * Where one file of an upload queue is: {@code READY → UPLOADING → SUCCEEDED | FAILED | CANCELED}, with
 * {@code PAUSED} (by the user) on the side. {@code FAILED} files go back to {@code READY} when retried.
 */
public enum QueuedFileStatus {
    /** Waiting for a slot (or for the queue to start). */
    READY,
    /** Holding one of the queue's slots: its ticket is being obtained or its bytes are moving. */
    UPLOADING,
    /** Paused by the user; its storage upload and checkpoint (if any) are kept. */
    PAUSED,
    /** Terminal: the object is complete and verified. */
    SUCCEEDED,
    /** Terminal until retried: the upload failed; the error code says why. */
    FAILED,
    /** Terminal: canceled by the user. */
    CANCELED;

    /** Whether nothing more happens to the file unless the user acts ({@code SUCCEEDED}, {@code FAILED}, {@code CANCELED}). */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
