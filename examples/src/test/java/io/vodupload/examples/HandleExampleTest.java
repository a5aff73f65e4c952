package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static io.vodupload.examples.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.ResumeToken;
import io.vodupload.ports.CheckpointPart;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.Crc64;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class HandleExampleTest {

    private static final Credentials KEYS = Credentials.of("handle-key", "handle-secret");

    @TempDir
    Path dir;

    private final OssServer server = OssServer.builder().bucket(BUCKET)
            .credentials(OssCredentials.of(KEYS.accessKeyId(), KEYS.accessKeySecret())).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startPauseThenResumeInANewUploader_storedPartsNotSentAgainAndObjectComplete() throws Exception {
        Path file = Fixtures.randomFile(dir.resolve("movie.mp4"), 8 * MIB, 3);
        Path tokenFile = dir.resolve("movie.token");
        StorageTarget target = StorageTarget.of(server.endpoint().toString(), BUCKET, "videos/movie.mp4");
        // a network slower than loopback, so there is time to watch progress and pause halfway
        server.faults().delayEveryRequest(Duration.ofMillis(150));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        ResumeToken token;
        UploadResult result;
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build()) {
            token = HandleExample.startAndPause(storage, file, target, CredentialsProvider.fixed(KEYS), tokenFile, out);
            assertThat(server.object(BUCKET, "videos/movie.mp4")).as("nothing complete while paused").isEmpty();
            assertThat(ResumeToken.decode(Files.readString(tokenFile))).isEqualTo(token);
            server.faults().clear();
            result = HandleExample.resume(storage, tokenFile, CredentialsProvider.fixed(KEYS), out);
        }

        String uploadId = token.uploadId().orElseThrow();
        assertThat(token.bytesDone()).as("half stored at the pause").isGreaterThanOrEqualTo(4L * MIB)
                .isLessThan(8L * MIB);
        for (CheckpointPart part : token.parts()) {
            assertThat(server.stats().partAttempts(uploadId, part.partNumber()))
                    .as("UploadPart attempts of part " + part.partNumber() + ", stored before the pause").isEqualTo(1);
        }
        assertThat(server.stats().partAttempts(uploadId)).as("every part of the one upload").hasSize(8);
        byte[] expected = Files.readAllBytes(file);
        assertThat(server.object(BUCKET, "videos/movie.mp4").orElseThrow().bytes()).isEqualTo(expected);
        assertThat(result.crc64()).isEqualTo(Crc64.of(expected));
        assertThat(tokenFile).doesNotExist();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("paused with ").contains("uploaded: ")
                .doesNotContain(KEYS.accessKeySecret());
    }
}
