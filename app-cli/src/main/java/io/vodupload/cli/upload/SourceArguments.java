package io.vodupload.cli.upload;

import io.vodupload.ports.StreamSource;
import java.util.Optional;

/**
 * What the SOURCE argument of {@code vodupload upload} names when it is not a local file: the one place
 * that maps an argument to a {@link StreamSource}. Today {@code -} is standard input; every other argument
 * is a path ({@code FileSelector} and the single-file upload take it from there). A new kind of stream (a
 * URL) is one more case here.
 */
public final class SourceArguments {

    /** The argument that names standard input. */
    public static final String STANDARD_INPUT = "-";

    private SourceArguments() {
    }

    /**
     * The stream {@code argument} names, or empty when it is a local path.
     *
     * @param argument the SOURCE argument as typed
     * @return the stream source, not yet opened
     */
    public static Optional<StreamSource> stream(String argument) {
        if (argument.equals(STANDARD_INPUT)) {
            return Optional.of(new StandardInput());
        }
        return Optional.empty();
    }
}
