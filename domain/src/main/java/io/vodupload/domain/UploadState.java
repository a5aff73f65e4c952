package io.vodupload.domain;

/**
 * Where an upload is, as {@link UploadHandle#state()} tells it.
 *
 * <p>{@code INITIATING → UPLOADING ⇄ RETRYING → COMPLETING → SUCCEEDED}, with {@code PAUSED} (by the
 * user), {@code AWAITING_CREDENTIALS} (the token expired; waiting for new credentials),
 * {@code CANCELING} (aborting the storage upload), and the terminal {@code FAILED} and {@code CANCELED}.
 */
public enum UploadState {
    /** Created, not started yet. */
    IDLE,
    /** Starting or resuming the storage upload (verifying a checkpoint, listing parts, initiating). */
    INITIATING,
    /** Parts are flowing. */
    UPLOADING,
    /** Parts are flowing and at least one request is waiting to be retried (a retry episode). */
    RETRYING,
    /** Paused by the user; finished parts and the storage upload are kept. */
    PAUSED,
    /** The storage said the credentials expired; waiting for new ones. */
    AWAITING_CREDENTIALS,
    /** Every part is uploaded; completing and verifying the object. */
    COMPLETING,
    /** Canceled by the user; aborting the storage upload. */
    CANCELING,
    /** Terminal: the object is complete and verified. */
    SUCCEEDED,
    /** Terminal: the upload failed. */
    FAILED,
    /** Terminal: the upload was canceled. */
    CANCELED;

    /** {@return whether nothing more will happen} */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
