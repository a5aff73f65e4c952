package io.vodupload.cli.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Properties of {@link M3u8Reader} over generated packages on disk (seeded, so a failure repeats): however a
 * reference is spelled (dot segments, percent-encoding, a query, a fragment), it resolves to the file it
 * names, every file once; and one offender among valid references is refused, named alone.
 */
class M3u8ReaderPropertiesTest {

    private static final int TRIALS = 60;
    private static final String[] NAMES = {"a", "b", "seg", "x y", "caf\u00e9", "v1", "k"};
    private static final String[] EXTS = {".ts", ".aac", ".key", ".mp4"};

    @TempDir
    Path dir;

    @Test
    void read_anySpellingOfValidReferences_resolvesToExactlyTheFilesNamed() throws IOException {
        for (int trial = 0; trial < TRIALS; trial++) {
            Random random = new Random(trial);
            Path root = dir.resolve("t" + trial);
            Set<String> expected = new TreeSet<>();
            StringBuilder top = new StringBuilder("#EXTM3U\n");
            int variants = random.nextInt(3);
            for (int v = 0; v < variants; v++) {
                String variant = "var" + v + "/index.m3u8";
                expected.add(variant);
                StringBuilder text = new StringBuilder("#EXTM3U\n");
                for (String file : files(random, root, "var" + v + "/", expected)) {
                    text.append("#EXTINF:2,\n").append(spell(random, file.substring(("var" + v + "/").length()))).append('\n');
                }
                write(root.resolve(variant), text.toString());
                top.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v + 1).append('\n').append(spell(random, variant)).append('\n');
            }
            for (String file : files(random, root, "", expected)) {
                top.append(random.nextBoolean() ? "#EXT-X-KEY:METHOD=AES-128,URI=\"" + spell(random, file) + "\"\n"
                        : "#EXTINF:2,\n" + spell(random, file) + "\n");
            }
            Path playlist = write(root.resolve("index.m3u8"), top.toString());

            HlsPackage p = M3u8Reader.read(playlist);

            assertThat(p.members().stream().map(HlsPackage.Member::path).toList()).as("trial %d:%n%s", trial, top)
                    .containsExactlyElementsOf(expected);
            assertThat(p.members()).allSatisfy(m -> assertThat(m.file()).isEqualTo(root.resolve(m.path())));
        }
    }

    @Test
    void read_oneOffenderAmongValidReferences_isTheOneProblemNamed() throws IOException {
        String[] offenders = {"../up.ts", "a/../../up.ts", "http://cdn.example.com/s.ts", "/abs.ts", "nothere.ts",
            "%2E%2E/up.ts", "bad%4.ts"};
        for (int trial = 0; trial < TRIALS; trial++) {
            Random random = new Random(1000 + trial);
            Path root = dir.resolve("o" + trial + "/pkg");
            Set<String> valid = new TreeSet<>();
            List<String> lines = new ArrayList<>();
            for (String file : files(random, root, "", valid)) {
                lines.add("#EXTINF:2,\n" + spell(random, file));
            }
            String offender = offenders[random.nextInt(offenders.length)];
            lines.add(random.nextInt(lines.size() + 1), "#EXTINF:2,\n" + offender);
            Files.createDirectories(root.getParent());
            Files.writeString(root.getParent().resolve("up.ts"), "outside");
            Path playlist = write(root.resolve("index.m3u8"), "#EXTM3U\n" + String.join("\n", lines) + "\n");

            assertThatThrownBy(() -> M3u8Reader.read(playlist)).as("trial %d", trial)
                    .isInstanceOfSatisfying(InvalidPackageException.class, e -> {
                        assertThat(e.problems()).hasSize(1);
                        assertThat(e.problems().get(0)).startsWith("index.m3u8: " + offender + " (");
                    });
        }
    }

    /** Creates 1..5 files under {@code prefix} and adds their paths to {@code expected}. */
    private static List<String> files(Random random, Path root, String prefix, Set<String> expected) throws IOException {
        List<String> made = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String sub = random.nextInt(3) == 0 ? NAMES[random.nextInt(NAMES.length)] + "/" : "";
            String path = prefix + sub + NAMES[random.nextInt(NAMES.length)] + i + EXTS[random.nextInt(EXTS.length)];
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, path);
            expected.add(path);
            made.add(path);
        }
        return made;
    }

    /** {@code path} spelled one of the equivalent ways a playlist may write it. */
    private static String spell(Random random, String path) {
        String s = path;
        if (random.nextBoolean()) {
            s = "./" + s;
        }
        if (random.nextInt(3) == 0 && s.contains("/")) {
            int slash = s.lastIndexOf('/');
            s = s.substring(0, slash) + "/zz/.." + s.substring(slash);
        }
        StringBuilder b = new StringBuilder();
        for (byte by : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (by & 0xff);
            boolean plain = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '/';
            if (!plain || random.nextInt(8) == 0) {
                b.append(String.format("%%%02X", by & 0xff));
            } else {
                b.append(c);
            }
        }
        s = b.toString().replace("%2F", "/");
        if (random.nextInt(3) == 0) {
            s += random.nextBoolean() ? "?Expires=1&Signature=x%2By" : "#t=1";
        }
        return s;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
