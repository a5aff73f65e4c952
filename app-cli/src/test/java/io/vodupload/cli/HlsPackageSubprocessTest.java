package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.vod.FakeVodServer;
import io.vodupload.testkit.vod.VodAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vodupload upload playlist.m3u8} (an HLS package) as a real child process against the testkit OSS
 * server and the fake VOD OpenAPI: the playlist and every file it references, each once, at the same relative
 * paths under the playlist's key, so the uploaded playlist plays from the bucket unchanged.
 */
class HlsPackageSubprocessTest {

    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]*)\"");

    @TempDir
    Path dir;

    private OssFixture oss;
    private Path checkpoints;

    @BeforeEach
    void setUp() {
        oss = new OssFixture();
        checkpoints = dir.resolve("checkpoints");
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    /** A media playlist with a key, an init section, a percent-encoded name and a query string. */
    private Path mediaPackage(Path at) throws IOException {
        TestFiles.random(at.resolve("seg0.ts"), 95_000, 1);
        TestFiles.random(at.resolve("seg1.ts"), 90_000, 2);
        TestFiles.random(at.resolve("seg 2.ts"), 70_000, 3);
        TestFiles.random(at.resolve("keys/k.bin"), 16, 4);
        TestFiles.random(at.resolve("init.mp4"), 1_000, 5);
        return write(at.resolve("index.m3u8"), """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-KEY:METHOD=AES-128,URI="keys/k.bin"
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:4.0,
                seg0.ts
                #EXTINF:4.0,
                ./seg1.ts?v=1
                #EXTINF:4.0,
                seg%202.ts
                #EXT-X-ENDLIST
                """);
    }

    @Test
    void upload_mediaPlaylist_storesEveryFileOnceAndThePlaylistResolvesOnTheServer() throws Exception {
        Path playlist = mediaPackage(dir.resolve("v"));

        CliHarness.Result run = child().run(oss("upload", "v/index.m3u8", "--key", "out/show/index.m3u8", "--json"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode success = onlyTerminal(run, "success");
        assertThat(success.get("key").asText()).isEqualTo("out/show/index.m3u8");
        assertThat(success.get("segments").asInt()).isEqualTo(5);
        assertThat(run.eventNames()).doesNotContain("batchStarted", "batchFinished", "started");
        assertThat(run.events()).filteredOn(e -> e.get("event").asText().equals("segment")).hasSize(5)
                .allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("uploaded"));
        assertThat(oss.object("out/show/index.m3u8")).isEqualTo(Files.readAllBytes(playlist));
        assertThat(resolvesOnServer("out/show/index.m3u8")).containsExactlyInAnyOrder("out/show/index.m3u8",
                "out/show/init.mp4", "out/show/keys/k.bin", "out/show/seg 2.ts", "out/show/seg0.ts",
                "out/show/seg1.ts");
        assertThat(oss.object("out/show/seg 2.ts")).isEqualTo(Files.readAllBytes(dir.resolve("v/seg 2.ts")));
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(6);
        assertThat(run.all()).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
    }

    @Test
    void upload_masterWithVariants_uploadsTheVariantsAndTheirSegmentsUnderTheMastersDirectory() throws Exception {
        TestFiles.random(dir.resolve("m/hi/a.ts"), 40_000, 11);
        TestFiles.random(dir.resolve("m/hi/b.ts"), 40_000, 12);
        TestFiles.random(dir.resolve("m/lo/a.ts"), 20_000, 13);
        TestFiles.random(dir.resolve("m/audio/en.aac"), 5_000, 14);
        write(dir.resolve("m/hi/index.m3u8"), "#EXTM3U\n#EXTINF:4,\na.ts\n#EXTINF:4,\nb.ts\n#EXT-X-ENDLIST\n");
        write(dir.resolve("m/hi/iframes.m3u8"), "#EXTM3U\n#EXT-X-BYTERANGE:100@0\n#EXTINF:4,\na.ts\n");
        write(dir.resolve("m/lo/index.m3u8"), "#EXTM3U\n#EXTINF:4,\na.ts\n#EXT-X-ENDLIST\n");
        write(dir.resolve("m/audio/en.m3u8"), "#EXTM3U\n#EXTINF:4,\nen.aac\n#EXT-X-ENDLIST\n");
        Path master = write(dir.resolve("m/master.m3u8"), """
                #EXTM3U
                #EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="English",URI="audio/en.m3u8"
                #EXT-X-STREAM-INF:BANDWIDTH=1280000,AUDIO="a"
                hi/index.m3u8
                #EXT-X-STREAM-INF:BANDWIDTH=640000,AUDIO="a"
                lo/index.m3u8
                #EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="hi/iframes.m3u8"
                """);

        CliHarness.Result run = child().run(oss("upload", "m/master.m3u8", "--key", "hls/master.m3u8", "--json",
                "--jobs", "3"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(onlyTerminal(run, "success").get("segments").asInt()).isEqualTo(8);
        assertThat(oss.object("hls/master.m3u8")).isEqualTo(Files.readAllBytes(master));
        assertThat(resolvesOnServer("hls/master.m3u8")).containsExactlyInAnyOrder("hls/audio/en.aac", "hls/audio/en.m3u8",
                "hls/hi/a.ts", "hls/hi/b.ts", "hls/hi/iframes.m3u8", "hls/hi/index.m3u8", "hls/lo/a.ts",
                "hls/lo/index.m3u8", "hls/master.m3u8");
        assertThat(oss.object("hls/lo/a.ts")).isEqualTo(Files.readAllBytes(dir.resolve("m/lo/a.ts")));
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gone.ts                        | index.m3u8: gone.ts (missing)",
        "../outside.ts                  | index.m3u8: ../outside.ts (leaves the playlist's directory)",
        "https://cdn.example.com/s.ts   | index.m3u8: https://cdn.example.com/s.ts (an absolute URI; the package must hold the file)"})
    void upload_offendingReference_exits2NamingItAndSendsNothing(String reference, String named) throws Exception {
        TestFiles.random(dir.resolve("p/ok.ts"), 1_000, 1);
        TestFiles.random(dir.resolve("outside.ts"), 1_000, 2);
        write(dir.resolve("p/index.m3u8"), "#EXTM3U\n#EXTINF:4,\nok.ts\n#EXTINF:4,\n" + reference
                + "\n#EXTINF:4,\n/abs/x.ts\n");

        CliHarness.Result run = child().run(oss("upload", "p/index.m3u8", "--key", "k/index.m3u8", "--json"));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(Exit.USAGE);
        JsonNode failed = onlyTerminal(run, "failed");
        assertThat(failed.get("code").asText()).isEqualTo("InvalidPackage");
        assertThat(failed.get("message").asText()).contains("2 problems").contains(named)
                .contains("index.m3u8: /abs/x.ts (an absolute path; give it relative to the playlist)");
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isZero();
        assertThat(oss.server.object(OssFixture.BUCKET, "k/ok.ts")).isEmpty();
    }

    @Test
    void upload_oneSegmentFailsOnce_isRetriedAndThePackageSucceeds() throws Exception {
        mediaPackage(dir.resolve("v"));
        oss.server.faults().failOn(OssOperation.PUT_OBJECT, 2, 503, "ServiceUnavailable");

        CliHarness.Result run = child().run(oss("upload", "v/index.m3u8", "--key", "r/index.m3u8", "--json",
                "--jobs", "1"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.eventNames()).contains("retry");
        assertThat(onlyTerminal(run, "success").get("segments").asInt()).isEqualTo(5);
        assertThat(resolvesOnServer("r/index.m3u8")).hasSize(6);
    }

    @Test
    void upload_segmentRefused_failsThePackageWithoutItsPlaylistAndTheRerunSendsOnlyWhatIsMissing() throws Exception {
        mediaPackage(dir.resolve("v"));
        oss.server.faults().refuseKey("f/seg1.ts", 403, "AccessDenied");
        String[] args = oss("upload", "v/index.m3u8", "--key", "f/index.m3u8", "--json");

        CliHarness.Result first = child().run(args);

        assertThat(first.exitCode()).as(first.all()).isEqualTo(Exit.FAILED);
        JsonNode failed = onlyTerminal(first, "failed");
        assertThat(failed.get("code").asText()).isEqualTo("PackageIncomplete");
        assertThat(failed.get("segments").asInt()).isEqualTo(5);
        assertThat(failed.get("message").asText()).startsWith("1 of 5 files of the package failed")
                .contains("f/seg1.ts: AccessDenied");
        assertThat(oss.server.object(OssFixture.BUCKET, "f/index.m3u8")).isEmpty();
        long putsBefore = oss.server.stats().requests(OssOperation.PUT_OBJECT);

        oss.server.faults().clear();
        CliHarness.Result again = child().run(args);

        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(onlyTerminal(again, "success").get("segments").asInt()).isEqualTo(5);
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT) - putsBefore).as("seg1.ts and the playlist")
                .isEqualTo(2);
        assertThat(again.events()).filteredOn(e -> e.get("event").asText().equals("segment"))
                .extracting(e -> e.get("status").asText()).containsOnly("skipped", "uploaded").contains("uploaded");
        assertThat(resolvesOnServer("f/index.m3u8")).hasSize(6);
    }

    @Test
    void upload_directoryWithAPackageTwoSharingADirectoryAndLooseFiles_uploadsEachFileOnce() throws Exception {
        Path media = dir.resolve("media");
        mediaPackage(media.resolve("show"));
        TestFiles.random(media.resolve("two/a0.ts"), 3_000, 21);
        TestFiles.random(media.resolve("two/b0.ts"), 3_000, 22);
        TestFiles.random(media.resolve("two/shared.ts"), 3_000, 23);
        write(media.resolve("two/a.m3u8"), "#EXTM3U\n#EXTINF:4,\na0.ts\n#EXTINF:4,\nshared.ts\n");
        write(media.resolve("two/b.m3u8"), "#EXTM3U\n#EXTINF:4,\nb0.ts\n#EXTINF:4,\nshared.ts\n");
        TestFiles.random(media.resolve("loose/clip.mp4"), 5_000, 24);
        TestFiles.random(media.resolve("notes.txt"), 500, 25);

        CliHarness.Result run = child().run(oss("upload", "media", "-r", "--key-prefix", "in/", "--json"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode finished = run.events().get(run.events().size() - 1);
        assertThat(finished.get("event").asText()).isEqualTo("batchFinished");
        assertThat(finished.get("succeeded").asInt()).as("3 packages and 2 loose files").isEqualTo(5);
        assertThat(run.events().get(0).get("files").asInt()).isEqualTo(5);
        List<JsonNode> successes = run.events().stream().filter(e -> e.get("event").asText().equals("success")).toList();
        assertThat(successes).extracting(e -> e.get("key").asText()).containsExactlyInAnyOrder("in/show/index.m3u8",
                "in/two/a.m3u8", "in/two/b.m3u8", "in/loose/clip.mp4", "in/notes.txt");
        assertThat(successes).filteredOn(e -> e.get("key").asText().endsWith(".m3u8"))
                .extracting(e -> e.get("segments").asInt()).containsExactlyInAnyOrder(5, 2, 2);
        assertThat(resolvesOnServer("in/show/index.m3u8")).hasSize(6);
        assertThat(resolvesOnServer("in/two/a.m3u8")).containsExactly("in/two/a.m3u8", "in/two/a0.ts", "in/two/shared.ts");
        assertThat(resolvesOnServer("in/two/b.m3u8")).containsExactly("in/two/b.m3u8", "in/two/b0.ts", "in/two/shared.ts");
        // 6 of the first package, 5 of the two sharing shared.ts, 2 loose: each file once
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(13);
    }

    @Test
    void upload_vodRegion_oneCreateUploadVideoForThePlaylistAndItsFilesBesideItWithOneRefresh() throws Exception {
        oss.close();
        oss = new OssFixture("cn-shanghai");
        List<String> granted = new ArrayList<>();
        try (FakeVodServer vod = FakeVodServer.builder().accessKey("LTAI-app", "AppSecret-556677")
                .ticketIssuer(oss.vodIssuer(granted)).start()) {
            Path playlist = mediaPackage(dir.resolve("v"));
            TestFiles.random(dir.resolve("v/seg0.ts"), 450_000, 1); // multipart: its parts expire the token
            oss.server.faults().expireTokenAfterParts(2);

            CliHarness.Result run = new ChildCli(dir).env("HOME", dir.resolve("home").toString())
                    .env("VODUPLOAD_ACCESS_KEY_ID", "LTAI-app").env("VODUPLOAD_ACCESS_KEY_SECRET", "AppSecret-556677")
                    .run("upload", "v/index.m3u8", "--vod-region", "cn-shanghai", "--vod-endpoint",
                            "http://127.0.0.1:" + vod.port(), "--title", "Show", "--part-size", "100KiB",
                            "--parallel", "1", "--jobs", "1", "--json");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(vod.calls(VodAction.CREATE_UPLOAD_VIDEO)).isEqualTo(1);
            assertThat(vod.lastParameters(VodAction.CREATE_UPLOAD_VIDEO).orElseThrow())
                    .containsEntry("FileName", "index.m3u8").containsEntry("Title", "Show");
            assertThat(vod.calls(VodAction.REFRESH_UPLOAD_VIDEO)).as("one refresh for the whole package").isEqualTo(1);
            assertThat(run.eventNames()).contains("tokenExpired");
            JsonNode success = onlyTerminal(run, "success");
            String videoId = success.get("videoId").asText();
            String key = vod.location(videoId).orElseThrow().objectKey();
            assertThat(key).endsWith(".m3u8");
            assertThat(success.get("segments").asInt()).isEqualTo(5);
            assertThat(oss.object(key)).isEqualTo(Files.readAllBytes(playlist));
            String dirKey = "sv/" + videoId + "/";
            assertThat(resolvesOnServer(key)).containsExactlyInAnyOrder(dirKey + "init.mp4", dirKey + "keys/k.bin",
                    dirKey + "seg 2.ts", dirKey + "seg0.ts", dirKey + "seg1.ts", key);
            assertThat(run.all()).doesNotContain("AppSecret-556677");
            granted.forEach(s -> assertThat(run.all()).doesNotContain(s));
        }
    }

    @Test
    void upload_ticket_theFilesGoWithItsCredentialsBesideItsFileName() throws Exception {
        Path playlist = mediaPackage(dir.resolve("v"));

        CliHarness.Result run = new ChildCli(dir).env("HOME", dir.resolve("home").toString()).run("upload",
                "v/index.m3u8", "--upload-address", oss.uploadAddress("tk/abc/abc.m3u8"), "--upload-auth",
                OssFixture.b64(OssFixture.authJson()), "--checkpoint-dir", checkpoints.toString(), "--json");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(onlyTerminal(run, "success").get("segments").asInt()).isEqualTo(5);
        assertThat(oss.object("tk/abc/abc.m3u8")).isEqualTo(Files.readAllBytes(playlist));
        assertThat(resolvesOnServer("tk/abc/abc.m3u8")).hasSize(6).contains("tk/abc/keys/k.bin");
        assertThat(run.all()).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN);
    }

    @Test
    void upload_typeVideo_uploadsAPlaylistAsOnePlainFile() throws Exception {
        Path playlist = mediaPackage(dir.resolve("v"));

        CliHarness.Result run = child().run(oss("upload", "v/index.m3u8", "--key", "plain/index.m3u8", "--type",
                "video", "--json"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.event("success").has("segments")).isFalse();
        assertThat(oss.object("plain/index.m3u8")).isEqualTo(Files.readAllBytes(playlist));
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isEqualTo(1);
    }

    /** The run's one terminal event, which must be {@code name}. */
    private static JsonNode onlyTerminal(CliHarness.Result run, String name) {
        List<JsonNode> terminal = run.events().stream().filter(e -> Set.of("success", "failed", "skipped")
                .contains(e.get("event").asText())).toList();
        assertThat(terminal).as(run.stdout()).hasSize(1);
        assertThat(terminal.get(0).get("event").asText()).isEqualTo(name);
        return terminal.get(0);
    }

    /**
     * Plays {@code playlistKey} from the server as a player would: GETs it, resolves each reference against its
     * key (java.net.URI, not the code under test), GETs that, and reads nested playlists in turn. Returns the
     * keys fetched; fails when one is missing.
     */
    private Set<String> resolvesOnServer(String playlistKey) throws URISyntaxException {
        Set<String> fetched = new TreeSet<>();
        List<String> toRead = new ArrayList<>(List.of(playlistKey));
        while (!toRead.isEmpty()) {
            String key = toRead.remove(0);
            if (!fetched.add(key)) {
                continue;
            }
            String text = new String(oss.object(key), StandardCharsets.UTF_8);
            URI base = new URI("http", "cdn.example", "/" + key, null);
            for (String line : text.split("\n")) {
                List<String> refs = new ArrayList<>();
                if (line.startsWith("#")) {
                    Matcher m = URI_ATTRIBUTE.matcher(line);
                    if (m.find()) {
                        refs.add(m.group(1));
                    }
                } else if (!line.isBlank()) {
                    refs.add(line.strip());
                }
                for (String ref : refs) {
                    String target = base.resolve(ref).getPath().substring(1);
                    assertThat(oss.server.object(OssFixture.BUCKET, target)).as("%s, referenced by %s", target, key)
                            .isPresent();
                    if (target.endsWith(".m3u8")) {
                        toRead.add(target);
                    } else {
                        fetched.add(target);
                    }
                }
            }
        }
        return fetched;
    }

    private String[] oss(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET, "--part-size", "100KiB",
                "--checkpoint-dir", checkpoints.toString()));
        return a.toArray(String[]::new);
    }

    private ChildCli child() {
        ChildCli child = new ChildCli(dir);
        Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK, "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET,
                "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN, "HOME", dir.resolve("home").toString()).forEach(child::env);
        return child;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
