package io.vodupload.examples;

import static io.vodupload.examples.Fixtures.BUCKET;
import static io.vodupload.examples.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodupload.adapters.http.HttpObjectStorage;
import io.vodupload.domain.QueueCounts;
import io.vodupload.domain.Uploader;
import io.vodupload.ports.Credentials;
import io.vodupload.ports.CredentialsProvider;
import io.vodupload.ports.StorageTarget;
import io.vodupload.testkit.oss.OssCredentials;
import io.vodupload.testkit.oss.OssServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class UploadQueueExampleTest {

    private static final Credentials KEYS = Credentials.of("queue-key", "queue-secret");

    @TempDir
    Path dir;

    private final OssServer server = OssServer.builder().bucket(BUCKET)
            .credentials(OssCredentials.of(KEYS.accessKeyId(), KEYS.accessKeySecret())).start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadAll_firstFileHeldBack_othersFinishFirstThenItAndTheQueueIsAllDone() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String name : List.of("a.mp4", "b.mp4", "c.mp4", "d.mp4")) {
            files.add(Fixtures.randomFile(dir.resolve(name), 6 * MIB, name.charAt(0)));
        }
        // slower than loopback, and more parts than a file sends at once (4), so that the first file is still
        // sending when its onUploadStarted pauses it, however late the callback thread runs
        server.faults().delayEveryRequest(Duration.ofMillis(150));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        UploadQueueExample.Outcome outcome;
        try (HttpObjectStorage storage = HttpObjectStorage.builder().build();
             Uploader uploader = Uploader.builder(storage).build()) {
            outcome = UploadQueueExample.uploadAll(uploader, CredentialsProvider.fixed(KEYS), files,
                    file -> StorageTarget.of(server.endpoint().toString(), BUCKET, "queue/" + file.getFileName()),
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
        }

        assertThat(outcome.counts()).isEqualTo(new QueueCounts(4, 0, 0));
        List<String> events = outcome.events();
        assertThat(events).containsSubsequence("started a.mp4", "paused a.mp4", "succeeded b.mp4", "resumed a.mp4",
                "succeeded a.mp4", "all done: " + outcome.counts());
        assertThat(events).containsSubsequence("succeeded c.mp4", "resumed a.mp4");
        assertThat(events).containsSubsequence("succeeded d.mp4", "resumed a.mp4");
        assertThat(events).filteredOn(e -> e.startsWith("all done")).hasSize(1);
        assertThat(events).noneMatch(e -> e.startsWith("failed") || e.startsWith("could not"));
        for (Path file : files) {
            assertThat(server.object(BUCKET, "queue/" + file.getFileName()).orElseThrow().bytes())
                    .as(file.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
        }
        assertThat(server.uploadIds()).as("no multipart upload left behind").isEmpty();
    }
}
