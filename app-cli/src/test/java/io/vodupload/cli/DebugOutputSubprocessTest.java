package io.vodupload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.testkit.oss.OssOperation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code --debug} as a real process on both transports, with STS credentials and a retried part: it shows our
 * own diagnostics and never a credential, a signature or a body.
 */
class DebugOutputSubprocessTest {

    private static final long SIZE = 1024 * 1024 + 17;

    @TempDir
    Path dir;

    private OssFixture oss;

    @BeforeEach
    void setUp() {
        oss = new OssFixture();
    }

    @AfterEach
    void tearDown() {
        oss.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "oss"})
    void debug_stsUploadWithARetriedPart_showsTheRetryButNoCredentialAndNoBody(String transport) throws Exception {
        Path file = TestFiles.random(dir.resolve("clip.mp4"), SIZE, 5);
        oss.server.faults().failOn(OssOperation.UPLOAD_PART, 2, 503, "ServiceUnavailable");

        try (Subprocess child = Subprocess.start(dir, Map.of("VODUPLOAD_ACCESS_KEY_ID", OssFixture.AK,
                "VODUPLOAD_ACCESS_KEY_SECRET", OssFixture.SECRET, "VODUPLOAD_SECURITY_TOKEN", OssFixture.TOKEN),
                List.of("upload", file.toString(), "--endpoint", oss.endpoint(), "--bucket", OssFixture.BUCKET,
                        "--key", "clip.mp4", "--part-size", "256KiB", "--transport", transport,
                        "--checkpoint-dir", dir.resolve("checkpoints").toString(),
                        "--debug"))) {
            int code = child.waitFor(Duration.ofSeconds(60));
            String err = child.stderr();

            assertThat(code).as(err).isZero();
            assertThat(oss.object("clip.mp4")).isEqualTo(Files.readAllBytes(file));
            assertThat(err).contains("vodupload: debug: ").contains("retry UploadPart");
            assertThat(err + child.stdout()).doesNotContain(OssFixture.SECRET).doesNotContain(OssFixture.TOKEN)
                    .doesNotContainIgnoringCase("authorization: OSS").doesNotContain("x-oss-security-token: ")
                    .doesNotContain("http-outgoing").doesNotContain("jdk.event.security");
            assertThat(child.stderrSize()).as("stderr bytes").isLessThan(SIZE / 50);
        }
    }
}
