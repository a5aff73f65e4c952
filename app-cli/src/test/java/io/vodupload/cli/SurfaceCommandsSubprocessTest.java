package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** {@code generate-completion}, {@code --dry-run} and {@code --version}, from a real process. */
class SurfaceCommandsSubprocessTest {

    @TempDir
    Path dir;

    private ChildCli cli;
    private Path home;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        cli = new ChildCli(dir).env("HOME", home.toString());
        TestFiles.random(dir.resolve("clip.mp4"), 300 * 1024, 4);
    }

    @Test
    void generateCompletion_bash_completesCommandsAndOptions() throws Exception {
        CliHarness.Result r = cli.run("generate-completion");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("complete -F", "vodupload", "upload", "checkpoints", "--part-size", "--dry-run");
        Path script = Files.writeString(dir.resolve("completion.bash"), r.stdout());
        Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(bash.waitFor()).as(new String(bash.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void generateCompletion_zsh_loadsBashCompatibilityFirst() throws Exception {
        CliHarness.Result r = cli.run("generate-completion", "zsh");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n")
                .contains("complete -F");
        assertThat(cli.run("generate-completion", "fish").exitCode()).isEqualTo(Exit.USAGE);
    }

    @Test
    void version_printsVersionCommitBuildTimeAndJava() throws Exception {
        CliHarness.Result r = cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().lines().toList()).hasSize(3);
        assertThat(r.stdout()).startsWith("vodupload ").doesNotContain("${")
                .containsPattern("commit ([0-9a-f]{12}|unknown), built (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ|unknown)")
                .contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void upload_dryRunLocal_saysWhereAndThePlanAndWritesNothing() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--dry-run", "--part-size", "100KiB", "--parallel", "2");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("dry run: nothing is sent", "clip.mp4 (300.0 KiB, 307200 bytes)",
                "the local store " + dir.resolve("vodupload-store") + ", object media/clip.mp4",
                "3 parts, part size 100.0 KiB, parallel 2");
        assertThat(dir.resolve("vodupload-store")).doesNotExist();
        assertThat(home.resolve(".vodupload")).doesNotExist();
    }

    @Test
    void upload_dryRunWithoutParallel_saysThePartsInFlightAreAdaptive() throws Exception {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--dry-run", "--part-size", "100KiB");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("3 parts, part size 100.0 KiB, parallel adaptive, 4 up to 16");
    }

    @Test
    void upload_dryRunOss_contactsNothingAndSaysTheTarget() throws Exception {
        CliHarness.Result r = cli.env("VODUPLOAD_ACCESS_KEY_ID", "AK").env("VODUPLOAD_ACCESS_KEY_SECRET", "SECRET-1")
                .run("upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b", "--key", "v/clip.mp4",
                        "--dry-run", "--json");
        assertThat(r.exitCode()).as(r.toString()).isZero(); // port 9 refuses: nothing was sent
        JsonNode event = r.event("dryRun");
        assertThat(event.get("target").asText()).startsWith("oss://b/v/clip.mp4 at http://127.0.0.1:9");
        assertThat(event.get("partCount").asInt()).isEqualTo(1);
        assertThat(event.get("singlePut").asBoolean()).isTrue();
        assertThat(r.all()).doesNotContain("SECRET-1");
    }

    @Test
    void upload_dryRunTicket_decodesTheAddressOffline() throws Exception {
        String address = b64("{\"Endpoint\":\"http://127.0.0.1:9\",\"Bucket\":\"vb\",\"FileName\":\"sv/abc.mp4\"}");
        String auth = b64("{\"AccessKeyId\":\"STS.x\",\"AccessKeySecret\":\"TICKET-SECRET\",\"SecurityToken\":\"TOK\","
                + "\"Expiration\":\"3600\"}");
        CliHarness.Result r = cli.env("VODUPLOAD_UPLOAD_AUTH", auth)
                .run("upload", "clip.mp4", "--upload-address", address, "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("oss://vb/sv/abc.mp4 at http://127.0.0.1:9");
        assertThat(r.all()).doesNotContain("TICKET-SECRET").doesNotContain("TOK\"");
    }

    @Test
    void upload_dryRunVodRegion_saysACreateUploadCallWouldBeMade() throws Exception {
        CliHarness.Result r = cli.env("VODUPLOAD_ACCESS_KEY_ID", "AK").env("VODUPLOAD_ACCESS_KEY_SECRET", "S")
                .run("upload", "clip.mp4", "--vod-region", "cn-shanghai", "--title", "T", "--dry-run");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("a CreateUploadVideo call to https://vod.cn-shanghai.aliyuncs.com would give");
        assertThat(home.resolve(".vodupload")).doesNotExist();
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
