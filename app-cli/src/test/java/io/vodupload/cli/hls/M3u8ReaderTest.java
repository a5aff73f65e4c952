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
import java.util.Map;
import java.util.Optional;

/** {@link M3u8Reader} over real files. */
class M3u8ReaderTest {

    @TempDir
    Path dir;

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<String> paths(HlsPackage p) {
        return p.members().stream().map(HlsPackage.Member::path).toList();
    }

    @Test
    void read_mediaPlaylistWithKeyMapAndSegments_listsEachFileOnce() throws IOException {
        write("v/seg0.ts", "a");
        write("v/seg1.ts", "b");
        write("v/keys/k.bin", "k");
        write("v/init.mp4", "i");
        Path playlist = write("v/index.m3u8", """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-KEY:METHOD=AES-128,URI="keys/k.bin",IV=0x1
                #EXT-X-MAP:URI="init.mp4"
                # a comment
                #EXTINF:4.0,
                seg0.ts
                #EXT-X-BYTERANGE:100@0
                #EXTINF:4.0,
                seg1.ts
                #EXTINF:4.0,
                ./seg1.ts
                #EXT-X-KEY:METHOD=NONE
                #EXT-X-ENDLIST
                """);

        HlsPackage p = M3u8Reader.read(playlist);

        assertThat(p.playlist()).isEqualTo(playlist);
        assertThat(paths(p)).containsExactly("init.mp4", "keys/k.bin", "seg0.ts", "seg1.ts");
        assertThat(p.members()).allSatisfy(m -> assertThat(m.playlist()).isFalse());
        assertThat(p.members().get(1).file()).isEqualTo(dir.resolve("v/keys/k.bin"));
    }

    @Test
    void read_masterWithVariantsIFramesAndMedia_recursesRelativeToEachPlaylist() throws IOException {
        write("hi/a.ts", "1");
        write("hi/b.ts", "2");
        write("lo/a.ts", "3");
        write("audio/en/x.aac", "4");
        write("hi/iframe.m3u8", "#EXTM3U\n#EXTINF:1,\na.ts\n");
        write("hi/index.m3u8", "#EXTM3U\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts?token=1#t\n");
        write("lo/index.m3u8", "#EXTM3U\n#EXTINF:4,\na.ts\n#EXT-X-RENDITION-REPORT:URI=\"../hi/index.m3u8\",LAST-MSN=1\n");
        write("audio/en/index.m3u8", "#EXTM3U\n#EXTINF:4,\nx.aac\n");
        Path master = write("master.m3u8", """
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="English, US",URI="audio/en/index.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1280000,CODECS="avc1.4d401f,mp4a.40.2"
                hi/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=640000
                lo/index.m3u8
                #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=86000,URI="hi/iframe.m3u8"
                """);

        HlsPackage p = M3u8Reader.read(master);

        assertThat(paths(p)).containsExactly("audio/en/index.m3u8", "audio/en/x.aac", "hi/a.ts", "hi/b.ts",
                "hi/iframe.m3u8", "hi/index.m3u8", "lo/a.ts", "lo/index.m3u8");
        assertThat(p.members()).filteredOn(HlsPackage.Member::playlist).extracting(HlsPackage.Member::path)
                .containsExactly("audio/en/index.m3u8", "hi/iframe.m3u8", "hi/index.m3u8", "lo/index.m3u8");
    }

    @Test
    void read_percentEncodedNamesAndQueries_decodeToTheFileName() throws IOException {
        write("my clip/seg 0.ts", "a");
        write("my clip/caf\u00e9.ts", "b");
        Path playlist = write("p.m3u8", "#EXTM3U\n#EXTINF:1,\nmy%20clip/seg%200.ts?sig=abc\n"
                + "#EXTINF:1,\nmy%20clip/caf%C3%A9.ts\n");

        assertThat(paths(M3u8Reader.read(playlist))).containsExactly("my clip/caf\u00e9.ts", "my clip/seg 0.ts");
    }

