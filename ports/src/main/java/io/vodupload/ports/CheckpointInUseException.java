package io.vodupload.ports;

import java.util.Objects;

/**
 * Thrown by {@link CheckpointStore#tryLock} when another process holds the lock on a checkpoint: that
 * process is uploading the same file to the same target right now.
 *
 * <p>Immutable.
 */
public final class CheckpointInUseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String fingerprint;
    private final String holder;

    /**
     * @param fingerprint the checkpoint's fingerprint
     * @param holder      the holder's own description ({@code "host1 pid 4242"}), or {@code "another process"}
     *                    when the store cannot tell
     */
    public CheckpointInUseException(String fingerprint, String holder) {
        super("checkpoint " + fingerprint + " is in use by " + holder);
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    /** The fingerprint of the locked checkpoint. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Who holds the lock, as the holder described itself. */
    public String holder() {
        return holder;
    }
}
