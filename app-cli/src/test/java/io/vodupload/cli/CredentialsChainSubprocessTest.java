package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The credentials chain, from a real process (with {@code --dry-run}, which says where the AccessKey came
 * from and contacts nothing): flags, {@code VODUPLOAD_*}, {@code ALIBABA_CLOUD_*}, {@code OSS_*}, then the
 * aliyun CLI's profile file; and the config file's defaults below the flags.
 */
class CredentialsChainSubprocessTest {

    private static final String[] OSS = {"upload", "clip.mp4", "--endpoint", "http://127.0.0.1:9", "--bucket", "b",
        "--key", "k", "--dry-run"};

    @TempDir
    Path dir;

    private Path home;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(dir.resolve("home"));
        TestFiles.random(dir.resolve("clip.mp4"), 2048, 1);
        Files.createDirectories(home.resolve(".aliyun"));
        Files.writeString(home.resolve(".aliyun/config.json"), "{\"current\":\"main\",\"profiles\":["
                + "{\"name\":\"main\",\"mode\":\"AK\",\"access_key_id\":\"AK-PROFILE\",\"access_key_secret\":\"S-PROFILE\"},"
                + "{\"name\":\"sts\",\"mode\":\"StsToken\",\"access_key_id\":\"STS.AK-PROFILE\",\"access_key_secret\":\"S-STS\","
                + "\"sts_token\":\"T-STS\"},"
                + "{\"name\":\"role\",\"mode\":\"RamRoleArn\",\"access_key_id\":\"x\",\"access_key_secret\":\"y\"}]}");
    }

    private ChildCli cli() {
        return new ChildCli(dir).env("HOME", home.toString());
    }

    @Test
    void upload_everySourceSet_flagsWin() throws Exception {
        CliHarness.Result r = allSources(cli()).run(with(OSS, "--access-key-id", "AK-FLAG", "--access-key-secret", "S-FLAG"));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("AccessKey AK-FLAG from flags");
        assertThat(r.all()).doesNotContain("S-FLAG", "S-VOD", "S-ALI", "S-OSS", "S-PROFILE");
    }

    @Test
    void upload_noFlags_orderIsVoduploadAlibabaOssProfile() throws Exception {
        assertThat(allSources(cli()).run(OSS).stdout()).contains("AccessKey AK-VOD from $VODUPLOAD_*");
        assertThat(cli().env("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK-ALI").env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "S-ALI")
                .env("OSS_ACCESS_KEY_ID", "AK-OSS").env("OSS_ACCESS_KEY_SECRET", "S-OSS").run(OSS).stdout())
                .contains("AccessKey AK-ALI from $ALIBABA_CLOUD_*");
        assertThat(cli().env("OSS_ACCESS_KEY_ID", "AK-OSS").env("OSS_ACCESS_KEY_SECRET", "S-OSS")
                .env("OSS_SESSION_TOKEN", "T-OSS").run(OSS).stdout()).contains("AccessKey AK-OSS from $OSS_*");
        assertThat(cli().run(OSS).stdout()).contains("AccessKey AK-PROFILE from profile 'main' in ~/.aliyun/config.json");
    }

    @Test
    void upload_profileFlag_picksThatProfileAndItsMode() throws Exception {
        CliHarness.Result sts = cli().run(with(OSS, "--profile", "sts"));
        assertThat(sts.stdout()).as(sts.toString()).contains("AccessKey STS.AK-PROFILE from profile 'sts'");
        CliHarness.Result role = cli().run(with(OSS, "--profile", "role"));
        assertThat(role.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(role.stderr()).contains("profile 'role' in ~/.aliyun/config.json has mode RamRoleArn");
        CliHarness.Result none = cli().run(with(OSS, "--profile", "nope"));
        assertThat(none.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(none.stderr()).contains("no profile 'nope' in ~/.aliyun/config.json");
        assertThat(sts.all() + role.all() + none.all()).doesNotContain("S-STS", "T-STS", "S-PROFILE");
    }

    @Test
    void upload_halfASource_isRefusedRatherThanMixed() throws Exception {
        CliHarness.Result r = cli().env("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK-ALI").env("OSS_ACCESS_KEY_SECRET", "S-OSS")
                .run(OSS);
        assertThat(r.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(r.stderr()).contains("from $ALIBABA_CLOUD_*: $ALIBABA_CLOUD_ACCESS_KEY_SECRET is missing");
    }

    @Test
    void upload_configFile_givesDefaultsBelowTheFlags() throws Exception {
        Files.createDirectories(home.resolve(".vodupload"));
        Files.writeString(home.resolve(".vodupload/config.json"), "{\"endpoint\":\"http://127.0.0.1:19\","
                + "\"region\":\"cn-shanghai\",\"partSize\":\"1M\",\"parallel\":3,\"transport\":\"http\"}");
        TestFiles.random(dir.resolve("big.mp4"), 3 * 1024 * 1024 + 1, 2);
        ChildCli cli = cli().env("VODUPLOAD_ACCESS_KEY_ID", "AK").env("VODUPLOAD_ACCESS_KEY_SECRET", "S");

        CliHarness.Result fromFile = cli.run("upload", "big.mp4", "--bucket", "b", "--key", "k", "--dry-run");
        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(fromFile.stdout()).contains("oss://b/k at http://127.0.0.1:19", "4 parts, part size 1.0 MiB, parallel 3");

        CliHarness.Result flags = cli.run("upload", "big.mp4", "--bucket", "b", "--key", "k", "--endpoint",
                "http://127.0.0.1:29", "--part-size", "2MB", "--parallel", "5", "--dry-run");
        assertThat(flags.stdout()).contains("oss://b/k at http://127.0.0.1:29", "2 parts, part size 2.0 MiB, parallel 5");

        Files.writeString(home.resolve(".vodupload/config.json"), "{\"partsize\":\"1M\"}");
        CliHarness.Result typo = cli.run("upload", "big.mp4", "--dry-run");
        assertThat(typo.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(typo.stderr()).contains("~/.vodupload/config.json: unknown field partsize");
    }

    private static ChildCli allSources(ChildCli cli) {
        return cli.env("VODUPLOAD_ACCESS_KEY_ID", "AK-VOD").env("VODUPLOAD_ACCESS_KEY_SECRET", "S-VOD")
                .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK-ALI").env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "S-ALI")
                .env("OSS_ACCESS_KEY_ID", "AK-OSS").env("OSS_ACCESS_KEY_SECRET", "S-OSS");
    }

    private static String[] with(String[] base, String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }
}
