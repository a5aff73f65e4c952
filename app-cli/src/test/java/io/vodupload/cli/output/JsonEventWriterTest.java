package io.vodupload.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vodupload.ports.StorageTarget;
import io.vodupload.ports.UploadResult;
import io.vodupload.ports.UploadStarted;
import io.vodupload.ports.Verification;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

class JsonEventWriterTest {

    private final ObjectMapper mapper = new ObjectMapper();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final JsonEventWriter writer = new JsonEventWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
            mapper, clock, Optional.of("vid-1"));
    private final StorageTarget target = StorageTarget.of("http://127.0.0.1:9000", "bkt", "dir/a.mp4");

    @Test
    void events_eachKind_haveExactlyTheContractFields() throws Exception {
        writer.onUploadStarted(new UploadStarted(Path.of("/tmp/a.mp4"), 300, target, Optional.of("up-1"), 100, 3,
                false, true, 2));
        writer.onUploadProgress(100, 300);
        writer.onUploadRetry("ServiceUnavailable", "try later");
        writer.onUploadRetryResume();
        writer.onUploadTokenExpired();
        writer.onUploadSuccess(new UploadResult(target, 300, -1L, "E", 3, true));
        writer.onUploadFailed("SecurityTokenExpired", "expired");

        List<JsonNode> events = lines();
        assertThat(events).hasSize(7);
        assertFields(events.get(0), "event", "file", "size", "bucket", "key", "uploadId", "resumed", "partsAlreadyDone");
        assertThat(events.get(0).toString()).isEqualTo("{\"event\":\"started\",\"file\":\"/tmp/a.mp4\",\"size\":300,"
                + "\"bucket\":\"bkt\",\"key\":\"dir/a.mp4\",\"uploadId\":\"up-1\",\"resumed\":true,\"partsAlreadyDone\":2}");
        assertThat(events.get(1).toString()).isEqualTo("{\"event\":\"progress\",\"uploaded\":100,\"total\":300}");
        assertThat(events.get(2).toString())
                .isEqualTo("{\"event\":\"retry\",\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}");
        assertThat(events.get(3).toString()).isEqualTo("{\"event\":\"retryResume\"}");
        assertThat(events.get(4).toString()).isEqualTo("{\"event\":\"tokenExpired\"}");
        // crc64 is the unsigned decimal, as a string (2^64 - 1 for the bits of -1)
        assertThat(events.get(5).toString()).isEqualTo("{\"event\":\"success\",\"bucket\":\"bkt\",\"key\":\"dir/a.mp4\","
                + "\"size\":300,\"crc64\":\"18446744073709551615\",\"verification\":\"crc64\",\"videoId\":\"vid-1\"}");
        assertThat(events.get(6).toString())
                .isEqualTo("{\"event\":\"failed\",\"code\":\"SecurityTokenExpired\",\"message\":\"expired\"}");
    }

    @Test
    void success_videoIdUnknown_omitsTheField() throws Exception {
        writer.videoId(Optional.empty());
        writer.onUploadSuccess(new UploadResult(target, 3, 5, "E", 1, false));
        assertFields(lines().get(0), "event", "bucket", "key", "size", "crc64", "verification");
    }

    @Test
    void success_verifiedByContentMd5_saysSoInTheVerificationField() throws Exception {
        writer.onUploadSuccess(new UploadResult(target, 3, 5, "E", 1, false, Verification.CONTENT_MD5));
        assertThat(lines().get(0).get("verification").asText()).isEqualTo("content-md5");
    }

    @Test
    void started_singlePut_uploadIdIsNull() throws Exception {
        writer.onUploadStarted(new UploadStarted(Path.of("/tmp/a.mp4"), 3, target, Optional.empty(), 100, 1,
                false, false, 0));
        assertThat(lines().get(0).get("uploadId").isNull()).isTrue();
    }

    @Test
    void skipped_fileKeyAndReason_inThatOrder() throws Exception {
        writer.skipped(Path.of("/tmp/a.mp4"), "media/a.mp4", "already uploaded");
        JsonNode n = lines().get(0);
        assertFields(n, "event", "file", "key", "reason");
        assertThat(n.toString()).isEqualTo("{\"event\":\"skipped\",\"file\":\"/tmp/a.mp4\",\"key\":\"media/a.mp4\","
                + "\"reason\":\"already uploaded\"}");
    }

    @Test
    void started_fileChanged_addsTheFieldOnlyThen() throws Exception {
        UploadStarted s = new UploadStarted(Path.of("/tmp/a.mp4"), 3, target, Optional.empty(), 100, 1, false, false, 0);
        writer.onUploadStarted(s);
        writer.fileChanged(true);
        writer.onUploadStarted(s);
        assertThat(lines().get(0).has("fileChanged")).isFalse();
        assertThat(lines().get(1).get("fileChanged").asBoolean()).isTrue();
    }

    @Test
    void startedAndProgress_streamOfUnknownLength_sizeAndTotalAreNullUntilKnown() throws Exception {
        writer.onUploadStarted(new UploadStarted(Path.of("-"), -1, target, Optional.of("up-1"), 100, 0,
                false, false, 0));
        writer.onUploadProgress(10, -1);
        clock.advance(Duration.ofMillis(JsonEventWriter.PROGRESS_INTERVAL_MILLIS));
        writer.onUploadProgress(30, 30);

        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("file").asText()).isEqualTo("-");
        assertThat(lines.get(0).get("size").isNull()).isTrue();
        assertThat(lines.get(1).get("uploaded").asLong()).isEqualTo(10);
        assertThat(lines.get(1).get("total").isNull()).isTrue();
        assertThat(lines.get(2).get("total").asLong()).isEqualTo(30);
    }

    @Test
    void progress_manyWithinInterval_throttledButFinalAlwaysWritten() throws Exception {
        writer.onUploadProgress(10, 100);
        writer.onUploadProgress(20, 100);
        clock.advance(Duration.ofMillis(JsonEventWriter.PROGRESS_INTERVAL_MILLIS));
        writer.onUploadProgress(30, 100);
        writer.onUploadProgress(100, 100);
        assertThat(lines()).extracting(n -> n.get("uploaded").asLong()).containsExactly(10L, 30L, 100L);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                nodes.add(mapper.readTree(line));
            }
        }
        return nodes;
    }

    private static void assertFields(JsonNode node, String... names) {
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).containsExactly(names);
    }
}
