package io.vodupload.cli;

/**
 * A failure the command reports as one line on stderr (and a {@code failed} event with {@code --json}) and
 * turns into an exit code. The message names the bad value and never holds a secret.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String code;

    /**
     * @param exitCode one of {@link Exit}
     * @param code     a stable error code for the {@code failed} event ({@code InvalidArgument}, …)
     * @param message  one line naming the bad value, no secret
     */
    public CliException(int exitCode, String code, String message) {
        this(exitCode, code, message, null);
    }

    public CliException(int exitCode, String code, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.code = code;
    }

    /** Bad input: exit 2, code {@code InvalidArgument}. */
    public static CliException usage(String message) {
        return new CliException(Exit.USAGE, "InvalidArgument", message);
    }

    public int exitCode() {
        return exitCode;
    }

    public String code() {
        return code;
    }
}
