package io.vodupload.cli;

/**
 * The exit codes of {@code vodupload}, a contract that scripts rely on (docs/cli.md).
 */
public final class Exit {

    /** The upload (or command) succeeded. */
    public static final int OK = 0;
    /** The upload failed: server, network or integrity. */
    public static final int FAILED = 1;
    /** Usage or bad input: a bad flag, a missing file, conflicting targets, a malformed ticket. */
    public static final int USAGE = 2;
    /** The credentials expired and there is no way to refresh them; the checkpoint is kept. */
    public static final int CREDENTIALS_EXPIRED = 3;
    /** Interrupted (SIGINT/SIGTERM): the upload was paused and its checkpoint kept; a rerun resumes. */
    public static final int INTERRUPTED = 130;

    private Exit() {
    }
}
