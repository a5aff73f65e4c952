package io.vodupload.testkit.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The standalone entry point: flags, the printed endpoint, and that the started server serves. */
class OssServerMainTest {

    @Test
    void start_withFlags_printsTheEndpointAndServes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        String[] args = {"--bucket", "media,backup", "--access-key-id", "STS.ak", "--security-token", "tok",
                "--storage", "checksum", "--region", "cn-shanghai", "--threads", "4", "--clock-offset", "PT1M"};

        try (OssServer server = OssServerMain.start(args, Map.of("OSS_SERVER_ACCESS_KEY_SECRET", "from-env"),
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(output.trim()).isEqualTo(server.endpoint().toString()).startsWith("http://127.0.0.1:");
            assertThat(output).doesNotContain("from-env").doesNotContain("tok\n");
            assertThat(server.buckets()).containsExactlyInAnyOrder("media", "backup");
            assertThat(server.storageMode()).isEqualTo(StorageMode.CHECKSUM_ONLY);
            assertThat(server.region()).isEqualTo("cn-shanghai");
            assertThat(server.faults().clockOffset()).isEqualTo(Duration.ofMinutes(1));
            RawOssClient client = new RawOssClient(server, "media").credentials("STS.ak", "from-env", "tok")
                    .clock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(1)));
            assertThat(client.put("k", new byte[] {1, 2, 3}).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void start_missingCredentials_isRefusedNamingTheFlags() {
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--bucket", "media"}, Map.of(), System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--access-key-id");
    }

    @Test
    void start_badValues_areRefusedNamingTheValue() {
        Map<String, String> env = Map.of("OSS_SERVER_ACCESS_KEY_SECRET", "s");
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--bucket", "media", "--access-key-id", "a", "--port", "x"}, env, System.out))
                .hasMessageContaining("--port").hasMessageContaining("x");
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--bucket", "media", "--access-key-id", "a", "--storage", "disk"}, env, System.out))
                .hasMessageContaining("disk");
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--bucket", "Bad_Name", "--access-key-id", "a"}, env, System.out))
                .hasMessageContaining("Bad_Name");
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--nope", "1"}, env, System.out))
                .hasMessageContaining("--nope");
        assertThatThrownBy(() -> OssServerMain.start(new String[] {"--bucket"}, env, System.out))
                .hasMessageContaining("needs a value");
    }

    @Test
    void parseDuration_secondsOrIso_bothAccepted() {
        assertThat(OssServerMain.parseDuration("-300")).isEqualTo(Duration.ofMinutes(-5));
        assertThat(OssServerMain.parseDuration("PT20M")).isEqualTo(Duration.ofMinutes(20));
        assertThatThrownBy(() -> OssServerMain.parseDuration("soon")).hasMessageContaining("soon");
    }
}
