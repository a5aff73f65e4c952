package io.vodupload.cli.batch;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code --include}/{@code --exclude} glob, matched against a path relative to the directory argument,
 * {@code /}-separated and without a leading {@code /}.
 *
 * <p>Written here rather than taken from {@link java.nio.file.FileSystem#getPathMatcher} because the JDK's
 * {@code glob:} differs from what users of rclone and {@code aws s3} expect in the one place they meet most:
 * its {@code **}{@code /x} needs at least one directory, so it misses {@code x} at the top. Here:
 * <ul>
 *   <li>{@code *} any run of characters within one segment (not {@code /}); {@code ?} one such character;</li>
 *   <li>{@code **} as a whole segment: any number of segments, none included ({@code **}{@code /*.mp4}
 *       matches {@code a.mp4} and {@code x/y/a.mp4}; {@code raw/**} everything under {@code raw});
 *       elsewhere ({@code a**b}) any run of characters, {@code /} included;</li>
 *   <li>{@code [abc]}, {@code [a-z]}, {@code [!a-z]} (or {@code [^a-z]}) one character of a class, never {@code /};</li>
 *   <li>{@code {mp4,mov}} one of the alternatives (nesting allowed); {@code \} makes the next character literal;</li>
 *   <li>a leading {@code /} or {@code ./} is dropped (every glob is anchored at the directory argument, as rclone's
 *       {@code /x} is); a trailing {@code /} means the directory and everything in it ({@code cache/} =
 *       {@code cache/**}).</li>
 * </ul>
 * Case-sensitive. Immutable.
 */
final class Glob {

    private final String text;
    private final Pattern pattern;
    /** For {@code P/**}: P, so a directory P matches can be passed over whole. */
    private final Optional<Pattern> directory;

    private Glob(String text, Pattern pattern, Optional<Pattern> directory) {
        this.text = text;
        this.pattern = pattern;
        this.directory = directory;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with {@code glob} (empty, an unclosed {@code [} or
     *                                  {@code {}, a trailing {@code \})
     */
    static Glob of(String glob) {
        String g = glob;
        while (g.startsWith("/") || g.startsWith("./")) {
            g = g.substring(g.indexOf('/') + 1);
        }
        if (g.endsWith("/")) {
            g = g + "**";
        }
        if (g.isEmpty()) {
            throw new IllegalArgumentException("empty glob");
        }
        Pattern pattern = Pattern.compile(regex(g));
        Optional<Pattern> directory = Optional.empty();
        if (g.endsWith("/**") && g.length() > 3) {
            directory = Optional.of(Pattern.compile(regex(g.substring(0, g.length() - 3))));
        }
        return new Glob(glob, pattern, directory);
    }

    /** Whether the glob matches the relative path {@code path} of a file. */
    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    /** Whether the glob matches everything under the directory at relative path {@code path}. */
    boolean coversDirectory(String path) {
        return directory.isPresent() && directory.get().matcher(path).matches();
    }

    @Override
    public String toString() {
        return text;
    }

    static String regex(String g) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        int n = g.length();
        for (int i = 0; i < n; i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*': {
                    boolean atSegmentStart = i == 0 || g.charAt(i - 1) == '/';
                    if (i + 1 < n && g.charAt(i + 1) == '*') {
                        int end = i + 2;
                        while (end < n && g.charAt(end) == '*') {
                            end++;
                        }
                        boolean wholeSegment = atSegmentStart && (end == n || g.charAt(end) == '/');
                        if (wholeSegment && end < n) {
                            re.append("(?:.*/)?"); // "**/": no segment, or any number of them
                            i = end; // the '/' is part of it
                        } else {
                            re.append(".*");
                            i = end - 1;
                        }
                    } else {
                        re.append("[^/]*");
                    }
                    break;
                }
                case '?':
                    re.append("[^/]");
                    break;
                case '[':
                    i = characterClass(g, i, re);
                    break;
                case '{':
                    braces++;
                    re.append("(?:");
                    break;
                case '}':
                    if (braces == 0) {
                        re.append("\\}");
                    } else {
                        braces--;
                        re.append(')');
                    }
                    break;
                case ',':
                    re.append(braces > 0 ? "|" : ",");
                    break;
                case '\\':
                    if (i + 1 == n) {
                        throw new IllegalArgumentException("a trailing \\ escapes nothing");
                    }
                    i++;
                    literal(g.charAt(i), re);
                    break;
                default:
                    literal(c, re);
            }
        }
        if (braces > 0) {
            throw new IllegalArgumentException("unclosed {");
        }
        return re.toString();
    }

    /**
     * Appends the class that starts at {@code g[start] == '['}, as a look-ahead that refuses {@code /} and a
     * regex class; returns the index of its {@code ]}. A {@code ]} first in the class is literal, as in POSIX.
     */
    private static int characterClass(String g, int start, StringBuilder re) {
        int i = start + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < g.length() && (g.charAt(i) == '!' || g.charAt(i) == '^')) {
            cls.append('^');
            i++;
        }
        boolean first = true;
        for (; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == ']' && !first) {
                re.append("(?!/)").append(cls).append(']');
                return i;
            }
            boolean range = c == '-' && !first && i + 1 < g.length() && g.charAt(i + 1) != ']';
            first = false;
            if (range || Character.isLetterOrDigit(c)) {
                cls.append(c);
            } else {
                cls.append('\\').append(c);
            }
        }
        throw new IllegalArgumentException("unclosed [");
    }

    private static void literal(char c, StringBuilder re) {
        if (Character.isLetterOrDigit(c) || c == '/' || c == '_' || c >= 0x80) {
            re.append(c);
        } else {
            re.append('\\').append(c);
        }
    }
}
