package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static io.vodupload.examples.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.domain.PublishManager;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.Crc64;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssObject;
import io.vodupload.testkit.oss.OssOperation;
import io.vodupload.testkit.oss.OssServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SeedFlowExampleTest {

    private static final Credentials FIRST = Credentials.sts("STS.first", "first-secret", "first-token", null);
    private static final Credentials SECOND = Credentials.sts("STS.second", "second-secret", "second-token", null);
    private static final String KEY = "sv/1f2e3d/1f2e3d.mp4";

    @TempDir
    Path dir;

    private final OssServer server = OssServer.builder().bucket(BUCKET)
            .credentials(OssCredentials.sts(FIRST.accessKeyId(), FIRST.accessKeySecret(), "first-token")).start();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void upload_retryAndTokenExpiry_theSixCallbacksAnsweredAndTheObjectStored() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("movie.mp4"), 5 * MIB, 1);
        server.faults().failNext(OssOperation.UPLOAD_PART, 503, "ServiceUnavailable");
        server.faults().expireTokenAfterParts(2);
        AtomicInteger refreshes = new AtomicInteger();

        SeedFlowExample.Outcome outcome = SeedFlowExample.upload(file,
                Fixtures.uploadAddress(server.endpoint().toString(), BUCKET, KEY),
                Fixtures.uploadAuth(FIRST, server.region()),
                () -> {
                    // the app server's RefreshUploadVideo: VOD grants new STS credentials
                    refreshes.incrementAndGet();
                    server.credentials().add(OssCredentials.sts(SECOND.accessKeyId(), SECOND.accessKeySecret(),
                            "second-token"));
                    return Fixtures.uploadAuth(SECOND, server.region());
                }, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.returnCode()).isEqualTo(PublishManager.OK);
        assertThat(outcome.callbacks()).contains("onUploadProgress", "onUploadRetry", "onUploadRetryResume",
                "onUploadTokenExpired").doesNotContain("onUploadFailed").last().isEqualTo("onUploadSuccess");
        assertThat(outcome.callbacks().indexOf("onUploadRetryResume"))
                .isGreaterThan(outcome.callbacks().indexOf("onUploadRetry"));
        assertThat(refreshes).as("one new UploadAuth for one expiry").hasValue(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("new UploadAuth handed in: 0")
                .doesNotContain("first-secret", "second-secret", "first-token", "second-token");
        byte[] expected = Files.readAllBytes(file);
        OssObject stored = server.object(BUCKET, KEY).orElseThrow();
        assertThat(stored.bytes()).isEqualTo(expected);
        assertThat(stored.contentType()).isEqualTo("video/mp4");
        assertThat(outcome.result().orElseThrow().crc64()).isEqualTo(Crc64.of(expected));
    }

    @Test
    void upload_bucketTheStorageDoesNotHave_onUploadFailedAndNothingStored() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("movie.mp4"), 2 * MIB, 2);

        SeedFlowExample.Outcome outcome = SeedFlowExample.upload(file,
                Fixtures.uploadAddress(server.endpoint().toString(), "no-such-bucket", KEY),
                Fixtures.uploadAuth(FIRST, server.region()), () -> {
                    throw new AssertionError("no token expiry expected");
                }, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.returnCode()).isEqualTo(PublishManager.OK);
        assertThat(outcome.result()).isEmpty();
        assertThat(outcome.callbacks()).last().isEqualTo("onUploadFailed");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("failed: NoSuchBucket");
        assertThat(server.object(BUCKET, KEY)).isEmpty();
        assertThat(server.uploadIds()).isEmpty();
    }
}
