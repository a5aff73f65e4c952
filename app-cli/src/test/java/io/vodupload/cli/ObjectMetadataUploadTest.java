package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --content-type}, {@code --meta}, {@code --storage-class} and {@code --acl} end to end, in-process,
 * against the testkit OSS server (which stores the headers it receives and refuses values OSS refuses), over
 * both transports, as one PutObject and as a multipart upload; a batch; the local store's sidecar; the dry run.
 */
class ObjectMetadataUploadTest {

    private static final int PART = 100 * 1024;
    private static final String[] METADATA = {"--content-type", "video/x-matroska", "--meta", "Owner=team-a",
        "--meta", "take=2", "--storage-class", "coldarchive", "--acl", "PUBLIC-READ"};

    @TempDir
    Path dir;

    private OssFixture oss;
    private CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        oss = new OssFixture();
        cli = new CliHarness(dir, dir.resolve("home"))
                .env("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK).env("VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET)
                .env("VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN);
        TestFiles.random(dir.resolve("small.mp4"), 5000, 1);
        TestFiles.random(dir.resolve("large.mp4"), 3L * PART + 17, 2);
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    private static String[] args(String[] first, String... more) {
        List<String> all = new ArrayList<>(Arrays.asList(first));
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    private String[] ossUpload(String file, String transport) {
        return new String[] {"upload", file, "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET, "--key",
            "v/" + file, "--part-size", "100KiB", "--transport", transport};
    }

    private static void assertCarriesTheFlags(OssObject o) {
        assertThat(o.contentType()).isEqualTo("video/x-matroska");
        assertThat(o.userMetadata()).isEqualTo(Map.of("owner", "team-a", "take", "2"));
        assertThat(o.storageClass()).isEqualTo("ColdArchive");
        assertThat(o.acl()).isEqualTo("public-read");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"http, small.mp4, PUT_OBJECT", "http, large.mp4, COMPLETE_MULTIPART",
        "oss, small.mp4, PUT_OBJECT", "oss, large.mp4, COMPLETE_MULTIPART"})
    void upload_metadataFlags_theObjectCarriesThemOverEitherTransport(String transport, String file,
                                                                      OssOperation creator) {
        CliHarness.Result r = cli.run(args(ossUpload(file, transport), METADATA));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(oss.server.stats().requests(creator)).isEqualTo(1);
        OssObject o = oss.server.object(OssFixture.BUCKET, "v/" + file).orElseThrow();
        assertCarriesTheFlags(o);
        assertThat(o.objectType()).isEqualTo(creator == OssOperation.PUT_OBJECT ? "Normal" : "Multipart");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http", "oss"})
    void upload_noMetadataFlags_typeByExtensionAndTheBucketsDefaults(String transport) {
        CliHarness.Result r = cli.run(ossUpload("large.mp4", transport));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        OssObject o = oss.server.object(OssFixture.BUCKET, "v/large.mp4").orElseThrow();
        assertThat(o.contentType()).isEqualTo("video/mp4");
        assertThat(o.userMetadata()).isEmpty();
        assertThat(o.storageClass()).isEqualTo("Standard");
        assertThat(o.acl()).isEqualTo("default");
    }

    @Test
    void upload_directoryBatch_everyFileCarriesTheFlags() throws Exception {
        TestFiles.random(dir.resolve("d/a.mp4"), 3000, 3);
        TestFiles.random(dir.resolve("d/sub/b.mp4"), 3L * PART, 4);

        CliHarness.Result r = cli.run(args(new String[] {"upload", "d", "-r", "--endpoint", oss.endpoint(),
            "--bucket", OssFixture.BUCKET, "--key-prefix", "batch/", "--part-size", "100KiB"}, METADATA));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertCarriesTheFlags(oss.server.object(OssFixture.BUCKET, "batch/a.mp4").orElseThrow());
        assertCarriesTheFlags(oss.server.object(OssFixture.BUCKET, "batch/sub/b.mp4").orElseThrow());
    }

    @Test
    void upload_toTheLocalStore_theSidecarKeepsTypeAndHeaders() throws Exception {
        CliHarness.Result r = cli.run(args(new String[] {"upload", "large.mp4", "--part-size", "100KiB"}, METADATA));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        List<Path> sidecars;
        try (Stream<Path> s = Files.list(dir.resolve("vodupload-store/.vodupload/objects"))) {
            sidecars = s.toList();
        }
        assertThat(sidecars).hasSize(1);
        JsonNode sidecar = new ObjectMapper().readTree(sidecars.get(0).toFile());
        assertThat(sidecar.get("contentType").asText()).isEqualTo("video/x-matroska");
        assertThat(new ObjectMapper().convertValue(sidecar.get("headers"), Map.class)).isEqualTo(Map.of(
                "x-oss-meta-owner", "team-a", "x-oss-meta-take", "2", "x-oss-storage-class", "ColdArchive",
                "x-oss-object-acl", "public-read"));
    }

    @Test
    void upload_dryRun_showsTheMetadataAndSendsNothing() {
        CliHarness.Result text = cli.run(args(ossUpload("small.mp4", "http"), args(METADATA, "--dry-run")));
        CliHarness.Result json = cli.run(args(ossUpload("small.mp4", "oss"), "--meta", "a=1", "--dry-run", "--json"));

        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("object     content type video/x-matroska; x-oss-meta-owner: team-a;"
                + " x-oss-meta-take: 2; x-oss-object-acl: public-read; x-oss-storage-class: ColdArchive");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.event("dryRun").get("object").asText())
                .isEqualTo("content type video/mp4 (by extension); x-oss-meta-a: 1");
        assertThat(oss.server.stats().requests(OssOperation.PUT_OBJECT)).isZero();
        assertThat(oss.server.object(OssFixture.BUCKET, "v/small.mp4")).isEmpty();
    }

    @Test
    void upload_vodTicketWithStorageClassOrAcl_exits2AndTheMetaFlagsStillApply() {
        String[] ticket = {"upload", "small.mp4", "--upload-address", oss.uploadAddress("sv/small.mp4"),
            "--upload-auth", OssFixture.b64(OssFixture.authJson())};
        CliHarness.Result acl = new CliHarness(dir, dir.resolve("home")).run(args(ticket, "--acl", "private"));
        CliHarness.Result meta = new CliHarness(dir, dir.resolve("home"))
                .run(args(ticket, "--meta", "owner=vod", "--content-type", "video/mp4"));

        assertThat(acl.exitCode()).as(acl.toString()).isEqualTo(Exit.USAGE);
        assertThat(acl.stderr()).contains("--acl does not go with a VOD target");
        assertThat(meta.exitCode()).as(meta.toString()).isZero();
        OssObject o = oss.server.object(OssFixture.BUCKET, "sv/small.mp4").orElseThrow();
        assertThat(o.userMetadata()).isEqualTo(Map.of("owner", "vod"));
        assertThat(o.contentType()).isEqualTo("video/mp4");
    }
}
