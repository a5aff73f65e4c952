package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vodupload.cli.wiring.OssStorageModule;
import io.vodupload.cli.wiring.VodApiModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

/** Every bad input gets exit 2 and one line naming the bad value; help and version work. */
class CliUsageTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(dir, dir.resolve("home"));
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
        Files.createDirectories(dir.resolve("adir"));
    }

    static Stream<Arguments> badInputs() {
        String goodAddress = b64("{\"Endpoint\":\"http://127.0.0.1:9\",\"Bucket\":\"b\",\"FileName\":\"k.mp4\"}");
        String goodAuth = b64("{\"AccessKeyId\":\"STS.a\",\"AccessKeySecret\":\"s\",\"SecurityToken\":\"t\",\"Expiration\":\"3600\"}");
        return Stream.of(
            Arguments.of(new String[] {}, "missing command"),
            Arguments.of(new String[] {"upload"}, "Missing required parameter: 'PATH'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--frobnicate"}, "unknown option '--frobnicate'"),
            Arguments.of(new String[] {"upload", "nope.mp4"}, "no such file: nope.mp4"),
            // a directory is a batch's argument, and takes -r
            Arguments.of(new String[] {"upload", "adir"}, "adir: is a directory; add --recursive"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--store", "s", "--endpoint", "http://127.0.0.1:9"},
                "conflicting targets: --store and --endpoint"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--store", "s", "--key", "k", "--bucket", "b"},
                "conflicting targets: --store and --bucket"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--vod-region", "cn-shanghai", "--key", "k"},
                "conflicting targets: --vod-region and --key"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", goodAddress, "--vod-region", "cn-shanghai"},
                "conflicting targets: --upload-address and --vod-region"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--part-size", "10XB"}, "unknown size unit 'XB' in '10XB'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--part-size", "lots"}, "'lots'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--part-size", "1KiB"}, "--part-size 1KiB is below 100 KiB"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--part-size", "6GiB"}, "--part-size 6GiB is above 5 GiB"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--type", "movie"}, "expected video, image, attached or m3u8 but was 'movie'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--transport", "ftp"}, "expected http or oss but was 'ftp'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--signature", "v3"}, "expected v1 or v4 but was 'v3'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--parallel", "0"}, "--parallel must be 1..64: 0"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--parallel", "many"}, "'many'"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--max-retries", "-1"}, "--max-retries must be 0..100: -1"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--timeout", "0"}, "--timeout must be a positive number of seconds: 0"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", "not base64!", "--upload-auth", "x"},
                "--upload-address:"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", goodAddress, "--upload-auth", "%%%"},
                "--upload-auth:"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", goodAddress}, "--upload-address needs --upload-auth"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address",
                b64("{\"Endpoint\":\"file:///tmp/store\",\"Bucket\":\"b\",\"FileName\":\"k.mp4\"}"), "--upload-auth", goodAuth},
                "--upload-address: UploadAddress Endpoint is not an http or https URL: file:///tmp/store"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", goodAddress, "--upload-auth",
                b64("{\"AccessKeyId\":\"STS.a\",\"AccessKeySecret\":98765432123,\"SecurityToken\":\"t\",\"Expiration\":\"3600\"}")},
                "--upload-auth: UploadAuth AccessKeySecret is not a string (a JSON number)"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--upload-address", goodAddress, "--upload-auth",
                b64("{\"AccessKeyId\":\"STS.a\",\"AccessKeySecret\":\"s\",\"SecurityToken\":false,\"Expiration\":\"3600\"}")},
                "--upload-auth: UploadAuth SecurityToken is not a string (a JSON boolean)"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b"},
                "the OSS target needs --endpoint, --bucket and --key; missing --key"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b", "--key", "k"},
                "no AccessKey for the OSS target"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--endpoint", "ftp://x", "--bucket", "b", "--key", "k"},
                "endpoint is not a URL or host: ftp://x"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--title", "T"}, "--title only go with the --vod-region target"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--access-key-id", "AK"},
                "--access-key-id only go with the --endpoint or --vod-region targets"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--auth-command", "true"},
                "--auth-command has nothing to refresh with the local store"),
            Arguments.of(new String[] {"upload", "clip.mp4", "--transport", "http"},
                "--transport http applies to OSS targets, not the embedded local store"),
            // the title defaults to the file's base name, so what is missing next is the AccessKey
            Arguments.of(new String[] {"upload", "clip.mp4", "--vod-region", "cn-shanghai"},
                "no AccessKey for VOD"),
            Arguments.of(new String[] {"checkpoints", "remove"}, "give exactly one of: FINGERPRINT..., --file FILE, --all"),
            Arguments.of(new String[] {"checkpoints", "remove", "abcdef"}, "no checkpoint matches 'abcdef'"),
            Arguments.of(new String[] {"refresh-upload", "--vod-region", "cn-shanghai"}, "Missing required option: '--video-id=ID'"),
            Arguments.of(new String[] {"create-upload", "--vod-region", "cn-shanghai", "--file-name", "noext"},
                "--file-name has no extension: 'noext'")
        );
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void upload_badInput_exits2WithOneLineNamingIt(String[] args, String expected) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).as(r.toString()).contains(expected);
        // one error line; besides it only the usage hint of picocli's parse errors and secret-flag warnings
        assertThat(r.stderr().lines().filter(l -> !l.startsWith("Try '") && !l.startsWith("vodupload: warning: ")))
                .singleElement().asString().startsWith("vodupload: ").contains(expected);
        assertThat(r.stderr()).doesNotContain("\tat "); // no stack trace without --debug
    }

    @Test
    void upload_badInputWithJson_writesOneFailedEvent() {
        CliHarness.Result r = cli.run("upload", "nope.mp4", "--json");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.events()).hasSize(1);
        JsonNode failed = r.events().get(0);
        assertThat(failed.get("event").asText()).isEqualTo("failed");
        assertThat(failed.get("code").asText()).isEqualTo("FileNotFound");
        assertThat(failed.get("message").asText()).isEqualTo("no such file: nope.mp4");
    }

    @Test
    void upload_parseErrorWithJson_writesFailedEvent() {
        CliHarness.Result r = cli.run("upload", "clip.mp4", "--json", "--part-size", "huge");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.event("failed").get("code").asText()).isEqualTo("InvalidArgument");
    }

    @Test
    void upload_transportWhoseModuleIsNotInstalled_exits2SayingItIsNotBuiltIn() {
        CliHarness.Result r = cli.without(OssStorageModule.class).env("VODUPLOAD_ACCESS_KEY_ID", "AK").env("VODUPLOAD_ACCESS_KEY_SECRET", "SK")
                .run("upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b", "--key", "k",
                        "--transport", "oss");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr().lines().toList())
                .containsExactly("vodupload: --transport oss is not built into this version of vodupload; use --transport http");
    }

    @Test
    void createUpload_vodModuleNotInstalled_exits2SayingItIsNotBuiltIn() {
        CliHarness.Result r = cli.without(VodApiModule.class).env("VODUPLOAD_ACCESS_KEY_ID", "AK")
                .env("VODUPLOAD_ACCESS_KEY_SECRET", "SK")
                .run("create-upload", "--vod-region", "cn-shanghai", "--title", "T", "--file-name", "a.mp4");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("VOD OpenAPI support (adapters-vod) is not built into this version");
    }

    @Test
    void upload_secretAsFlag_warnsButNotWhenItComesFromAnAtFile() throws Exception {
        CliHarness.Result viaFlag = cli.run("upload", "nope.mp4", "--upload-auth", "c2VjcmV0");
        assertThat(viaFlag.stderr().lines().filter(l -> l.contains("warning"))).containsExactly(
                "vodupload: warning: --upload-auth holds a secret and is visible in the process list; "
                        + "set VODUPLOAD_UPLOAD_AUTH instead (or pass it in an @file)");

        Path args = Files.writeString(dir.resolve("secret.args"), "--upload-auth c2VjcmV0\n");
        CliHarness.Result viaFile = cli.run("upload", "nope.mp4", "@" + args);
        assertThat(viaFile.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(viaFile.stderr()).contains("no such file: nope.mp4").doesNotContain("warning");
    }

    @Test
    void upload_debug_showsTheStackTrace() {
        CliHarness.Result r = cli.run("upload", "nope.mp4", "--debug");
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("no such file: nope.mp4").contains("\tat io.vodupload.cli.");
    }

    @Test
    void version_printsTheVersion() {
        CliHarness.Result r = cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("vodupload ").doesNotContain("unknown").doesNotContain("${");
    }

    @Test
    void help_listsEveryCommandAndExitCodes() {
        CliHarness.Result r = cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("upload", "create-upload", "refresh-upload", "checkpoints", "130 interrupted");
    }

    @Test
    void uploadHelp_listsEveryOptionOfTheContract() {
        CliHarness.Result r = cli.run("upload", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("--store", "--upload-address", "--upload-auth", "--endpoint", "--bucket", "--key",
                "--access-key-id", "--access-key-secret", "--security-token", "--vod-region", "--vod-endpoint", "--title",
                "--type", "--transport", "--signature", "--region", "--path-style", "--part-size", "--parallel",
                "--max-retries", "--timeout", "--checkpoint-dir", "--no-resume", "--auth-command", "--json", "--quiet",
                "--debug");
    }

    @Test
    void checkpointsList_empty_printsNothingOnStdout() {
        CliHarness.Result r = cli.run("checkpoints", "list", "--checkpoint-dir", "cps");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("no checkpoints in " + dir.resolve("cps"));
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
