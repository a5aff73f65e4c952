package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileSelector} on real directories: links, hidden entries, the never-uploaded directories, errors. */
class FileSelectorTest {

    @TempDir
    Path dir;

    private FileSelector.Builder selector() {
        return FileSelector.builder().workingDirectory(dir);
    }

    private Path file(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static List<String> keys(Selection s) {
        return s.files().stream().map(SelectedFile::key).toList();
    }

    private static Selection select(FileSelector.Builder b, String... args) {
        return b.build().select(Arrays.stream(args).map(Path::of).toList());
    }

    private static CliException usage(ThrowingCallable call) {
        CliException e = org.assertj.core.api.Assertions.catchThrowableOfType(call, CliException.class);
        assertThat(e).as("a CliException").isNotNull();
        assertThat(e.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    @Test
    void select_fileArgument_keyIsItsBaseNameAfterTheLiteralPrefix() throws Exception {
        Path a = file("in/a.jpg", "aaa");

        Selection s = select(selector().keyPrefix("photos"), "in/a.jpg");

        assertThat(s.files()).containsExactly(new SelectedFile(a, "photosa.jpg", 3,
                Files.getLastModifiedTime(a).toMillis(), ctime(a)));
        assertThat(s.skipped()).isEmpty();
    }

    @Test
    void select_directoryRecursive_keysAreRelativePathsWithSlashesSortedByKey() throws Exception {
        file("media/b.mp4", "b");
        file("media/a/z.mp4", "z");
        file("media/a/b/c.mp4", "c");
        file("media/A.mp4", "A");

        Selection s = select(selector().recursive(true).keyPrefix("in/"), "media");

        assertThat(keys(s)).containsExactly("in/A.mp4", "in/a/b/c.mp4", "in/a/z.mp4", "in/b.mp4");
        assertThat(s.files().get(1).path()).isEqualTo(dir.resolve("media/a/b/c.mp4"));
        assertThat(s.bytes()).isEqualTo(4);
    }

    @Test
    void select_directoryWithoutRecursive_isRefusedSayingAddRecursive() throws Exception {
        file("media/a.mp4", "a");

        CliException e = usage(() -> select(selector(), "media"));

        assertThat(e.getMessage()).isEqualTo("media: is a directory; add --recursive");
    }

    @Test
    void select_missingPath_isRefusedNamingIt() {
        CliException e = usage(() -> select(selector(), "nope.mp4"));

        assertThat(e.getMessage()).isEqualTo("no such file or directory: nope.mp4");
        assertThat(e.code()).isEqualTo("FileNotFound");
    }

    @Test
    void select_hiddenEntries_areSkippedAndCountedUnlessIncludeHidden() throws Exception {
        file("d/a.mp4", "a");
        file("d/.b.mp4", "b");
        file("d/.cache/c.mp4", "c");
        file("d/.cache/d.mp4", "d");

        Selection plain = select(selector().recursive(true), "d");
        Selection all = select(selector().recursive(true).includeHidden(true), "d");

        assertThat(keys(plain)).containsExactly("a.mp4");
        assertThat(plain.skipped()).isEqualTo(Map.of(FileSelector.HIDDEN, 2)); // a directory counts once
        assertThat(keys(all)).containsExactly(".b.mp4", ".cache/c.mp4", ".cache/d.mp4", "a.mp4");
        assertThat(all.skipped()).isEmpty();
    }

    @Test
    void select_hiddenArgument_isTakenBecauseItWasNamed() throws Exception {
        file(".d/a.mp4", "a");
        file(".e.mp4", "e");

        Selection s = select(selector().recursive(true), ".d", ".e.mp4");

        assertThat(keys(s)).containsExactly(".e.mp4", "a.mp4");
    }

    @Test
    void select_dotAsArgument_walksTheWorkingDirectory() throws Exception {
        file("a.mp4", "a");
        file("sub/b.mp4", "b");

        Selection s = select(selector().recursive(true), ".");

        assertThat(keys(s)).containsExactly("a.mp4", "sub/b.mp4");
    }

    @Test
    void select_symlinkedFile_isFollowedWithTheTargetsAttributesUnderTheLinksName() throws Exception {
        Path target = file("elsewhere/real.mp4", "12345");
        Files.createDirectories(dir.resolve("d"));
        Path link = Files.createSymbolicLink(dir.resolve("d/link.mp4"), target);

        Selection s = select(selector().recursive(true), "d");

        assertThat(s.files()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo(link);
            assertThat(f.key()).isEqualTo("link.mp4");
            assertThat(f.length()).isEqualTo(5);
            assertThat(f.modifiedMillis()).isEqualTo(Files.getLastModifiedTime(target).toMillis());
        });
    }

    @Test
    void select_symlinkedDirectory_isSkippedUnlessIncludeHidden() throws Exception {
        file("d/a.mp4", "a");
        file("elsewhere/b.mp4", "b");
        Files.createSymbolicLink(dir.resolve("d/more"), dir.resolve("elsewhere"));

        Selection plain = select(selector().recursive(true), "d");
        Selection all = select(selector().recursive(true).includeHidden(true), "d");

        assertThat(keys(plain)).containsExactly("a.mp4");
        assertThat(plain.skipped()).isEqualTo(Map.of(FileSelector.SYMLINKED_DIRECTORY, 1));
        assertThat(keys(all)).containsExactly("a.mp4", "more/b.mp4");
    }

    @Test
    void select_symlinkToAnAncestorWithIncludeHidden_isSkippedNotWalkedForever() throws Exception {
        file("d/sub/a.mp4", "a");
        Files.createSymbolicLink(dir.resolve("d/sub/loop"), dir.resolve("d"));

        Selection s = select(selector().recursive(true).includeHidden(true), "d");

        assertThat(keys(s)).containsExactly("sub/a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.SYMLINKED_DIRECTORY, 1));
    }

    @Test
    void select_symlinkedDirectoryArgument_isWalked() throws Exception {
        file("real/a.mp4", "a");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));

        Selection s = select(selector().recursive(true), "link");

        assertThat(s.files()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("a.mp4");
            assertThat(f.path()).isEqualTo(dir.resolve("link/a.mp4"));
        });
    }

