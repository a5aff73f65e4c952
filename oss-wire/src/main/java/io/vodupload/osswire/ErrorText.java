package io.vodupload.osswire;

import io.vodupload.ports.Credentials;

/**
 * Text that may go into a {@link io.vodupload.ports.StorageException} message: the call's secret and
 * token removed (a server may echo them), on one short line.
 *
 * <p>Pure, stateless, thread-safe.
 */
public final class ErrorText {

    /** Longer messages are cut here: a proxy's HTML page says nothing more useful after it. */
    public static final int MAX_LENGTH = 300;

    private ErrorText() {
    }

    /** {@code text} with the secret and the token of {@code credentials} replaced by {@code ***}, on one line. */
    public static String scrub(String text, Credentials credentials) {
        String s = text.replace(credentials.accessKeySecret(), "***");
        if (credentials.securityToken().isPresent()) {
            s = s.replace(credentials.securityToken().get(), "***");
        }
        return oneLine(s);
    }

    /** Runs of white space (line breaks included) become one space; beyond {@link #MAX_LENGTH}, "...". */
    public static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "..." : line;
    }
}
