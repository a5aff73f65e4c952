package io.vodupload.cli.hls;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An HLS package on disk: a playlist and every file it references, directly or through nested playlists,
 * each with its path relative to the playlist's directory. Uploading each file to
 * {@code dirname(playlist key) + path} keeps every reference resolving, so the uploaded playlist plays
 * unchanged. Made by {@link M3u8Reader#read}; immutable.
 *
 * @param playlist the top playlist, absolute and normalized
 * @param members  the files it references (never the playlist itself), each once, sorted by path
 */
public record HlsPackage(Path playlist, List<Member> members) {

    public HlsPackage {
        Objects.requireNonNull(playlist, "playlist");
        members = List.copyOf(members);
        if (!playlist.isAbsolute()) {
            throw new IllegalArgumentException("playlist is not absolute: " + playlist);
        }
    }

    /**
     * One referenced file.
     *
     * @param path     relative to the top playlist's directory, {@code /}-separated, percent-decoded, without
     *                 query or fragment, never with {@code .} or {@code ..} segments
     * @param file     the file, absolute: the playlist's directory resolved with {@code path}
     * @param playlist whether it is a nested playlist (a variant, a rendition), read in turn
     */
    public record Member(String path, Path file, boolean playlist) {

        public Member {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(file, "file");
            if (path.isEmpty() || path.startsWith("/")) {
                throw new IllegalArgumentException("path must be relative and not empty: '" + path + "'");
            }
        }
    }
}
