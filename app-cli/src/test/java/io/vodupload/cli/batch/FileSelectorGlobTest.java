package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The globs of {@code --include}/{@code --exclude} ({@link Glob}): where they agree with the JDK's
 * {@code glob:} and the one place they differ on purpose ({@code **}{@code /x} matches {@code x} at the top).
 */
class FileSelectorGlobTest {

    /** A relative path of one to four segments over a small alphabet, so that globs hit often. */
    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ab.").ofMinLength(1).ofMaxLength(3)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }

    /** Globs over the same alphabet with {@code *}, {@code ?} and {@code /}, but no {@code **}. */
    @Provide
    Arbitrary<String> flatGlobs() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("ab.*?").ofMinLength(1).ofMaxLength(3)
                .filter(s -> !s.contains("**") && !s.equals(".") && !s.equals(".."));
        return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l));
    }

    @Property(tries = 500)
    void matches_globWithoutDoubleStar_agreesWithTheJdk(@ForAll("flatGlobs") String glob,
                                                        @ForAll("paths") String path) {
        assertThat(Glob.of(glob).matches(path)).as("%s ~ %s", glob, path).isEqualTo(jdk(glob, path));
    }

    @Property(tries = 500)
    void matches_leadingDoubleStar_isTheJdksOrTheGlobAtTheTop(@ForAll("flatGlobs") String glob,
                                                              @ForAll("paths") String path) {
        boolean expected = jdk("**/" + glob, path) || jdk(glob, path);
        assertThat(Glob.of("**/" + glob).matches(path)).as("**/%s ~ %s", glob, path).isEqualTo(expected);
    }

    @Property(tries = 300)
    void matches_escapedLiteralPath_matchesExactlyThatPath(@ForAll("paths") String path,
                                                           @ForAll("paths") String other) {
        Glob glob = Glob.of(escape(path));
        assertThat(glob.matches(path)).isTrue();
        assertThat(glob.matches(other)).isEqualTo(other.equals(path));
    }

    @Property(tries = 300)
    void matches_singleStar_neverCrossesASegment(@ForAll("paths") String path) {
        assertThat(Glob.of("*").matches(path)).isEqualTo(!path.contains("/"));
        assertThat(Glob.of("**").matches(path)).isTrue();
    }

    @Property(tries = 300)
    void coversDirectory_dirDoubleStar_meansItMatchesEveryPathBelow(@ForAll("paths") String dir,
                                                                    @ForAll("paths") String below) {
        Glob glob = Glob.of(escape(dir) + "/**");
        assertThat(glob.coversDirectory(dir)).isTrue();
        assertThat(glob.matches(dir + "/" + below)).isTrue();
        assertThat(glob.matches(dir)).isFalse();
    }

    @Example
    void matches_doubleStarSlashName_matchesTheNameAtTheTopAndBelow() {
        Glob glob = Glob.of("**/*.mp4");
        assertThat(glob.matches("a.mp4")).isTrue();
        assertThat(glob.matches("x/a.mp4")).isTrue();
        assertThat(glob.matches("x/y/a.mp4")).isTrue();
        assertThat(glob.matches("a.mov")).isFalse();
        // the JDK needs a directory before the name
        assertThat(jdk("**/*.mp4", "a.mp4")).isFalse();
    }

    @Example
    void matches_starDotExt_matchesOnlyAtTheTop() {
        Glob glob = Glob.of("*.mp4");
        assertThat(glob.matches("a.mp4")).isTrue();
        assertThat(glob.matches("x/a.mp4")).isFalse();
    }

    @Example
    void matches_doubleStarInTheMiddle_matchesZeroOrMoreSegments() {
        Glob glob = Glob.of("raw/**/take?.mov");
        assertThat(glob.matches("raw/take1.mov")).isTrue();
        assertThat(glob.matches("raw/2026/05/take2.mov")).isTrue();
        assertThat(glob.matches("raw/take10.mov")).isFalse();
        assertThat(glob.matches("cooked/raw/take1.mov")).isFalse();
    }

    @Example
    void matches_bracesAndClasses_matchTheirAlternatives() {
        Glob glob = Glob.of("{clips,raw}/[a-c]*.{mp4,mov}");
        assertThat(glob.matches("clips/a1.mp4")).isTrue();
        assertThat(glob.matches("raw/c.mov")).isTrue();
        assertThat(glob.matches("raw/d.mov")).isFalse();
        assertThat(glob.matches("other/a.mp4")).isFalse();
        assertThat(Glob.of("[!a]").matches("b")).isTrue();
        assertThat(Glob.of("[!a]").matches("a")).isFalse();
        assertThat(Glob.of("a[!b]c").matches("a/c")).as("a class never matches /").isFalse();
        assertThat(Glob.of("a[]]").matches("a]")).isTrue();
    }

    @Example
    void of_leadingAndTrailingSlash_anchorAndMeanTheWholeDirectory() {
        assertThat(Glob.of("/a.mp4").matches("a.mp4")).isTrue();
        assertThat(Glob.of("./raw/*").matches("raw/a.mp4")).isTrue();
        Glob cache = Glob.of("cache/");
        assertThat(cache.matches("cache/x")).isTrue();
        assertThat(cache.matches("cache/y/z")).isTrue();
        assertThat(cache.coversDirectory("cache")).isTrue();
        assertThat(cache.matches("cache")).isFalse();
    }

    @Example
    void of_regexCharacters_areLiteral() {
        assertThat(Glob.of("a+b(1).$x^").matches("a+b(1).$x^")).isTrue();
        assertThat(Glob.of("a.b").matches("axb")).isFalse();
        assertThat(Glob.of("\\*").matches("*")).isTrue();
        assertThat(Glob.of("\\*").matches("x")).isFalse();
    }

    @Example
    void of_malformedGlob_isRefusedNamingTheProblem() {
        for (List<String> c : List.of(List.of("[ab", "unclosed ["), List.of("{a,b", "unclosed {"),
                List.of("a\\", "a trailing \\ escapes nothing"), List.of("/", "empty glob"))) {
            assertThatThrownBy(() -> Glob.of(c.get(0))).as(c.get(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(c.get(1));
        }
    }

    private static boolean jdk(String glob, String path) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        return m.matches(Path.of(path));
    }

    private static String escape(String path) {
        StringBuilder b = new StringBuilder();
        for (char c : path.toCharArray()) {
            if ("*?[]{}\\,".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