    @Test
    void read_partsAndPreloadHints_partsRequiredAHintOnlyWhenPresent() throws IOException {
        write("s/part0.mp4", "p");
        Path playlist = write("ll.m3u8", "#EXTM3U\n#EXT-X-PART:DURATION=1,URI=\"s/part0.mp4\"\n"
                + "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"s/part1.mp4\"\n");

        assertThat(paths(M3u8Reader.read(playlist))).containsExactly("s/part0.mp4");
    }

    @Test
    void read_everyKindOfOffender_refusesListingEachOfThem() throws IOException {
        write("ok.ts", "x");
        write("sub/inner.m3u8", "#EXTM3U\n#EXTINF:1,\n../../outside.ts\n#EXTINF:1,\ngone.ts\n");
        Path playlist = write("index.m3u8", """
                #EXTM3U
                #EXT-X-KEY:METHOD=AES-128,URI="https://keys.example.com/k"
                #EXTINF:1,
                ok.ts
                #EXTINF:1,
                missing.ts
                #EXTINF:1,
                ../escape.ts
                #EXTINF:1,
                /etc/passwd
                #EXTINF:1,
                bad%zz.ts
                #EXT-X-STREAM-INF:BANDWIDTH=1
                sub/inner.m3u8
                """);

        assertThatThrownBy(() -> M3u8Reader.read(playlist)).isInstanceOfSatisfying(InvalidPackageException.class,
                e -> {
                    assertThat(e.problems()).containsExactly(
                            "index.m3u8: https://keys.example.com/k (an absolute URI; the package must hold the file)",
                            "index.m3u8: missing.ts (missing)",
                            "index.m3u8: ../escape.ts (leaves the playlist's directory)",
                            "index.m3u8: /etc/passwd (an absolute path; give it relative to the playlist)",
                            "index.m3u8: bad%zz.ts (broken percent-encoding)",
                            "sub/inner.m3u8: ../../outside.ts (leaves the playlist's directory)",
                            "sub/inner.m3u8: gone.ts (missing)");
                    assertThat(e.getMessage()).startsWith("HLS package index.m3u8 cannot be uploaded: 7 problems: ");
                });
    }

    @Test
    void read_notAPlaylist_refuses() throws IOException {
        Path fake = write("clip.m3u8", "just bytes\n");

        assertThatThrownBy(() -> M3u8Reader.read(fake)).isInstanceOf(InvalidPackageException.class)
                .hasMessageContaining("clip.m3u8: not an M3U8 playlist (its first line is not #EXTM3U)");
    }

    @Test
    void read_playlistsReferencingEachOther_readsEachOnce() throws IOException {
        write("a.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nb.m3u8\n");
        write("b.m3u8", "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:1,\nx.ts\n");
        write("x.ts", "x");

        assertThat(paths(M3u8Reader.read(dir.resolve("a.m3u8")))).containsExactly("b.m3u8", "x.ts");
    }

    @Test
    void looksLikePlaylist_byContentWhateverTheName() throws IOException {
        assertThat(M3u8Reader.looksLikePlaylist(write("a.txt", "\uFEFF#EXTM3U\n"))).isTrue();
        assertThat(M3u8Reader.looksLikePlaylist(write("b.m3u8", "#EXTINF\n"))).isFalse();
        assertThat(M3u8Reader.looksLikePlaylist(dir.resolve("none"))).isFalse();
    }

    @Test
    void attributes_quotedValuesKeepCommas() {
        assertThat(M3u8Reader.attributes("TYPE=AUDIO,NAME=\"a, b\",URI=\"x.m3u8\",DEFAULT=YES"))
                .isEqualTo(Map.of("TYPE", "AUDIO", "NAME", "a, b", "URI", "x.m3u8", "DEFAULT", "YES"));
    }

    @Test
    void resolve_dotSegmentsWithinTheDirectory_normalize() {
        List<String> problems = new ArrayList<>();
        assertThat(M3u8Reader.resolve("a/b/", "../c/./d.ts", "p", problems)).isEqualTo(Optional.of("a/c/d.ts"));
        assertThat(M3u8Reader.resolve("a/", "../../d.ts", "p", problems)).isEmpty();
        assertThat(M3u8Reader.resolve("", "C:x.ts", "p", problems)).isEmpty();
        assertThat(M3u8Reader.resolve("", "dir/", "p", problems)).isEmpty();
        assertThat(problems).hasSize(3);
    }
}
