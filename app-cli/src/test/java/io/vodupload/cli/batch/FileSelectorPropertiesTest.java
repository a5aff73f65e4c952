package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodupload.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random trees written to a real directory: the keys {@link FileSelector} gives, the skip counts, and the
 * collisions, against a model written in a few lines.
 */
class FileSelectorPropertiesTest {

    /** Relative file paths of one to three segments; no segment is both a file and a directory. */
    @Provide
    Arbitrary<Set<String>> trees() {
        Arbitrary<String> segment = Arbitraries.strings().withChars("abc.-_ é").ofMinLength(1).ofMaxLength(4)
                .filter(s -> !s.startsWith(".") && !s.isBlank() && !s.endsWith(" "));
        return segment.list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l)).set().ofMinSize(1)
                .ofMaxSize(12).filter(FileSelectorPropertiesTest::noFileIsADirectory);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.of("*", "**", "a*", "**/a*", "*b*", "**/*c", "?", "a/**", "**/b/**", "{a,b}*", "[ab]*",
                "*.*", "**/*-*");
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "p", "in/", "2026/05/", "x-");
    }

    @Property(tries = 60)
    void select_anyTree_keysArePrefixPlusRelativePathSortedWithTheFilesAttributes(
            @ForAll("trees") Set<String> tree, @ForAll("prefixes") String prefix) throws IOException {
        Path root = write(tree);
        try {
            Selection s = FileSelector.builder().recursive(true).keyPrefix(prefix).workingDirectory(root)
                    .build().select(List.of(Path.of("d")));

            List<String> expected = tree.stream().map(r -> prefix + r).sorted().toList();
            assertThat(s.files()).extracting(SelectedFile::key).containsExactlyElementsOf(expected);
            for (SelectedFile f : s.files()) {
                String rel = f.key().substring(prefix.length());
                assertThat(f.path()).isEqualTo(root.resolve("d").resolve(rel));
                assertThat(f.length()).isEqualTo(rel.length()); // each file holds its own name
            }
            assertThat(s.skipped()).isEmpty();
        } finally {
            delete(root);
        }
    }

    @Property(tries = 80)
    void select_anyGlobs_excludeWinsOverIncludeAndEveryFileIsSelectedOrCounted(
            @ForAll("trees") Set<String> tree, @ForAll @Size(max = 2) List<@net.jqwik.api.From("globs") String> includes,
            @ForAll @Size(max = 2) List<@net.jqwik.api.From("globs") String> excludes) throws IOException {
        Path root = write(tree);
        try {
            FileSelector.Builder b = FileSelector.builder().recursive(true).workingDirectory(root);
            includes.forEach(b::include);
            excludes.forEach(b::exclude);
            List<Glob> in = includes.stream().map(Glob::of).toList();
            List<Glob> out = excludes.stream().map(Glob::of).toList();
            Set<String> expected = tree.stream()
                    .filter(r -> in.isEmpty() || in.stream().anyMatch(g -> g.matches(r)))
                    .filter(r -> out.stream().noneMatch(g -> g.matches(r)))
                    .collect(Collectors.toCollection(TreeSet::new));

            CliException refused = catchThrowableOfType(() -> {
                Selection s = b.build().select(List.of(Path.of("d")));
                assertThat(s.files()).extracting(SelectedFile::key).containsExactlyElementsOf(expected);
                int notIncluded = s.skipped().getOrDefault(FileSelector.NOT_INCLUDED, 0);
                assertThat(s.skipped().keySet()).isSubsetOf(FileSelector.EXCLUDED, FileSelector.NOT_INCLUDED);
                if (excludes.isEmpty()) {
                    assertThat(notIncluded).isEqualTo(tree.size() - expected.size());
                } else {
                    // an excluded directory counts once, so the counts reach the total only from below
                    assertThat(s.files().size() + s.skippedCount()).isLessThanOrEqualTo(tree.size());
                }
            }, CliException.class);
            if (expected.isEmpty()) {
                assertThat(refused).isNotNull();
                assertThat(refused.getMessage()).startsWith("no file selected");
            } else {
                assertThat(refused).isNull();
            }
        } finally {
            delete(root);
        }
    }

    @Property(tries = 60)
    void select_twoTrees_collideExactlyOnTheRelativePathsTheyShare(
            @ForAll("trees") Set<String> first, @ForAll("trees") Set<String> second) throws IOException {
        Path root = Files.createTempDirectory("sel");
        try {
            write(root.resolve("d1"), first);
            write(root.resolve("d2"), second);
            Set<String> shared = new TreeSet<>(first);
            shared.retainAll(second);
            FileSelector selector = FileSelector.builder().recursive(true).workingDirectory(root).build();

            List<Path> args = List.of(Path.of("d1"), Path.of("d2"));
            if (shared.isEmpty()) {
                Selection s = selector.select(args);
                assertThat(s.files()).extracting(SelectedFile::key).containsExactlyElementsOf(union(first, second));
            } else {
                CliException refused = catchThrowableOfType(() -> selector.select(args), CliException.class);
                assertThat(refused).isNotNull();
                List<String> listed = new ArrayList<>(shared).subList(0, Math.min(shared.size(), FileSelector.LISTED));
                for (String key : listed) {
                    assertThat(refused.getMessage()).contains(key + " <- d1/" + key + ", d2/" + key);
                }
                assertThat(refused.getMessage()).startsWith(shared.size() + (shared.size() == 1 ? " key names"
                        : " keys name") + " more than one file: ");
            }
        } finally {
            delete(root);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    /** True when no path is a directory of another (a/b and a/b/c cannot both be files). */
    static boolean noFileIsADirectory(Set<String> tree) {
        return tree.stream().noneMatch(p -> tree.stream().anyMatch(q -> q.startsWith(p + "/")));
    }

    private static Path write(Set<String> tree) throws IOException {
        Path root = Files.createTempDirectory("sel");
        write(root.resolve("d"), tree);
        return root;
    }

    private static void write(Path dir, Set<String> tree) throws IOException {
        Files.createDirectories(dir);
        for (String rel : tree) {
            Path p = dir.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x".repeat(rel.length()));
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
