package io.vodupload.cli.batch;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.hls.HlsPackage;
import io.vodupload.cli.hls.InvalidPackageException;
import io.vodupload.cli.hls.M3u8Reader;
import io.vodupload.cli.options.MediaType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The HLS packages among a batch's selected files (docs/sources.md): each playlist that no other selected
 * playlist references is a package, uploaded as one unit with every file it references; those files are
 * not uploaded again as loose files. Immutable.
 *
 * @param loose    the selected files that are neither a package's playlist nor a file one references
 * @param packages the packages, in key order
 */
record HlsPlan(List<SelectedFile> loose, List<Package> packages) {

    /** The code of a package refused before anything is sent (exit 2). */
    static final String INVALID_PACKAGE = "InvalidPackage";

    HlsPlan {
        loose = List.copyOf(loose);
        packages = List.copyOf(packages);
    }

    /** A package: its playlist as selected (its key is the usual one) and what it references. */
    record Package(SelectedFile playlist, HlsPackage hls) {
    }

    /**
     * Finds the packages.
     *
     * @param files        the selected files
     * @param explicitType {@code --type}: {@code m3u8} makes the one file a package whatever its name; any other
     *                     type turns detection off (a playlist is then uploaded as a plain file)
     * @throws CliException (exit 2, {@value #INVALID_PACKAGE}) listing every problem of every package
     */
    static HlsPlan of(List<SelectedFile> files, Optional<MediaType> explicitType) {
        if (explicitType.isPresent() && explicitType.get() != MediaType.M3U8) {
            return new HlsPlan(files, List.of());
        }
        boolean forced = explicitType.isPresent();
        List<SelectedFile> candidates = files.stream().filter(f -> forced || isPlaylistName(f.path())).toList();
        if (candidates.isEmpty()) {
            return new HlsPlan(files, List.of());
        }
        List<Package> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SelectedFile c : candidates) {
            try {
                read.add(new Package(c, M3u8Reader.read(c.path())));
            } catch (InvalidPackageException e) {
                problems.addAll(candidates.size() == 1 ? e.problems()
                        : e.problems().stream().map(p -> prefixed(c, p)).toList());
            }
        }
        if (!problems.isEmpty()) {
            throw new CliException(Exit.USAGE, INVALID_PACKAGE, "cannot upload the HLS package"
                    + (candidates.size() == 1 ? " " + candidates.get(0).path().getFileName() : "s") + ": "
                    + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                    + String.join("; ", problems) + (forced ? "" : "; or give --type video to upload "
                    + (candidates.size() == 1 ? "it as a plain file" : "playlists as plain files")));
        }
        Set<Path> referenced = new HashSet<>();
        read.forEach(p -> p.hls().members().forEach(m -> referenced.add(m.file())));
        List<Package> top = read.stream().filter(p -> !referenced.contains(p.playlist().path())).toList();
        Set<Path> claimed = new LinkedHashSet<>();
        top.forEach(p -> {
            claimed.add(p.playlist().path());
            p.hls().members().forEach(m -> claimed.add(m.file()));
        });
        List<SelectedFile> loose = files.stream().filter(f -> !claimed.contains(f.path())).toList();
        return new HlsPlan(loose, top);
    }

    /** A problem as the reader words it (relative to its playlist), with the directory of the playlist's key. */
    private static String prefixed(SelectedFile playlist, String problem) {
        String key = playlist.key();
        int slash = key.lastIndexOf('/');
        return slash < 0 ? problem : key.substring(0, slash + 1) + problem;
    }

    /** Whether a batch finds {@code file} to be a playlist by its name: {@code .m3u8}, any case. */
    static boolean isPlaylistName(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".m3u8");
    }
}
