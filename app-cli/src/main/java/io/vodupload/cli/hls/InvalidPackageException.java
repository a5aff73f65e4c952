package io.vodupload.cli.hls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An HLS package that cannot be uploaded as it is: its playlist is not an M3U8 playlist, or references that
 * are missing, absolute or leave the playlist's directory. Carries every problem found, not only the first,
 * so one run tells the user all there is to fix.
 */
public final class InvalidPackageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path playlist;
    private final List<String> problems;

    /**
     * @param playlist the top playlist
     * @param problems each offending reference as {@code <playlist>: <uri> (<why>)}, in the order met
     */
    public InvalidPackageException(Path playlist, List<String> problems) {
        super(message(playlist, problems));
        this.playlist = Objects.requireNonNull(playlist, "playlist");
        this.problems = List.copyOf(problems);
    }

    private static String message(Path playlist, List<String> problems) {
        return "HLS package " + playlist.getFileName() + " cannot be uploaded: " + problems.size()
                + (problems.size() == 1 ? " problem: " : " problems: ") + String.join("; ", problems);
    }

    /** The top playlist. */
    public Path playlist() {
        return playlist;
    }

    /** Every problem, in the order met. */
    public List<String> problems() {
        return problems;
    }
}
