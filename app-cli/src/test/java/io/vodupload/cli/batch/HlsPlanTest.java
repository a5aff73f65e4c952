package io.vodupload.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodupload.cli.CliException;
import io.vodupload.cli.Exit;
import io.vodupload.cli.options.MediaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@link HlsPlan} over a real directory walked by {@link FileSelector}. */
class HlsPlanTest {

    @TempDir
    Path dir;

    private void write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<SelectedFile> walk() {
        return FileSelector.builder().recursive(true).workingDirectory(dir).build().select(List.of(Path.of("."))).files();
    }

    private void tree() throws IOException {
        write("show/master.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhi/index.m3u8\n");
        write("show/hi/index.m3u8", "#EXTM3U\n#EXTINF:4,\na.ts\n");
        write("show/hi/a.ts", "a");
        write("two/a.m3u8", "#EXTM3U\n#EXTINF:4,\nshared.ts\n");
        write("two/b.m3u8", "#EXTM3U\n#EXTINF:4,\nshared.ts\n");
        write("two/shared.ts", "s");
        write("loose/clip.mp4", "c");
        write("show/extra.ts", "not referenced");
    }

    @Test
    void of_directoryWithAMasterTwoPackagesAndLooseFiles_groupsEachFileOnce() throws IOException {
        tree();

        HlsPlan plan = HlsPlan.of(walk(), Optional.empty());

        assertThat(plan.packages()).extracting(p -> p.playlist().key())
                .containsExactly("show/master.m3u8", "two/a.m3u8", "two/b.m3u8");
        assertThat(plan.packages().get(0).hls().members()).extracting(m -> m.path())
                .containsExactly("hi/a.ts", "hi/index.m3u8");
        assertThat(plan.loose()).extracting(SelectedFile::key).containsExactly("loose/clip.mp4", "show/extra.ts");
    }

    @Test
    void of_anotherExplicitType_findsNoPackage() throws IOException {
        tree();

        HlsPlan plan = HlsPlan.of(walk(), Optional.of(MediaType.VIDEO));

        assertThat(plan.packages()).isEmpty();
        assertThat(plan.loose()).hasSize(8);
    }

    @Test
    void of_twoBrokenPackages_refusesOnceListingBothWithTheirDirectories() throws IOException {
        write("a/index.m3u8", "#EXTM3U\n#EXTINF:4,\ngone.ts\n");
        write("b/index.m3u8", "#EXTM3U\n#EXTINF:4,\nhttp://x/y.ts\n");

        assertThatThrownBy(() -> HlsPlan.of(walk(), Optional.empty())).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Exit.USAGE);
            assertThat(e.code()).isEqualTo(HlsPlan.INVALID_PACKAGE);
            assertThat(e.getMessage()).contains("2 problems").contains("a/index.m3u8: gone.ts (missing)")
                    .contains("b/index.m3u8: http://x/y.ts (an absolute URI")
                    .endsWith("; or give --type video to upload playlists as plain files");
        });
    }
}
