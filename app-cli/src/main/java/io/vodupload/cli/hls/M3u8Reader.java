package io.vodupload.cli.hls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an HLS package from disk (RFC 8216): the playlist, the files it references, and the nested
 * playlists of a master playlist, recursively. JDK only; stateless and thread-safe.
 *
 * <p>What counts as a reference:
 * <ul>
 *   <li>a media playlist's URI lines (segments), {@code EXT-X-KEY} and {@code EXT-X-SESSION-KEY}
 *       {@code URI}s (not {@code METHOD=NONE}, which has none), {@code EXT-X-MAP} {@code URI}s (init
 *       sections), low-latency {@code EXT-X-PART} {@code URI}s;</li>
 *   <li>a master playlist's URI lines after {@code EXT-X-STREAM-INF}, and the {@code URI}s of
 *       {@code EXT-X-I-FRAME-STREAM-INF}, {@code EXT-X-MEDIA}, {@code EXT-X-RENDITION-REPORT} and
 *       {@code EXT-X-SESSION-DATA}: these name playlists (but session data), which are read in turn;</li>
 *   <li>{@code EXT-X-PRELOAD-HINT} {@code URI}s only when the file exists: a hint names a resource a live
 *       server will have, which a finished package need not hold.</li>
 * </ul>
 * A URI is resolved against the directory of the playlist that holds it, as a player does; its query and
 * fragment are dropped (the object key is the path) and its path is percent-decoded (as OSS decodes a
 * request's path into the key). A file referenced twice, or by two playlists, is one member.
 *
 * <p>Refused, each listed in one {@link InvalidPackageException}: a playlist whose first line is not
 * {@code #EXTM3U} or that is not UTF-8; a reference that is an absolute URI ({@code http://...},
 * {@code skd://...}), an absolute path ({@code /...}), that leaves the top playlist's directory
 * ({@code ../} past it), whose percent-encoding is broken, or whose file is missing or not a regular file.
 */
public final class M3u8Reader {

    /** The tags whose {@code URI} attribute names another playlist. */
    private static final Set<String> PLAYLIST_TAGS = Set.of("EXT-X-I-FRAME-STREAM-INF", "EXT-X-MEDIA",
            "EXT-X-RENDITION-REPORT");
    /** The tags whose {@code URI} attribute names a file that is not a playlist. */
    private static final Set<String> FILE_TAGS = Set.of("EXT-X-KEY", "EXT-X-SESSION-KEY", "EXT-X-MAP", "EXT-X-PART",
            "EXT-X-SESSION-DATA", "EXT-X-PRELOAD-HINT");
    /** {@code scheme:} (RFC 3986): an absolute URI, which the package cannot carry. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** A playlist larger than this is not a playlist (the largest VOD playlists are a few MiB). */
    static final long MAX_PLAYLIST_BYTES = 64L * 1024 * 1024;

    private M3u8Reader() {
    }

    /**
     * Whether {@code file} starts with {@code #EXTM3U} (after an optional UTF-8 byte order mark): an M3U8
     * playlist, whatever its name. False when it cannot be read.
     */
    public static boolean looksLikePlaylist(Path file) {
        byte[] head = new byte[10];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00EF\u00BB\u00BF")) {
            text = text.substring(3);
        }
        return text.startsWith("#EXTM3U");
    }

    /**
     * Reads the package of {@code playlist}.
     *
     * @param playlist the top playlist (made absolute and normalized)
     * @throws InvalidPackageException listing every problem found
     */
    public static HlsPackage read(Path playlist) {
        Path top = playlist.toAbsolutePath().normalize();
        Path root = top.getParent();
        List<String> problems = new ArrayList<>();
        Map<String, HlsPackage.Member> members = new TreeMap<>();
        Set<String> readPlaylists = new LinkedHashSet<>();
        Deque<String> toRead = new ArrayDeque<>();
        String topName = top.getFileName().toString();
        readPlaylists.add(topName);
        toRead.add(topName);
        while (!toRead.isEmpty()) {
            String rel = toRead.poll();
            Path file = root.resolve(rel);
            Optional<List<Reference>> refs = references(file, rel, problems);
            if (refs.isEmpty()) {
                continue;
            }
            String base = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
            for (Reference ref : refs.get()) {
                Optional<String> resolved = resolve(base, ref.uri(), rel, problems);
                if (resolved.isEmpty()) {
                    continue;
                }
                String path = resolved.get();
                Path target = root.resolve(path);
                if (!Files.isRegularFile(target)) {
                    if (!ref.optional()) {
                        problems.add(rel + ": " + ref.uri() + (Files.exists(target) ? " (not a regular file)"
                                : " (missing)"));
                    }
                    continue;
                }
                if (path.equals(topName)) {
                    continue; // a playlist that names the top one (a rendition report of itself)
                }
                boolean isPlaylist = ref.playlist() || isPlaylistName(path);
                HlsPackage.Member known = members.get(path);
                if (known == null || (isPlaylist && !known.playlist())) {
                    members.put(path, new HlsPackage.Member(path, target, isPlaylist));
                }
                if (isPlaylist && readPlaylists.add(path)) {
                    toRead.add(path);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidPackageException(top, problems);
        }
        return new HlsPackage(top, new ArrayList<>(members.values()));
    }

    /** Whether a file's name says it is a playlist ({@code .m3u8}, {@code .m3u}). */
    public static boolean isPlaylistName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".m3u8") || lower.endsWith(".m3u");
    }

    /** A URI a playlist holds, as written; {@code optional}: a preload hint. */
    record Reference(String uri, boolean playlist, boolean optional) {
    }

    /** The references of one playlist; empty (with the problem added) when it cannot be read as one. */
    private static Optional<List<Reference>> references(Path file, String rel, List<String> problems) {
        String text;
        try {
            if (Files.size(file) > MAX_PLAYLIST_BYTES) {
                problems.add(rel + ": larger than " + (MAX_PLAYLIST_BYTES >> 20) + " MiB, not a playlist");
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(rel + ": not UTF-8 text, so not an M3U8 playlist");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(rel + ": cannot be read (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("#EXTM3U")) {
            problems.add(rel + ": not an M3U8 playlist (its first line is not #EXTM3U)");
            return Optional.empty();
        }
        List<Reference> refs = new ArrayList<>();
        boolean streamInf = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (!line.startsWith("#EXT")) {
                    continue; // a comment
                }
                int colon = line.indexOf(':');
                String tag = (colon < 0 ? line.substring(1) : line.substring(1, colon)).toUpperCase(Locale.ROOT);
                if (tag.equals("EXT-X-STREAM-INF")) {
                    streamInf = true;
                } else if (colon > 0 && (PLAYLIST_TAGS.contains(tag) || FILE_TAGS.contains(tag))) {
                    Map<String, String> attributes = attributes(line.substring(colon + 1));
                    String uri = attributes.get("URI");
                    boolean none = tag.endsWith("KEY") && "NONE".equalsIgnoreCase(attributes.get("METHOD"));
                    if (uri != null && !none) {
                        refs.add(new Reference(uri, PLAYLIST_TAGS.contains(tag), tag.equals("EXT-X-PRELOAD-HINT")));
                    }
                }
                continue;
            }
            refs.add(new Reference(line, streamInf, false));
            streamInf = false;
        }
        return Optional.of(refs);
    }

    /**
     * An attribute list ({@code NAME=VALUE,...}; RFC 8216 4.2): quoted strings may hold commas; names are
     * upper case; quotes are removed.
     */
    static Map<String, String> attributes(String list) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            int eq = list.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = list.substring(i, eq).strip().toUpperCase(Locale.ROOT);
            int j = eq + 1;
            String value;
            if (j < n && list.charAt(j) == '"') {
                int close = list.indexOf('"', j + 1);
                if (close < 0) {
                    close = n;
                }
                value = list.substring(j + 1, close);
                j = close + 1;
                int comma = list.indexOf(',', j);
                j = comma < 0 ? n : comma + 1;
            } else {
                int comma = list.indexOf(',', j);
                value = list.substring(j, comma < 0 ? n : comma).strip();
                j = comma < 0 ? n : comma + 1;
            }
            out.putIfAbsent(name, value);
            i = j;
        }
        return out;
    }

    /**
     * {@code uri} resolved against the directory {@code base} (relative to the top playlist's directory,
     * ending in {@code /} or empty); empty, with the problem added, when it cannot be.
     */
    static Optional<String> resolve(String base, String uri, String referrer, List<String> problems) {
        if (SCHEME.matcher(uri).find()) {
            problems.add(referrer + ": " + uri + " (an absolute URI; the package must hold the file)");
            return Optional.empty();
        }
        if (uri.startsWith("/") || uri.startsWith("\\")) {
            problems.add(referrer + ": " + uri + " (an absolute path; give it relative to the playlist)");
            return Optional.empty();
        }
        String path = uri;
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        Optional<String> decoded = percentDecode(path);
        if (decoded.isEmpty()) {
            problems.add(referrer + ": " + uri + " (broken percent-encoding)");
            return Optional.empty();
        }
        if (decoded.get().isEmpty() || decoded.get().indexOf('\0') >= 0) {
            problems.add(referrer + ": " + uri + " (names no file)");
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String s : (base + decoded.get()).split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    problems.add(referrer + ": " + uri + " (leaves the playlist's directory)");
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(s);
            }
        }
        if (segments.isEmpty() || decoded.get().endsWith("/")) {
            problems.add(referrer + ": " + uri + " (names a directory, not a file)");
            return Optional.empty();
        }
        return Optional.of(String.join("/", segments));
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 3986 percent-decoding into UTF-8; {@code +} stays {@code +} (a path, not a form). */
    static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
