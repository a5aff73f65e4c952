package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * File names with an ESC sequence and a newline, as a real process writes them to a (non-terminal) stdout and
 * stderr: every human line shows them escaped, so no name can recolour the terminal or fake a line.
 */
class ControlCharacterNamesSubprocessTest {

    private static final String NAME = "a\u001b[31mred\nvodupload: uploaded fake\r.mp4";

    @TempDir
    Path dir;

    @Test
    void upload_fileNameWithEscAndNewline_everyHumanLineShowsThemEscaped() throws Exception {
        TestFiles.random(dir.resolve(NAME), 150 * 1024, 3);

        try (Subprocess child = Subprocess.start(dir, Map.of(), List.of("upload", NAME, "--store", "store",
                "--checkpoint-dir", "checkpoints"))) {
            int code = child.waitFor(Duration.ofSeconds(60));
            String all = child.stdout() + child.stderr();

            assertThat(code).as(all).isZero();
            assertRawFree(all);
            assertThat(child.stderr()).contains("/a\\e[31mred\\nvodupload: uploaded fake\\r.mp4 (150.0 KiB) to ");
            assertThat(child.stdout()).contains("uploaded a\\e[31mred\\nvodupload: uploaded fake\\r.mp4 (");
        }
    }

    @Test
    void upload_missingFileNameWithEscAndNewline_oneEscapedErrorLine() throws Exception {
        try (Subprocess child = Subprocess.start(dir, Map.of(), List.of("upload", "gone\u001b]0;owned\u0007\nx.mp4"))) {
            int code = child.waitFor(Duration.ofSeconds(60));

            assertThat(code).isEqualTo(Exit.USAGE);
            assertRawFree(child.stdout() + child.stderr());
            assertThat(child.stderr()).isEqualTo("vodupload: no such file: gone\\e]0;owned\\x07\\nx.mp4"
                    + System.lineSeparator());
        }
    }

    /** No ESC, BEL or CR anywhere, and every line is one of ours. */
    private static void assertRawFree(String output) {
        assertThat(output).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r");
        assertThat(output.lines()).allSatisfy(line -> assertThat(line)
                .matches("vodupload: .*|uploaded .*|crc64 .*"));
    }
}