    @Test
    void select_brokenSymlink_isRefusedNamingIt() throws Exception {
        file("d/a.mp4", "a");
        Files.createSymbolicLink(dir.resolve("d/gone.mp4"), dir.resolve("nothing-here"));

        CliException e = usage(() -> select(selector().recursive(true), "d"));

        assertThat(e.getMessage()).isEqualTo("cannot read 1 entry: d/gone.mp4 (a symbolic link to nothing);"
                + " fix the permissions or --exclude them");
    }

    @Test
    void select_brokenSymlinkExcluded_isSkippedAsExcluded() throws Exception {
        file("d/a.mp4", "a");
        Files.createSymbolicLink(dir.resolve("d/gone.mp4"), dir.resolve("nothing-here"));

        Selection s = select(selector().recursive(true).exclude("gone.*"), "d");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.EXCLUDED, 1));
    }

    @Test
    void select_storeAndCheckpointDirectories_areNeverUploadedWhateverTheirSpelling() throws Exception {
        file("a.mp4", "a");
        file("vodupload-store/media/a.mp4", "a");
        file("state/checkpoints/x.json", "{}");

        Selection s = select(selector().recursive(true).includeHidden(true)
                .storeDirectory(Path.of("vodupload-store"))
                .checkpointDirectory(dir.resolve("state/../state/checkpoints")), ".");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).containsExactly(Map.entry(FileSelector.STORE_DIRECTORY, 1),
                Map.entry(FileSelector.CHECKPOINT_DIRECTORY, 1));
    }

    @Test
    void select_storeReachedThroughASymlink_isStillNeverUploaded() throws Exception {
        file("d/a.mp4", "a");
        file("store/media/b.mp4", "b");
        Files.createSymbolicLink(dir.resolve("d/s"), dir.resolve("store"));

        Selection s = select(selector().recursive(true).includeHidden(true).neverUpload(dir.resolve("store")), "d");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.STORE_DIRECTORY, 1));
    }

    @Test
    void select_argumentInsideTheStore_selectsNothingAndSaysWhy() throws Exception {
        file("store/media/b.mp4", "b");

        CliException e = usage(() -> select(selector().recursive(true).storeDirectory(dir.resolve("store")),
                "store/media", "store/media/b.mp4"));

        assertThat(e.getMessage()).isEqualTo("no file selected (skipped: 2 store directory)");
    }

    @Test
    void select_excludeWinsOverInclude_andEachSkipIsCounted() throws Exception {
        file("d/a.mp4", "a");
        file("d/b.mp4", "b");
        file("d/c.mov", "c");
        file("d/raw/d.mp4", "d");

        Selection s = select(selector().recursive(true).include("**/*.mp4").exclude("b.*"), "d");

        assertThat(keys(s)).containsExactly("a.mp4", "raw/d.mp4");
        assertThat(s.skipped()).containsExactly(Map.entry(FileSelector.EXCLUDED, 1),
                Map.entry(FileSelector.NOT_INCLUDED, 1));
    }

    @Test
    void select_excludedDirectory_isPassedOverWholeAndCountedOnce() throws Exception {
        file("d/a.mp4", "a");
        file("d/private/x.mp4", "x");
        file("d/private/y/z.mp4", "z");

        Selection s = select(selector().recursive(true).exclude("private/**"), "d");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.EXCLUDED, 1));
    }

    @Test
    void select_globsOnAFileArgument_matchItsBaseName() throws Exception {
        file("x/a.mp4", "a");
        file("x/b.mov", "b");

        Selection s = select(selector().include("*.mp4"), "x/a.mp4", "x/b.mov");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.NOT_INCLUDED, 1));
    }

    @Test
    void select_twoSourcesWithOneKey_isRefusedListingTheCollisions() throws Exception {
        file("d1/clip.mp4", "1");
        file("d2/clip.mp4", "2");
        file("d1/only.mp4", "1");

        CliException e = usage(() -> select(selector().recursive(true), "d1", "d2"));

        assertThat(e.getMessage()).isEqualTo("1 key names more than one file: clip.mp4 <- d1/clip.mp4, d2/clip.mp4;"
                + " upload the directories in separate commands, each with its own --key-prefix");
    }

    @Test
    void select_manyCollisions_listsTenAndCountsTheRest() throws Exception {
        for (int i = 0; i < 12; i++) {
            file("d1/f" + i, "1");
            file("d2/f" + i, "2");
        }

        CliException e = usage(() -> select(selector().recursive(true), "d1", "d2"));

        assertThat(e.getMessage()).startsWith("12 keys name more than one file: f0 <- d1/f0, d2/f0; f1 <- ")
                .contains("; and 2 more; ");
    }

    @Test
    void select_sameFileReachedTwiceUnderOneKey_isOneFile() throws Exception {
        file("d/a.mp4", "a");

        Selection s = select(selector().recursive(true), "d", "d/a.mp4", "./d");

        assertThat(keys(s)).containsExactly("a.mp4");
    }

    @Test
    void select_keyWithOneFile_namesItsObject() throws Exception {
        file("d/a.mp4", "a");

        Selection s = select(selector().recursive(true).key("2026/clip.mp4"), "d");

        assertThat(keys(s)).containsExactly("2026/clip.mp4");
    }

    @Test
    void select_keyWithSeveralFiles_isRefused() throws Exception {
        file("a.mp4", "a");
        file("b.mp4", "b");

        CliException e = usage(() -> select(selector().key("k"), "a.mp4", "b.mp4"));

        assertThat(e.getMessage()).isEqualTo("--key names one file, but 2 were selected; give --key-prefix instead");
    }

    @Test
    void build_keyWithKeyPrefixOrEmpty_isRefused() {
        assertThat(usage(() -> selector().key("k").keyPrefix("p/").build()).getMessage())
                .isEqualTo("--key and --key-prefix both name the key: give one");
        assertThat(usage(() -> selector().key("").build()).getMessage()).isEqualTo("--key is empty");
    }

    @Test
    void build_malformedGlob_isRefusedNamingTheFlagAndTheGlob() {
        assertThat(usage(() -> selector().include("[ab").build()).getMessage())
                .isEqualTo("--include '[ab' is not a glob: unclosed [");
        assertThat(usage(() -> selector().exclude("{a").build()).getMessage())
                .isEqualTo("--exclude '{a' is not a glob: unclosed {");
    }

    @Test
    void select_nothingLeft_isRefusedWithTheSkipCounts() throws Exception {
        file("d/.a.mp4", "a");
        file("d/b.mov", "b");

        CliException e = usage(() -> select(selector().recursive(true).include("*.mp4"), "d"));

        assertThat(e.getMessage()).isEqualTo("no file selected (skipped: 1 hidden, 1 not included)");
    }

    @Test
    void select_noArguments_isRefused() {
        assertThat(usage(() -> select(selector())).getMessage()).isEqualTo("no file to upload: give one or more PATHs");
    }

    @Test
    void select_fifoInADirectory_isSkippedAsNotARegularFile() throws Exception {
        file("d/a.mp4", "a");
        assumeThat(run("mkfifo", dir.resolve("d/pipe").toString())).as("mkfifo is available").isZero();

        Selection s = select(selector().recursive(true), "d");

        assertThat(keys(s)).containsExactly("a.mp4");
        assertThat(s.skipped()).isEqualTo(Map.of(FileSelector.NOT_REGULAR_FILE, 1));
    }

    @Test
    void select_changedMillis_isTheInodeChangeTimeNotTheModificationTime() throws Exception {
        Path a = file("a.mp4", "a");
        Files.setLastModifiedTime(a, FileTime.fromMillis(86_400_000L)); // 1970-01-02; ctime becomes now

        SelectedFile f = select(selector(), "a.mp4").files().get(0);

        assertThat(f.modifiedMillis()).isEqualTo(86_400_000L);
        assertThat(f.changedMillis()).isEqualTo(ctime(a)).isNotEqualTo(86_400_000L);
    }

    @Test
    void select_unreadableFileAndDirectory_areRefusedNamingEach() throws Exception {
        assumeThat(isRoot()).as("root reads every file whatever its permissions, so nothing is unreadable to it")
                .isFalse();
        file("d/a.mp4", "a");
        Path locked = file("d/locked.mp4", "l");
        Path closed = file("d/closed/x.mp4", "x").getParent();
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("---------"));
        try {
            CliException e = usage(() -> select(selector().recursive(true), "d"));

            assertThat(e.getMessage()).startsWith("cannot read 2 entries: ")
                    .contains("d/locked.mp4 (permission denied)", "d/closed (permission denied)");
            Selection s = select(selector().recursive(true).exclude("locked.mp4").exclude("closed/**"), "d");
            assertThat(keys(s)).containsExactly("a.mp4");
        } finally {
            Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void select_unreadableEntriesAsAnotherUser_areRefusedNamingEachAndExcludesPassThemOver() throws Exception {
        // root reads every file, so as root the check runs in a child JVM as "nobody" (uid 65534)
        assumeThat(isRoot()).as("run as root: the test above covers other users").isTrue();
        assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv"))).as("setpriv (util-linux) is installed").isTrue();
        Path classes = Path.of(FileSelector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(UnreadableProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = Files.createTempDirectory(Path.of("/tmp"), "unreadable");
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String f : List.of("d/a.mp4", "d/locked.mp4", "d/closed/x.mp4")) {
                Files.createDirectories(root.resolve(f).getParent());
                Files.writeString(root.resolve(f), f);
            }
            for (Path p : List.of(root.resolve("d"), root.resolve("d/a.mp4"))) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.setPosixFilePermissions(root.resolve("d/locked.mp4"), PosixFilePermissions.fromString("---------"));
            Files.setPosixFilePermissions(root.resolve("d/closed"), PosixFilePermissions.fromString("---------"));
            String classpath = classes + java.io.File.pathSeparator + testClasses;
            assumeThat(readableByOthers(classes) && readableByOthers(testClasses))
                    .as("the class directories are readable by other users").isTrue();

            String refused = asNobody(classpath, root.toString());
            String excluded = asNobody(classpath, root.toString(), "locked.mp4", "closed/**");

            assertThat(refused).isEqualTo("exit 2: cannot read 2 entries: d/locked.mp4 (permission denied);"
                    + " d/closed (permission denied); fix the permissions or --exclude them");
            assertThat(excluded).isEqualTo("[a.mp4]");
        } finally {
            Files.setPosixFilePermissions(root.resolve("d/closed"), PosixFilePermissions.fromString("rwx------"));
            try (var all = Files.walk(root)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static boolean readableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static String asNobody(String classpath, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                UnreadableProbe.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Whether this process runs as root: the owner of a file it creates. */
    private static boolean isRoot() throws Exception {
        Path probe = Files.createTempFile("uid", ".probe");
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
        } finally {
            Files.delete(probe);
        }
    }

    private static long ctime(Path p) throws IOException {
        return ((FileTime) Files.getAttribute(p, "unix:ctime")).toMillis();
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
